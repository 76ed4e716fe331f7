"""JSONL: one document per line ({"id", "title", "text", "url", "date", "metadata"}); a line that cannot be read is
a `Refused` in its place, the others still read."""
from __future__ import annotations

import json

from .document import Builder, Document, Refused
from .text import clean_text, one_line


def read_jsonl(text: str) -> list[Document | Refused]:
    out: list[Document | Refused] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(Refused(f"line {n}: not JSON ({exc.msg})"))
            continue
        if not isinstance(rec, dict):
            out.append(Refused(f"line {n}: not a JSON object"))
        elif not isinstance(rec.get("text"), str) or not (text := clean_text(rec["text"])).strip():
            out.append(Refused(f"line {n}: missing 'text'"))
        elif rec.get("id") is None or str(rec["id"]).strip() == "":
            out.append(Refused(f"line {n}: missing 'id'"))
        else:
            out.append(_record(rec, text))
    return out


def _record(rec: dict, text: str) -> Document:
    b = Builder()
    b.add("", text)
    meta = rec.get("metadata") if isinstance(rec.get("metadata"), dict) else {}
    doc_id = str(rec["id"]).strip()
    return b.build(one_line(str(rec.get("title") or "")) or doc_id, "jsonl",
                   {str(k): _flat(v) for k, v in meta.items() if v is not None}, doc_id=doc_id,
                   url=_flat(rec["url"]) if rec.get("url") else None,
                   date=_flat(rec["date"]) if rec.get("date") else None)


def _flat(value: object) -> str:
    # Nested values are shown as JSON, not as Python reprs.
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
