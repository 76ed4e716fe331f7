"""Pattern entities (issue 25, item 6): email addresses, phone numbers, IBANs and URLs as facets of their own,
validated, written one way, never from code or base64. Real messages from CPython's email tests
(tests/data/real/cpython-email, see the README there), indexed and searched as a user does."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import Settings, Sleuth
from indexer.entities.nlp import RawMention
from indexer.entities.patterns import find
from indexer.query.results import DocRecord
from indexer.read.passages import Passage
from indexer.write.resolve import entry
from indexer.entities.canon import Canon
from web import create_app

MAIL = Path(__file__).resolve().parent / "data" / "real" / "cpython-email"


def values(text: str, facet: str) -> list[str]:
    return [p.value for p in find(text) if p.facet == facet]


def test_addresses_are_found_and_written_one_way():
    text = (MAIL / "msg_25.txt").read_text(encoding="latin-1")
    assert "mailer-daemon@zinfandel.lacita.com" in values(text, "email")  # "MAILER-DAEMON@…" in the text
    assert values("see icon@2x.png and x@y", "email") == []  # a file name, a host with no domain


def test_ibans_are_checked_by_their_checksum():
    text = "Pay DE89 3704 0044 0532 0130 00, not DE89 3704 0044 0532 0130 01; GB82WEST12345698765432 too."
    assert values(text, "iban") == ["DE89370400440532013000", "GB82WEST12345698765432"]


def test_phone_numbers_international_or_named_as_phones():
    text = ("Call +44 20 7031 3000 or Tel: (650) 253-0000. The years 1940-1953, the count 5551234 "
            "and a bare (650) 253-0001 are no phone numbers.")
    assert values(text, "phone") == ["+442070313000", "+16502530000"]


def test_urls_lose_their_fragment_and_the_sentence_around_them():
    text = "Read https://www.Marxists.org/archive/trotsky/#top, or (see www.example.com/a)."
    assert values(text, "url") == ["https://www.marxists.org/archive/trotsky", "http://www.example.com/a"]


def test_nothing_is_read_in_code_or_base64():
    base64 = "dGhpcyBpcyBhIGxvbmcgYmFzZTY0IHN0cmluZyB3aXRoIGFuIGFkZHJlc3MgdXNlckBleGFtcGxlLmNvbQ==abc@example.com"
    code = "if (user == admin) { notify('ops@example.com'); }\n>>> send('dev@example.com')"
    assert find(base64) == [] and find(code) == []
    assert values(code + "\nWrite to help@example.org.", "email") == ["help@example.org"]


def test_a_name_ner_saw_inside_an_address_does_not_count():
    text = "Contact trotsky@example.org today."
    passage = Passage(0, "", text, 0, len(text))
    record = DocRecord("d", "d", "h", "D", "text", "d.txt", {}, None, None, 1)
    stored = entry(record, passage, [RawMention(8, 27, "ORG", "trotsky@example.org")], Canon())
    assert stored.facets.get("org") is None and stored.facets["email"] == ["trotsky@example.org"]
    assert [m[2:4] for m in stored.mentions] == [("email", "trotsky@example.org")]


@pytest.fixture(scope="module")
def mail_index(tmp_path_factory, light_model):
    folder = tmp_path_factory.mktemp("mail")
    for f in MAIL.iterdir():
        shutil.copy(f, folder / f.name)
    settings = Settings(index_dir=tmp_path_factory.mktemp("mail-data"), model=light_model, secret_key="t")
    Sleuth(settings).index_paths([folder])
    return settings


def test_an_indexed_mailbox_has_an_address_facet_to_filter_by(mail_index):
    app = Sleuth(mail_index)
    addresses = {v.value: v.count for v in app.facet_values("email")}
    assert addresses["barry@python.org"] >= 2 and "mailer-daemon@zinfandel.lacita.com" in addresses
    found = app.search("", filters={"email": ["Barry@Python.org"]})  # folded like any filter
    assert found.total == addresses["barry@python.org"]
    assert {u.value for u in app.facet_values("url")} >= {"http://www.socal-raves.org"}


def test_the_address_has_an_entity_page_and_is_marked(mail_index):
    client = create_app(mail_index).test_client()
    page = client.get("/entity/email/barry@python.org").get_data(as_text=True)
    assert "barry@python.org" in page and "passage" in page
    doc = Sleuth(mail_index).search("", filters={"email": ["barry@python.org"]}).hits[0].doc_id
    html = client.get(f"/doc/{doc}").get_data(as_text=True)
    assert 'class="ent ent-email"' in html or "ent-email" in html
