"""Marked-up text: query hits in <mark>, entity mentions in <span>, always escaping the text itself."""
from __future__ import annotations

import html
from typing import Iterable, Sequence

from .results import Mention

FRAGMENT_CONTEXT = 90  # characters of context on each side of a hit
MAX_FRAGMENTS = 3
PLAIN_SNIPPET = 300


def snippet(text: str, spans: Sequence[tuple[int, int]], max_fragments: int = MAX_FRAGMENTS) -> str:
    """Up to `max_fragments` escaped fragments around the hits, joined by an ellipsis, with hits in <mark>."""
    if not spans:
        cut = text[:PLAIN_SNIPPET]
        if len(text) > PLAIN_SNIPPET:
            cut = cut.rsplit(" ", 1)[0] + " …"
        return html.escape(cut)
    windows: list[list[int]] = []
    for s, e in spans:
        lo, hi = max(0, s - FRAGMENT_CONTEXT), min(len(text), e + FRAGMENT_CONTEXT)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    # Prefer the windows holding most hits; show them in text order.
    scored = sorted(windows, key=lambda w: -sum(1 for s, _ in spans if w[0] <= s < w[1]))[:max_fragments]
    parts = []
    last = 0
    for lo, hi in sorted(scored):
        lo, hi = _word_bounds(text, lo, hi)
        inside = [(s - lo, e - lo) for s, e in spans if s >= lo and e <= hi]
        parts.append(("… " if lo > last else "") + markup(text[lo:hi], inside, []))
        last = hi
    return " ".join(parts) + (" …" if last < len(text) else "")


def _word_bounds(text: str, lo: int, hi: int) -> tuple[int, int]:
    if lo > 0:
        sp = text.find(" ", lo)
        lo = sp + 1 if 0 <= sp < lo + 20 else lo
    if hi < len(text):
        sp = text.rfind(" ", hi - 20, hi)
        hi = sp if sp > lo else hi
    return lo, hi


def markup(text: str, hits: Iterable[tuple[int, int]], mentions: Iterable[Mention]) -> str:
    """Escaped text with <mark class="hit"> around hits and <span class="ent ent-FACET"> around mentions."""
    hits = sorted(hits)
    mentions = sorted(mentions, key=lambda m: m.start)
    cuts = {0, len(text)}
    for s, e in hits:
        cuts.update((s, e))
    for m in mentions:
        cuts.update((m.start, m.end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[str] = []
    for lo, hi in zip(points, points[1:]):
        piece = html.escape(text[lo:hi])
        if any(s <= lo and hi <= e for s, e in hits):
            piece = f'<mark class="hit">{piece}</mark>'
        ent = next((m for m in mentions if m.start <= lo and hi <= m.end), None)
        if ent is not None:
            label = html.escape(f"{ent.facet}: {ent.name}", quote=True)
            piece = (
                f'<span class="ent ent-{ent.facet}" data-facet="{ent.facet}" '
                f'data-name="{html.escape(ent.name, quote=True)}" title="{label}">{piece}</span>'
            )
        out.append(piece)
    return "".join(out)
