"""A quick run of the power-loss harness (tests/stress/fault_injection.py runs the full 20 trials)."""
from __future__ import annotations

from tests.stress import fault_injection as fi


def test_index_opens_at_last_acknowledged_commit_after_power_loss(tmp_path, light_model):
    model = light_model
    results = fi.run(4, seed=7, sync=True, work=tmp_path, model=model)
    assert all(ok for ok, _ in results), results


def test_the_harness_catches_lost_commits_when_fsync_is_off(tmp_path, light_model):
    model = light_model
    results = fi.run(2, seed=7, sync=False, work=tmp_path, model=model)
    assert any(not ok for ok, _ in results), results
