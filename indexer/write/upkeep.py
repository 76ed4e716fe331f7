"""Background upkeep after uploads: their entities found (`pending`), stale facets rewritten and small segments
merged, off the request's thread."""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from . import pending
from ..disk import is_full, message as disk_message
from ..entities.canon import Canon
from ..entities.corrections import CorrectionsFile
from ..errors import SleuthError
from .ingest import Pipeline

QUIET = 0.5  # seconds without an upload before background upkeep takes the write lock
MAX_WAIT = 5.0  # ... but no longer than this: a steady stream of uploads must not starve entities and merges
RETRY_AFTER = 30.0  # seconds after a failed pass (a full disk, a busy index) before upkeep tries again
log = logging.getLogger(__name__)


class Upkeep:
    """Documents whose facets wait for a rewrite, and the thread that rewrites them (one at a time)."""

    def __init__(self, pipeline: Pipeline, waiting: pending.Pending, write_lock: threading.Lock,
                 canon: Callable[[], Canon], corrections: CorrectionsFile,
                 elsewhere: Callable[[dict[str, str]], set[str] | None] = lambda part: None) -> None:
        # What the facade hands over: its pipeline (and so the backend), the uploads whose entities are still to be
        # found, its write lock, its canonical names and the corrections file (told what the index reflects);
        # `elsewhere(part)` finds and writes a large slice's entities in a worker process (None: here).
        self.pipeline, self.pending, self.write_lock, self.canon = pipeline, waiting, write_lock, canon
        self.elsewhere = elsewhere
        self.corrections = corrections
        self.folder = pipeline.settings.index_dir
        self.retry_after = RETRY_AFTER
        self.stale: set[str] = set()  # documents whose facets an upload's new names changed, not yet rewritten
        self.running = threading.Event()
        self.last_upload = 0.0

    def uploaded(self) -> None:
        """An upload just finished: upkeep waits for a quiet moment, then runs."""
        self.last_upload = time.monotonic()
        self.start()

    def start(self, work: bool = False) -> None:
        """Start the background thread if there is work (or the caller says so) and it is not running."""
        if self.running.is_set() or not (work or self.stale or self.pending or self.pipeline.backend.upkeep_due()):
            return
        self.running.set()
        threading.Thread(target=self._run, name="sleuth-upkeep", daemon=True).start()

    def queue(self, docs: set[str]) -> None:
        """Documents whose facets need a rewrite (done by the next upkeep, or a waiting writer)."""
        self.stale |= docs

    def take(self) -> set[str]:
        """The stale documents, handed over to a writer that holds the write lock."""
        stale, self.stale = self.stale, set()
        return stale

    def settle(self, timeout: float = 60.0) -> bool:
        """Wait for the background thread to finish; False if it is still running."""
        deadline = time.monotonic() + timeout
        while self.running.is_set() and time.monotonic() < deadline:
            time.sleep(0.02)
        return not self.running.is_set()

    def _run(self) -> None:
        try:
            while self._round():
                pass
        except SleuthError as exc:  # busy, a full disk, or the index went away: tried again later
            self._retry(str(exc))
        except Exception as exc:  # noqa: BLE001 - the thread must not die: what it had in hand stays queued
            if is_full(exc):
                self._retry(disk_message(self.folder, "Entities and facets are written later"))
            else:
                self._retry(f"{type(exc).__name__}: {exc}", exc_info=True)
        finally:
            self.running.clear()

    def _retry(self, why: str, exc_info: bool = False) -> None:
        log.warning("Background upkeep stopped (%s); it tries again in %.0f s or after the next upload.", why,
                    self.retry_after, exc_info=exc_info)
        timer = threading.Timer(self.retry_after, self.start, kwargs={"work": True})
        timer.daemon = True
        timer.start()

    def _round(self) -> bool:
        """One pass: rewrite what is stale, merge if due; True when more work arrived meanwhile."""
        # Let a burst of uploads finish first: each would otherwise wait for the lock behind us.
        began = time.monotonic()
        while time.monotonic() - self.last_upload < QUIET and time.monotonic() - began < MAX_WAIT:
            time.sleep(0.05)
        pipeline, backend = self.pipeline, self.pipeline.backend
        # Uploads' entities: spaCy runs outside the lock, so uploads and searches go on meanwhile.
        # A slice at a time, each written under the lock on its own: a 60k-record upload does not hold it for minutes.
        waiting = sorted(self.pending.snapshot().items())
        for start in range(0, len(waiting), pipeline.settings.commit_every):
            part = dict(waiting[start:start + pipeline.settings.commit_every])
            stale = self.elsewhere(part)
            found = pending.find_entities(pipeline, part) if stale is None else []
            with self.write_lock:
                if stale is not None:  # a worker process found and wrote them; the documents they made stale are ours
                    self.stale |= stale
                else:
                    self.stale = pipeline.add_entities(found, self.canon(), self.stale)
                self.pending.done(part)
        with self.write_lock:
            stale = self.take()
            # Nothing to rewrite and the facets reflect the corrections: no names needed (after a worker's entity
            # pass they would be rebuilt from the registry for nothing: 0.6 s of the server's interpreter at 3,000
            # documents).
            if stale or self.corrections.load().items != self.corrections.applied().items:
                canon = self.canon()
                try:
                    pipeline.rewrite_facets(canon, stale)
                except BaseException:
                    self.stale |= stale  # tried again after the next upload
                    raise
                if not self.stale:  # nothing queued meanwhile: the index reflects these corrections
                    self.corrections.mark_applied(canon.corrections)
            merge = backend.upkeep_due()
            if merge:
                backend.merge()
        # Pay for the new segments' facet arrays here (entities, rewrites, a merge), not in the next search.
        backend.warm()
        with self.write_lock:
            if not self.stale and not self.pending:
                # Cleared under the lock: an upload that adds stale documents after this starts a new thread,
                # one that added them before is seen here.
                self.running.clear()
                return False
        return True
