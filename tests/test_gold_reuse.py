"""Issue 25's draws: an earlier verdict is copied only for the contexts it was judged on (tests/quality/gold_draw)."""
from __future__ import annotations

from tests.quality.gold_draw import VALUE_COLS, earlier_verdicts, reused_verdict, write_tsv


def _row(verdict: str, ctx1: str) -> dict:
    return {"type": "work", "value": "Snow White", "pid1": "a#0", "pid2": "b#0", "verdict": verdict,
            "ctx1": ctx1, "ctx2": "the tales [[Snow White]]"}


def test_a_verdict_copied_on_after_the_mention_changed_is_judged_anew(tmp_path):
    # judged on the cut title; the next round copied it though its passage now shows the fairy tale
    write_tsv(tmp_path / "values-7301.tsv", [_row("cut", "[[Snow White]] and the Seven Dwarfs is")], VALUE_COLS)
    write_tsv(tmp_path / "values-15160.tsv", [_row("cut", 'the fairy tale "[[Snow White]]"')], VALUE_COLS)
    known = earlier_verdicts(tmp_path, 99)
    assert reused_verdict(known, _row("", 'the fairy tale "[[Snow White]]"')) == ""
    assert reused_verdict(known, _row("", "[[Snow White]] and the Seven Dwarfs is")) == "cut"
    # judged anew on the new contexts, that verdict is copied from then on
    write_tsv(tmp_path / "values-16326.tsv", [_row("right", 'the fairy tale "[[Snow White]]"')], VALUE_COLS)
    assert reused_verdict(earlier_verdicts(tmp_path, 99), _row("", 'the fairy tale "[[Snow White]]"')) == "right"
