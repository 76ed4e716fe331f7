"""The Whoosh index on disk: opening, the schema version check, one writer at a time, a searcher per generation."""
from __future__ import annotations

import json
import os
import pickle
import struct
import shutil
import sys
import threading
from contextlib import contextmanager
import time
from pathlib import Path

from whoosh import index as windex
from .durable import DurableFileStorage
from whoosh.index import LockError
from whoosh.reading import SegmentReader
from whoosh.searching import Searcher

from filelock import Timeout

from . import identifiers as _identifiers, rebuilding, schema as _schema
from .codec import Codec
from .writer import Writer
from .facets import FacetCache, SegmentArrays
from ...errors import IndexBusy, IndexCorrupt, SchemaMismatch, SleuthError
from .schema import SCHEMA_VERSION, build_schema

INDEX_NAME = "passages"
SMALL_SEGMENT = 500  # documents: segments under this are what uploads (and a run's last batches) leave behind
# Whoosh pickles the schema, analyzers included, into the index's table of contents. Indexes written before the
# backend package named these modules by their old places: let them open without a rebuild.
sys.modules.setdefault("indexer.schema", _schema)
sys.modules.setdefault("indexer._identifiers", _identifiers)


@contextmanager
def corruption_as_message(folder: Path):
    """Turn the many errors a damaged index raises into one message that names the fix."""
    try:
        yield
    except (SleuthError, LockError):
        raise
    except (OSError, EOFError, ValueError, KeyError, IndexError, struct.error, pickle.UnpicklingError) as exc:
        raise IndexCorrupt(
            f"The index in {folder} is damaged ({type(exc).__name__}: {exc}). Run `sleuth index --rebuild` to "
            "rebuild it from the stored source copies."
        ) from exc


