"""Pseudo-relevance feedback for what/which questions, as the Whoosh backend does it (`whoosh/rerank.py`): the words
shared by the first passages found, rarest first, added to the query with a small weight. "What weapon was used"
names no weapon; its first passages do ("ice axe", "ice pick")."""
from __future__ import annotations

from collections import Counter

from ..whoosh.rerank import FEEDBACK_DOCS, FEEDBACK_TERMS, FEEDBACK_WEIGHT


def _terms(client, index: str, text: str) -> set[str]:
    """The words of a text as the index holds them (folded, stemmed, stop words out)."""
    tokens = client.indices.analyze(index=index, body={"analyzer": "sleuth_text", "text": text})["tokens"]
    return {t["token"] for t in tokens}


def with_feedback(client, index: str, q: dict, words: list[str]) -> dict:
    """The query or, when its first passages share words it lacks, the query and those words (weight 0.3)."""
    first = client.search(index=index, body={"query": q, "size": FEEDBACK_DOCS, "_source": ["text"],
                                             "timeout": "200ms"})["hits"]["hits"]
    if not first:
        return q
    asked = set(words)
    seen: Counter = Counter()
    for hit in first:
        seen.update(_terms(client, index, hit["_source"].get("text", "")))
    shared = [t for t, n in seen.items() if n >= min(2, len(first)) and t not in asked and not t.isdigit()]
    if not shared:
        return q
    # Rarest first: each candidate's passage count, in one request.
    counts = client.search(index=index, body={"size": 0, "track_total_hits": False, "aggs": {
        str(i): {"filter": {"term": {"text": t}}} for i, t in enumerate(shared)}})["aggregations"]
    rarest = sorted(shared, key=lambda t: counts[str(shared.index(t))]["doc_count"])[:FEEDBACK_TERMS]
    extra = [{"term": {"text": {"value": t, "boost": FEEDBACK_WEIGHT}}} for t in rarest]
    return {"bool": {"should": [q, *extra], "minimum_should_match": 1}}
