"""Sleuth's re-rank of a natural query's best hits, on the hits OpenSearch returns: the Whoosh backend's formula
(`whoosh/rerank.py`: coverage of the query's idf, words in the lead sentence, closeness, then one document's
further passages counted less), with the words found by the same analysis chain, so both backends order alike."""
from __future__ import annotations

import math

from ..whoosh.closeness import closeness as _closeness
from ..whoosh.rerank import COVERAGE, LEAD, LEAD_WORDS, PROXIMITY, SAME_DOC, SPREAD
from ..whoosh.schema import LEAD_ANALYZER, TEXT_ANALYZER, TITLE_ANALYZER


def _idf(client, index: str, words: list[str]) -> dict[str, float]:
    """Whoosh's idf of each word in the passage text (log(N / (df + 1)) + 1), from one aggregation request."""
    answer = client.search(index=index, body={"size": 0, "track_total_hits": True, "aggs": {
        str(i): {"filter": {"term": {"text": w}}} for i, w in enumerate(words)}})
    n = answer["hits"]["total"]["value"]
    return {w: math.log(n / (answer["aggregations"][str(i)]["doc_count"] + 1)) + 1 for i, w in enumerate(words)}


def _found(source: dict, words: set[str]) -> tuple[set[str], dict[str, list[int]], set[str]]:
    """The words a passage holds in any searched field, their positions in its text, those in its lead."""
    text = source.get("text", "")
    positions: dict[str, list[int]] = {}
    for t in TEXT_ANALYZER(text, positions=True, mode="index"):
        if t.text in words:
            positions.setdefault(t.text, []).append(t.pos)
    lead = {t.text for t in LEAD_ANALYZER(text, mode="index") if t.text in words}
    named = {t.text for t in TITLE_ANALYZER(source.get("title", ""), mode="index") if t.text in words}
    named |= {t.text for t in TEXT_ANALYZER(source.get("section", ""), mode="index") if t.text in words}
    return set(positions) | lead | named, positions, lead


def rerank(client, index: str, hits: list[dict], words: list[str]) -> list[dict]:
    """The hits (the best DEPTH first) re-scored by coverage, lead and closeness, then spread over documents."""
    if len(words) < 2 or len(hits) < 2:
        return hits
    idf = _idf(client, index, words)
    total = sum(idf.values()) or 1.0
    for hit in hits:
        held, positions, lead = _found(hit["_source"], set(words))
        cover = sum(idf[w] for w in held) / total
        in_lead = sum(idf[w] for w in lead) / total
        close = _closeness(positions) * (len(positions) - 1) / (len(words) - 1) if len(positions) > 1 else 0.0
        hit["_score"] = (hit.get("_score") or 0.0) * (1 + COVERAGE * cover + LEAD * in_lead + PROXIMITY * close
                                                      + LEAD_WORDS * len(lead) / len(words))
    hits.sort(key=lambda h: -h["_score"])
    return _spread(hits)


def _spread(hits: list[dict]) -> list[dict]:
    """Each further passage of one document counts SAME_DOC times less among the first SPREAD."""
    head, seen = hits[:SPREAD], {}
    for hit in head:
        doc = hit["_source"]["doc_id"]
        hit["_score"] *= SAME_DOC ** seen.get(doc, 0)
        seen[doc] = seen.get(doc, 0) + 1
    return sorted(head, key=lambda h: -h["_score"]) + hits[SPREAD:]
