"""Background upkeep after uploads: a failure is logged and its work kept for the next try, never dropped."""
from __future__ import annotations

import logging

from indexer import IndexBusy, Settings, Sleuth


def test_a_failed_background_rewrite_is_logged_and_kept_for_later(tmp_path, monkeypatch, caplog):
    engine = Sleuth(Settings(index_dir=tmp_path / "ix"))

    def busy(canon, docs, on_wait=None):
        raise IndexBusy("Another Sleuth process is writing; wait for it to end and retry.")

    monkeypatch.setattr(engine.pipeline, "rewrite_facets", busy)
    engine.upkeep.queue({"notes/a.txt"})
    with caplog.at_level(logging.WARNING, logger="indexer.write.upkeep"):
        engine.upkeep.start()
        assert engine.settle(timeout=10)
    assert "Another Sleuth process is writing" in caplog.text
    assert engine.upkeep.stale == {"notes/a.txt"}  # tried again after the next upload
