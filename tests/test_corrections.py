"""Entity corrections: merge, rename, retype, hide and undo, applied without a rebuild and kept across restarts."""
from __future__ import annotations

import re

import pytest

from indexer import Settings, Sleuth, SleuthError
from indexer.cli.commands import main as cli_main
from web import create_app

MORNARD = ("Jacques Mornard, who called himself Frank Jacson, struck Leon Trotsky in his study in Coyoacán. "
           "Later Jacques Mornard was sentenced to twenty years.")


@pytest.fixture
def sleuth(seeded_copy) -> Sleuth:
    """A private copy of the seed index (real model: corrections are about entities) plus one upload."""
    s = Sleuth(seeded_copy())
    s.index_uploads([("mornard.txt", MORNARD.encode())])
    s.settle()
    return s


def count(s: Sleuth, facet: str, name: str) -> int:
    return next((v.count for v in s.entities(facet)[facet] if v.value == name), 0)


def test_merge_moves_the_mentions_and_undo_brings_them_back(sleuth):
    before = count(sleuth, "person", "Ramón Mercader")
    assert count(sleuth, "person", "Jacques Mornard") == 1
    made = sleuth.correct("merge", "person", "Jacques Mornard", "Ramón Mercader")
    assert count(sleuth, "person", "Jacques Mornard") == 0
    assert count(sleuth, "person", "Ramón Mercader") == before + 1
    hits = sleuth.search(filters={"person": ["Ramón Mercader"]}, per_page=50).hits
    assert any(h.doc_id == "upload/mornard.txt" for h in hits)
    assert "Jacques Mornard" in sleuth.entity("person", "Ramón Mercader").surface_forms[-1].value or any(
        f.value == "Jacques Mornard" for f in sleuth.entity("person", "Ramón Mercader").surface_forms)
    assert sleuth.undo_correction(made.id) is not None
    assert count(sleuth, "person", "Jacques Mornard") == 1 and count(sleuth, "person", "Ramón Mercader") == before


def test_rename_retype_and_hide(sleuth):
    sleuth.correct("rename", "person", "Ramón Mercader", "Ramón Mercader del Río")
    assert count(sleuth, "person", "Ramón Mercader del Río") > 0 and count(sleuth, "person", "Ramón Mercader") == 0
    sleuth.correct("retype", "org", "NKVD", "group")
    assert count(sleuth, "group", "NKVD") > 0 and count(sleuth, "org", "NKVD") == 0
    sleuth.correct("hide", "person", "Leon Trotsky")
    assert count(sleuth, "person", "Leon Trotsky") == 0
    assert sleuth.search("Trotsky").total > 0, "hiding a name keeps its passages searchable"
    assert all(m.name != "Leon Trotsky" for p in sleuth.document("000_7320f9c5cac2b3a8.txt").passages
               for m in p.mentions)


def test_corrections_survive_restart_and_rebuild(sleuth):
    sleuth.correct("merge", "person", "Jacques Mornard", "Ramón Mercader")
    sleuth.correct("hide", "org", "NKVD")
    sleuth.close()
    again = Sleuth(sleuth.settings)  # a restart: a new Sleuth over the same folders
    assert count(again, "person", "Jacques Mornard") == 0 and count(again, "org", "NKVD") == 0
    again.index_paths([], rebuild=True)
    assert count(again, "person", "Jacques Mornard") == 0 and count(again, "org", "NKVD") == 0
    assert count(again, "person", "Ramón Mercader") > 0


def test_a_hand_edit_of_the_file_applies(sleuth):
    path = sleuth.settings.index_dir / "corrections.toml"
    path.write_text('[[correction]]\nid = "x1"\naction = "hide"\nfacet = "place"\nname = "Norway"\n', encoding="utf-8")
    sleuth.entities("place")  # any listing or search notices the changed file and queues the rewrite
    assert sleuth.settle()
    assert count(sleuth, "place", "Norway") == 0
    assert [c.id for c in sleuth.corrections.load().items] == ["x1"]
    path.write_text("not = [valid", encoding="utf-8")
    assert not sleuth.corrections.load().items
    assert re.search("corrections.toml .*not valid TOML", sleuth.corrections.problem)


@pytest.mark.parametrize("args, message", [
    (("merge", "person", "Jacques Mornard", ""), "which name to merge into"),
    (("retype", "person", "NKVD", "person"), "Give the new type"),
    (("merge", "person", "Ramón Mercader", "Ramón Mercader"), "into itself"),
    (("shout", "person", "X", ""), "Unknown correction"),
    (("hide", "planet", "Mars", ""), "Name an entity by its type"),
])
def test_bad_corrections_say_what_to_give(sleuth, args, message):
    with pytest.raises(SleuthError, match=message):
        sleuth.correct(*args)
    assert not sleuth.corrections.load().items


def test_cli_merge_list_and_undo(sleuth, capsys):
    base = ["--index-dir", str(sleuth.settings.index_dir), "entities"]
    assert cli_main(base + ["merge", "person", "Jacques Mornard", "Ramón Mercader"]) == 0
    cid = re.match(r"(\w+)\s", capsys.readouterr().out).group(1)
    assert count(sleuth, "person", "Jacques Mornard") == 0
    assert cli_main(base + ["corrections"]) == 0
    assert "merged into person “Ramón Mercader”" in capsys.readouterr().out
    assert cli_main(base + ["undo", cid]) == 0
    assert count(sleuth, "person", "Jacques Mornard") == 1
    assert cli_main(base + ["undo", cid]) == 2
    assert "no correction" in capsys.readouterr().err
    assert cli_main(base + ["hide", "person"]) == 2


def test_web_merge_from_the_entity_page_then_undo(seeded_copy):
    app = create_app(seeded_copy(secret_key="t"))
    s = app.extensions["sleuth"]
    s.index_uploads([("mornard.txt", MORNARD.encode())])
    s.settle()
    client = app.test_client()
    page = client.get("/entity/person/Jacques%20Mornard").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert 'value="merge"' in page and 'value="hide"' in page
    before = count(s, "person", "Ramón Mercader")
    done = client.post("/corrections", data={"csrf_token": token, "action": "merge", "facet": "person",
                                             "name": "Jacques Mornard", "into": "Ramón Mercader",
                                             "into_type": "person"}, follow_redirects=True).get_data(as_text=True)
    assert "merged into person “Ramón Mercader”" in done
    assert s.settle(), "the background rewrite finishes"
    assert count(s, "person", "Ramón Mercader") == before + 1
    cid = re.search(r'name="id" value="([^"]+)"', done).group(1)
    client.post("/corrections/undo", data={"csrf_token": token, "id": cid})
    assert s.settle() and count(s, "person", "Ramón Mercader") == before
    assert client.post("/corrections", data={"action": "hide", "facet": "person", "name": "X"}).status_code == 400
    bad = client.post("/corrections", data={"csrf_token": token, "action": "retype", "facet": "person",
                                            "name": "Jacques Mornard", "into": "person"}, follow_redirects=True)
    assert "Give the new type" in bad.get_data(as_text=True)
