"""Entity extraction in worker processes gives what the in-process pipeline gives, in order."""
from __future__ import annotations

import multiprocessing

from indexer import nlp

TEXTS = ["Leon Trotsky was attacked in Coyoacán on 20 August 1940.", "", "Ramón Mercader used an ice axe.",
         "Leon Trotsky was attacked in Coyoacán on 20 August 1940.", "Stalin ordered it from Moscow."] * 3


def test_workers_find_the_same_entities_in_the_same_order():
    with nlp.entity_stream(TEXTS, n_process=1, batch_size=2) as found:
        alone = list(found)
    seen: list[tuple[int, int]] = []
    with nlp.entity_stream(TEXTS, n_process=2, batch_size=2, progress=lambda d, t: seen.append((d, t))) as found:
        parallel = list(found)
    assert parallel == alone and len(alone) == len(TEXTS)
    assert ("Leon Trotsky", "PERSON") in {(m.text, m.label) for m in alone[0]}
    assert alone[1] == [] and alone[3] == alone[0]
    assert seen[-1] == (len(TEXTS), len(TEXTS)) and len(seen) == len(TEXTS) // 2 + 1


def test_leaving_early_stops_the_workers():
    with nlp.entity_stream(TEXTS * 50, n_process=2, batch_size=4) as found:
        next(found)
    assert not multiprocessing.active_children()
