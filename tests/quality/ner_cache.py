"""spaCy's raw entities of the wiki summaries, run once and cached, so that rules are re-applied without NER."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from indexer.entities import nlp
from indexer.read.passages import split_passages
from indexer.read.pick import read_bytes


def passages_of(data_file: Path) -> list[tuple[str, str]]:
    """(doc id, body passage text) of every record, split as the indexer splits them."""
    out = []
    for doc in read_bytes(data_file.name, data_file.read_bytes()):
        if isinstance(doc, Exception):
            continue
        out += [(doc.doc_id, p.text) for p in split_passages(doc) if p.kind == "body"]
    return out


def load_or_build(data_file: Path, cache: Path, n_process: int = 2) -> list[dict]:
    """Cached rows {doc, text, ents: [[start, end, label, text]]}; builds the cache with the real pipeline."""
    if cache.exists():
        with cache.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]
    rows = passages_of(data_file)
    started = time.perf_counter()
    out = []
    with nlp.entity_stream([t for _, t in rows], n_process=n_process, refined=False) as found:
        for (doc, text), ents in zip(rows, found):
            out.append({"doc": doc, "text": text, "ents": [list(m) for m in ents]})
    seconds = time.perf_counter() - started
    print(f"NER over {len(rows)} passages: {seconds:.0f} s ({len(rows) / seconds:.0f} passages/s)", file=sys.stderr)
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for row in out:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(cache)
    return out


if __name__ == "__main__":
    load_or_build(Path(sys.argv[1]), Path(sys.argv[2]))