class PassageIndex:
    """The Whoosh index folder of passages: hands out writers (one at a time) and cached searchers."""

    def __init__(self, data_dir: Path, writer_timeout: float = 60.0) -> None:
        self.dir = data_dir / "whoosh"
        self.meta_path = data_dir / "sleuth.json"
        self.writer_timeout = writer_timeout
        self._lock = threading.Lock()
        self._local = threading.local()
        self._epoch = 0
        self.facet_dir = data_dir / "facet-cache"
        self._arrays = SegmentArrays(self.facet_dir)
        self._ix = None
        # Spelling words this process has committed, valid while the index is at _spelled_gen: a bulk run of
        # many commits posts each word once, not once a commit (they were 40% of a 10k run's terms).
        self._spelled: set[str] = set()
        self._spelled_gen: tuple | None = None
        self.rebuild_held = False  # this process holds the rebuild lock (`rebuilding`)

    # --- opening ---------------------------------------------------------------------------------
    def _open(self):
        if self._ix is not None:
            return self._ix
        if not self.dir.exists() and not rebuilding.held_elsewhere(self.dir.parent):
            rebuilding.recover(self.dir.parent)
        self.dir.mkdir(parents=True, exist_ok=True)
        # No mmap: each thread's searcher would map every segment again, and RSS counts each mapping (5.7 GB at
        # 200k passages with 8 server threads, against 110 MB with plain reads for about the same p95).
        storage = DurableFileStorage(str(self.dir), supports_mmap=False)
        if not windex.exists_in(str(self.dir), indexname=INDEX_NAME):
            self._check_version(create=True)
            self._ix = storage.create_index(build_schema(), indexname=INDEX_NAME)
        else:
            self._check_version(create=False)
            with corruption_as_message(self.dir):
                self._ix = storage.open_index(indexname=INDEX_NAME)
        return self._ix

    def _check_version(self, create: bool) -> None:
        if create or not self.meta_path.exists():
            self.meta_path.write_text(json.dumps({"schema_version": SCHEMA_VERSION}))
            return
        found = json.loads(self.meta_path.read_text()).get("schema_version")
        if found != SCHEMA_VERSION:
            raise SchemaMismatch(
                f"The index in {self.dir.parent} has schema version {found}, this Sleuth needs {SCHEMA_VERSION}. "
                "Run `sleuth index --rebuild` to rebuild it from the stored source copies."
            )

    def wipe(self) -> None:
        """Delete the Whoosh index (the registry and sources stay) so that it can be rebuilt."""
        with self._lock:
            self._close_searcher()
            self._ix = None
            shutil.rmtree(self.dir, ignore_errors=True)
            shutil.rmtree(self.facet_dir, ignore_errors=True)
            self.meta_path.unlink(missing_ok=True)

    # --- writing ---------------------------------------------------------------------------------
    def writer(self, on_wait=None, spelling: str = "once"):
        """A writer; waits up to writer_timeout for another process's lock, then raises IndexBusy.

        `spelling`: the text's words for fuzzy terms and did-you-mean are written "once" per writer, or "off".
        """
        ix = self._open()
        deadline = time.monotonic() + self.writer_timeout
        told = False
        while True:
            try:
                writer = self._new_writer(ix)
                if not self.rebuild_held and rebuilding.held_elsewhere(self.dir.parent):
                    writer.cancel()  # a rebuild in another process: it swaps a new index in at its end
                    raise LockError("rebuilding")
                text = writer.schema["text"]
                if hasattr(text, "spell_words"):  # indexes created before SpelledText keep Whoosh's way
                    writer.sleuth_known = self._generation(ix) == self._spelled_gen
                    text.spell_words(spelling, self._spelled if writer.sleuth_known else frozenset())
                return writer
            except LockError as exc:
                if time.monotonic() >= deadline and str(exc) == "rebuilding":
                    raise IndexBusy(
                        f"`sleuth index --rebuild` is rebuilding the index in {self.dir.parent}; writes wait for it "
                        f"and this one waited {self.writer_timeout:.0f} s (SLEUTH_WRITER_TIMEOUT). Nothing was "
                        "written: try again when the rebuild has finished."
                    ) from None
                if time.monotonic() >= deadline:
                    raise IndexBusy(
                        f"Another Sleuth process is writing to {self.dir.parent} and did not finish within "
                        f"{self.writer_timeout:.0f} s. Wait for it to end (or raise SLEUTH_WRITER_TIMEOUT) and retry."
                    ) from None
                if on_wait and not told:
                    on_wait("Another indexing job holds the index; waiting for it to finish…")
                    told = True
                time.sleep(0.2)

    def _new_writer(self, ix) -> Writer:
        try:
            return Writer(ix, codec=Codec())
        except FileNotFoundError:
            # Another process's rebuild is swapping folders this instant: wait for it like for its lock.
            if self.rebuild_held or not rebuilding.held_elsewhere(self.dir.parent):
                raise
            raise LockError("rebuilding") from None

    @contextmanager
    def writing(self, on_wait=None, merge: bool = True, spelling: str = "once", small_only: bool = False):
        """A writer committed on success and cancelled on any error (so a failed batch leaves no trace).

        `small_only`: the commit merges the small segments alone (`merge_small_only`), never the large ones.
        """
        writer = self.writer(on_wait, spelling)
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        text = writer.schema["text"]
        if small_only:
            writer.commit(mergetype=merge_small_only)
        else:
            writer.commit(merge=merge)
        self._remember_spelled(writer, text)

    def deleted(self, writer, count: int) -> None:
        """Call after a writer's deletions, before it adds: what earlier writers posted may go with them."""
        # Whoosh hangs a commit's spelling words on its first document, and a merge drops a deleted document's
        # postings. `Writer` re-hangs them on a live document of the segment; a segment with none left goes whole,
        # with the words this writer skipped as known ("Coyoacán" of a replaced document): so it posts them all.
        if count and getattr(writer, "sleuth_known", False):
            writer.sleuth_known = False
            writer.schema["text"].forget_known()

    def _remember_spelled(self, writer, text) -> None:
        # This writer's words hang on its own first document, which it did not delete.
        if hasattr(text, "new_words"):
            self._spelled = (self._spelled if getattr(writer, "sleuth_known", False) else set()) | text.new_words()
            self._spelled_gen = self._generation(self._ix)

    # --- reading ---------------------------------------------------------------------------------
    def searcher(self) -> tuple[Searcher, FacetCache]:
        """This thread's searcher and facet cache, reopened when the index generation changes.

        One searcher per thread: Whoosh readers seek and read shared files, so two threads on one searcher can
        read each other's blocks. Searcher.refresh() keeps merged-away segments in whoosh3 3.54.0, so we reopen.
        """
        ix = self._open()
        gen = (self._epoch, *self._generation(ix))
        local = self._local
        if getattr(local, "generation", None) != gen:
            with corruption_as_message(self.dir):
                searcher = _open_searcher(ix)
            old = getattr(local, "searcher", None)
            local.searcher, local.facets, local.generation = searcher, FacetCache(searcher, self._arrays), gen
            if old is not None:
                old.close()  # this thread was its only user
            with self._lock:
                self._arrays.forget_except({r.segment().segment_id() for r, _ in _leaves(searcher)} |
                                           self._arrays.recent())
        return local.searcher, local.facets

    def _generation(self, ix) -> tuple[int, int]:
        """The index folder (a rebuild swaps in another one, whose generations start again) and its generation."""
        for _ in range(50):  # a swap in another process moves the old folder out, then the new one in: an instant
            try:
                return os.stat(self.dir).st_ino, ix.latest_generation()
            except FileNotFoundError:
                time.sleep(0.02)
        return os.stat(self.dir).st_ino, ix.latest_generation()

    @contextmanager
    def rebuilding(self, on_wait=None):
        """A fresh data folder to rebuild into, swapped in for this index when the block ends without error.

        Meanwhile writers in other processes wait (up to writer_timeout, then IndexBusy) and searches read the old
        index; a failed rebuild leaves the old index as it was.
        """
        held = rebuilding.lock(self.dir.parent)
        try:
            held.acquire(timeout=self.writer_timeout)
        except Timeout:
            raise IndexBusy(f"Another `sleuth index --rebuild` is rebuilding {self.dir.parent}; wait for it to end "
                            "(or raise SLEUTH_WRITER_TIMEOUT).") from None
        self.rebuild_held = True
        fresh = rebuilding.fresh_folder(self.dir.parent)
        try:
            yield fresh
            # Once the old index's lock is ours no commit of it is in flight, in any process; it stays ours through
            # the swap, so no writer is half-way into the folder being moved (a writer taking the lock between a
            # release and the move answered an upload 500). Later writers see the rebuild lock and wait. (Its lock
            # file, not a writer: a damaged index is rebuilt without opening it.)
            with rebuilding.writers_held(self.dir, f"{INDEX_NAME}_WRITELOCK", self.writer_timeout), self._lock:
                rebuilding.swap_in(fresh, self.dir.parent)
                self._close_searcher()
                self._ix = None
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
            self.rebuild_held = False
            held.release()

    def _close_searcher(self) -> None:
        self._arrays = SegmentArrays(self.facet_dir)
        self._epoch += 1  # every thread reopens

    def small_segments(self, size: int = SMALL_SEGMENT) -> int:
        """Number of segments with fewer than `size` documents (what uploads leave behind)."""
        return sum(1 for seg in self._open()._segments() if seg.doc_count_all() < size)


def merge_small_only(writer, segments):
    """A Whoosh merge policy: the segments under SMALL_SEGMENT documents joined into one, the others kept.

    Whoosh's MERGE_SMALL merges every segment once there are about 16 of them, the large ones too: a minute of
    rewriting the whole 10k index, holding the write lock (uploads wait), to tidy up after ten uploads.
    """
    small = [seg for seg in segments if seg.doc_count_all() < SMALL_SEGMENT]
    if len(small) < 2:
        return segments
    for seg in small:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in segments if seg.doc_count_all() >= SMALL_SEGMENT]


def _leaves(searcher: Searcher):
    return [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers() if sub.reader().segment() is not None]


def _open_searcher(ix) -> Searcher:
    for attempt in range(5):
        try:
            return ix.searcher()
        except FileNotFoundError:
            # A concurrent commit removed files the TOC we read named: retry on the newer TOC.
            time.sleep(0.05 * (attempt + 1))
    return ix.searcher()
