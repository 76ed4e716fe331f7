"""The one place that picks where NER runs: on this machine (`nlp.EntityFinder`) or on a Dask cluster
(`cluster.ClusterEntityFinder`, when `SLEUTH_NER_CLUSTER` names a scheduler)."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

from ..settings import Settings
from . import nlp
from .cluster import ClusterEntityFinder

Finder = nlp.EntityFinder | ClusterEntityFinder


def entity_finder(settings: Settings, progress: Callable[[int, int], None] | None = None,
                  refined: bool = True, background: bool = False) -> Finder:
    """A finder for these settings: texts fed as they are read, their entities in order (see `nlp.EntityFinder`)."""
    if settings.ner_cluster:
        return ClusterEntityFinder(settings.ner_cluster, settings.model, settings.batch_size, progress, refined,
                                   settings.ner_cluster_timeout)
    return nlp.EntityFinder(settings.model, settings.n_process, settings.batch_size, progress, refined, background)


@contextmanager
def entity_stream(texts: list[str], settings: Settings, progress: Callable[[int, int], None] | None = None,
                  background: bool = False) -> Iterator[Iterator[list[nlp.RawMention]]]:
    """The entities of each text, in order, as an iterator valid inside the `with` block; `background` lowers the
    local workers' priority (the server's upkeep)."""
    with entity_finder(settings, progress, background=background) as finder:
        for text in texts:
            finder.feed(text)
        yield finder.results()
