"""The collection's canonical names, kept in memory: rebuilt when another process writes, corrected by the user."""
from __future__ import annotations

from typing import Callable

from ..entities import corrections
from ..entities.corrections import CorrectionsFile
from ..entities.aliases import load_aliases
from ..entities.canon import Canon
from .registry import Registry
from ..settings import Settings


class CanonicalNames:
    """Canonical names over the whole registry, updated in place by this process's writes."""

    def __init__(self, settings: Settings, registry: Registry, corrections_file: CorrectionsFile,
                 on_stale: Callable[[set[str]], None]) -> None:
        self.settings = settings
        self.registry = registry
        self.corrections = corrections_file
        self.on_stale = on_stale  # told the documents whose facets a changed corrections file changes
        self._canon: tuple[int, Canon] | None = None

    def current(self) -> Canon:
        """The names now: rebuilt when the registry changed under us, with the latest corrections applied."""
        # The version changes when another process commits to the registry: then our copy is stale.
        version = self.registry.version()
        if self._canon is None or self._canon[0] != version:
            self._canon = (version, Canon.build(self.registry.mention_counts(),
                                                load_aliases(self.settings.aliases_files)))
        canon = self._canon[1]
        # The user's corrections are applied last. When the file changed (here, in another process or by hand),
        # the documents whose facets it changes are queued for the background rewrite.
        latest = self.corrections.load()
        if canon.corrections is not latest:
            old, canon.corrections = canon.corrections, latest
            if old is None:  # first use, or names rebuilt: compared with what the index's facets reflect
                old = self.corrections.applied()
            if old.items != latest.items:
                self.on_stale(self.registry.docs_mentioning(corrections.changed_mentions(canon, old, latest)))
        return canon

    def corrections_changed(self) -> bool:
        """True when the corrections file changed since the names were last used (a stat, no parse)."""
        return self._canon is not None and self._canon[1].corrections is not self.corrections.load()

    def fresh(self) -> Canon:
        """Names for a rebuild, the cached ones dropped: the aliases read again, the corrections, and the registry's
        counts. A rebuild writes each document's new counts as a change from its registered ones, so names built
        from nothing lost every document NER found the same (one-word names unmerged, works and organisations
        without their evidence)."""
        self._canon = None
        canon = Canon.build(self.registry.mention_counts(), load_aliases(self.settings.aliases_files))
        canon.corrections = self.corrections.load()
        return canon

    def forget(self) -> None:
        """Drop the names (after a failed write): they are rebuilt from the registry on next use."""
        self._canon = None
