"""Issue 24, item 1: an email's From, To, Cc and Date as a user meets them: `from:` and `to:` searches, the people
of the headers as person facet values (merged with the body's mention of the same person), their addresses as email
facet values, the Date on the timeline, and a thread link across a reply chain. Real messages from CPython's email
tests (tests/data/real/SOURCES), indexed through the folder sync with the real spaCy model."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import Settings, Sleuth
from web import create_app

REAL = Path(__file__).resolve().parent / "data" / "real" / "cpython-email"
DIGEST = "msg_02.txt"  # a Mailman digest: its Topics name "Barry A. Warsaw", its five messages are from him
MESSAGES = [f"{DIGEST} › attachment {n}.eml" for n in range(1, 6)]


@pytest.fixture(scope="module")
def mail(tmp_path_factory) -> Settings:
    folder = tmp_path_factory.mktemp("mail")
    for name in ("msg_10.eml", "msg_20.txt", "msg_16.txt", DIGEST):
        shutil.copy(REAL / name, folder / name)
    shutil.copytree(REAL.parent / "cpython-email-thread", folder / "thread")
    settings = Settings(index_dir=tmp_path_factory.mktemp("data"), secret_key="t")
    report = Sleuth(settings).index_paths([folder])
    assert report.count("failed") == 0, report
    return settings


def docs(app: Sleuth, query: str, **search) -> set[str]:
    return {h.doc_id for h in app.search(query, per_page=100, **search).hits}


def test_from_and_to_search_the_sender_and_the_recipients_by_name_or_address(mail):
    app = Sleuth(mail)
    sent = docs(app, "from:warsaw")
    assert {"msg_10.eml", *MESSAGES} <= sent
    assert DIGEST not in sent and "msg_20.txt" not in sent  # the digest names him in its text, not as sender
    assert docs(app, "from:WARSAW") == sent  # folded like the text
    assert "msg_10.eml" in docs(app, "from:barry@python.org") and DIGEST not in docs(app, "from:barry@python.org")
    assert docs(app, 'to:"dingus lovers"') == {"msg_10.eml"} == docs(app, "to:cravindogs@cravindogs.com")
    assert docs(app, "to:eee@zzz.org") == {"msg_20.txt"}  # the third of its Cc lines: `to:` covers Cc
    assert "msg_10.eml" not in docs(app, "to:warsaw")  # he sent it; it was not sent to him
    assert docs(app, "from:doe budget") == set()  # words of the field AND the text, as other fields


def test_header_people_are_person_values_merged_with_the_body_and_addresses_are_email_values(mail):
    app = Sleuth(mail)
    barry = docs(app, "", filters={"person": ["Barry A. Warsaw"]})
    # The digest's Topics name him ("testing #1 (Barry A. Warsaw)"); its messages and msg_10 only in From:
    # "Barry Warsaw" and "barry@digicool.com (Barry A. Warsaw)" are one person.
    assert {DIGEST, "msg_10.eml", *MESSAGES} <= barry
    values = {v.value for v in app.search("", per_page=1).facets["person"]}
    assert "Barry Warsaw" not in values and "Dingus Lovers" in values and "Ian T. Henry" in values
    assert "Internet Mail Delivery" not in values  # msg_16's bounce: a mail system is no person
    assert docs(app, "", filters={"email": ["cravindogs@cravindogs.com"]}) == {"msg_10.eml"}
    page = create_app(mail).test_client().get("/doc/msg_10.eml").get_data(as_text=True)
    assert 'href="/entity/person/Barry%20A.%20Warsaw" title="person: Barry A. Warsaw">Barry Warsaw</a>' in page
    assert 'href="/entity/email/cravindogs@cravindogs.com"' in page


def test_the_date_header_is_the_documents_date_on_the_timeline_and_the_date_filter(mail):
    app = Sleuth(mail)
    assert app.document("msg_10.eml").date == "2001-04-20"
    april = docs(app, "", date_from="2001-04-01", date_to="2001-04-30")
    assert {"msg_10.eml", DIGEST} <= april and "msg_20.txt" not in april  # msg_20 is of 4 May 2001
    assert app.date_counts()["2001-05-04"] >= 1


def test_a_reply_chain_is_one_thread_in_date_order_linked_from_each_message(mail):
    app = Sleuth(mail)
    chain = ["thread/root.eml", "thread/re-forward.eml", "thread/re-re-bug.eml"]  # Sep 2001, Sep 2001, Jun 2002
    for doc_id in chain:
        assert [d for d, _ in app.document(doc_id).thread] == chain
    assert app.document("msg_10.eml").thread == []  # alone in its thread: no link
    assert docs(app, 'thread:"<15261.36209.358846.118674@anthem.python.org>"') >= set(chain)  # the root's id
    client = create_app(mail).test_client()
    page = client.get("/doc/thread/re-re-bug.eml").get_data(as_text=True)
    assert "Thread: 3 messages" in page and 'href="/doc/thread/root.eml"' in page
    assert [d for d, _ in client.get("/api/documents/thread/root.eml").get_json()["thread"]] == chain


def test_the_header_passage_is_found_by_its_own_words_and_the_body_carries_the_subject_and_senders(mail, tmp_path,
                                                                                                     light_model):
    """A message's header passage is indexed by its text alone (issue 24's mailbox rate: its title, lead sentence and
    header fields were a third of a mailbox's postings): `from:`, `to:` and the subject find the message by its body
    passages; the header's own words still find the header; a message with no body keeps all of them there."""
    app = Sleuth(mail)

    def kinds(query: str, doc_id: str) -> set[str]:
        return {h.kind for h in app.search(query, per_page=100).hits if h.doc_id == doc_id}

    assert kinds("from:warsaw", "msg_10.eml") == {"body"}
    assert kinds("to:cravindogs@cravindogs.com", "msg_10.eml") == {"body"}
    assert kinds("title:lyrics", "msg_10.eml") == {"body"}
    assert "metadata" in kinds("dingus", "msg_10.eml")  # the To line's words, in the header's text
    assert "metadata" in kinds("warsaw", "msg_10.eml")
    page = create_app(mail).test_client().get("/doc/msg_10.eml").get_data(as_text=True)
    assert "Fri, 20 Apr 2001 19:35:02 -0400" in page  # the header is shown as it was
    # A message that is only an attachment has no body passage to carry its header fields: its header does.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "scan.eml").write_text(
        "From: Ada Byron <ada@example.org>\nTo: Charles Babbage <cb@example.org>\nSubject: The notes\n"
        "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n"
        "Content-Disposition: attachment; filename=notes.txt\n\nThe analytical engine weaves algebraic patterns.\n"
        "--B--\n")
    app = Sleuth(Settings(index_dir=tmp_path / "data", model=light_model))
    assert app.index_paths([tmp_path / "in"]).count("failed") == 0
    for query in ("from:byron", "to:babbage", "title:notes"):
        assert "scan.eml" in docs(app, query), query
