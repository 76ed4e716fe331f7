"""Issue 24, item 1: email read as messages (real messages from CPython's email tests, tests/data/real/README.md)."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.errors import ReadError
from indexer.read.nested import Limits, Unpacking
from indexer.read.pick import Document, Refused, read_bytes, read_path

MAIL = Path(__file__).resolve().parent / "data" / "real" / "cpython-email"


def _docs(items) -> list[Document]:
    return [d for d in items if isinstance(d, Document)]


def test_eml_quoted_printable_base64_and_charsets_are_decoded():
    [doc] = read_path(MAIL / "msg_10.eml")
    assert doc.title == "Lyrics" and doc.fmt == "email" and doc.date == "2001-04-20"
    assert doc.metadata["from"] == "Barry Warsaw <barry@python.org>"
    assert doc.metadata["to"] == "Dingus Lovers <cravindogs@cravindogs.com>"
    # The header block heads the text: From, To and Date are searchable and shown.
    assert doc.text.startswith("From: Barry Warsaw <barry@python.org>\nTo: Dingus Lovers")
    assert "¡This is a Quoted Printable encoded message!" in doc.text  # the HTML part, QP in ISO-8859-1
    assert "This is a Base64 encoded message." in doc.text and "VGhpcyBp" not in doc.text
    assert "Content-Transfer-Encoding" not in doc.text.split("\n\n", 1)[1].replace(
        "This has no Content-Transfer-Encoding: header.", "")


def test_rfc2047_headers_and_a_base64_utf8_body():
    [doc] = read_path(MAIL / "non_latin_as7bit.eml")
    assert doc.title == "Maintenant je vous présente mon collègue, le pouf célèbre Jean de Baddie"
    assert doc.metadata["to"] == "báz"
    assert "Да, они летят." in doc.text


@pytest.mark.parametrize("name", ["msg_16.txt", "msg_16"])
def test_email_saved_as_txt_or_without_extension_is_read_as_mail_with_its_attached_message(name):
    out = read_bytes(name, (MAIL / "msg_16.txt").read_bytes())
    top, attached = _docs(out)
    assert top.title == "Delivery Notification: Delivery has failed" and "MIME-Version" not in top.text
    assert top.source is None and top.parent is None
    # The returned message is a document of its own, named after where it came from, carrying its parent.
    assert attached.title == "[scr] yeah for Ians!!" and attached.fmt == "email"
    assert attached.source == f"{name} › attachment 1.eml" and attached.parent == name
    assert attached.metadata["from"] == '"Ian T. Henry" <henryi@oxy.edu>'


def test_attachments_with_the_same_name_get_distinct_names():
    top, *files = _docs(read_path(MAIL / "msg_04.txt"))
    assert [f.source for f in files] == ["msg_04.txt › msg.txt", "msg_04.txt › msg (2).txt"]
    assert all(f.parent == "msg_04.txt" and "to reflect upon our own" in f.text for f in files)


def test_mbox_gives_one_document_per_message_and_their_attachments():
    data = (MAIL / "msg_43.txt").read_bytes() + b"\n" + (MAIL / "msg_25.txt").read_bytes()
    docs = _docs(read_bytes("inbox.mbox", data))
    messages = [d for d in docs if d.parent is None]
    assert [m.source for m in messages] == ["inbox.mbox › message 1", "inbox.mbox › message 2"]
    assert messages[0].title == "Banned file: auto__mail.python.bat in mail from you"
    assert messages[1].title.startswith("Returned mail: Too many hops 19 (17 max)")
    attached = [d for d in docs if d.parent == "inbox.mbox › message 1"]
    assert attached and attached[0].title == "Delivery_failure_notice"


def test_nesting_past_the_depth_limit_refuses_the_inner_message_naming_the_setting():
    out = read_bytes("msg_16.txt", (MAIL / "msg_16.txt").read_bytes(), unpack=Unpacking(Limits(depth=0)))
    assert len(_docs(out)) == 1
    [refused] = [r for r in out if isinstance(r, Refused)]
    assert str(refused).startswith("msg_16.txt › attachment 1.eml: ") and "SLEUTH_MAX_ARCHIVE_DEPTH" in str(refused)


def test_an_eml_that_is_not_a_message_is_refused_with_a_reason():
    with pytest.raises(ReadError, match="not an email"):
        read_bytes("notes.eml", b"just some words\nand more\n")


OUTLOOK = MAIL.parent / "msg-parser"


def test_outlook_msg_with_an_attached_message_holding_a_pdf():
    top, inner, pdf = _docs(read_path(OUTLOOK / "other.msg"))
    assert top.title == "投递状态通知 (Failure Notice)" and top.fmt == "email" and top.date == "2017-11-27"
    assert top.metadata["from"] == "Mail Delivery Subsystem <mailer-daemon@tjdpf.org.cn>"
    assert "This is an automatically generated Delivery Status Notification" in top.text
    assert inner.title == "回复：转发：反馈·北京 2017年12月02-03日 销售" and inner.parent == "other.msg"
    assert inner.source == "other.msg › default_attachment.eml.msg"
    assert inner.metadata["from"] == "Meredith chen <yosipnps@model.com>"
    assert pdf.fmt == "pdf" and pdf.parent == "other.msg › default_attachment.eml.msg"
    assert pdf.source.endswith(".pdf") and "销售主管" in pdf.text


def test_outlook_msg_known_by_its_content_without_its_extension():
    top, inner = _docs(read_bytes("message", (OUTLOOK / "outer.msg").read_bytes()))
    assert (top.title, top.metadata["to"]) == ("outer subject", "outer@foo.bar") and "Outer body" in top.text
    assert (inner.title, inner.source) == ("test", "message › test.msg")


def test_tnef_winmail_dat_attachments_are_documents_of_their_own():
    top, *files = _docs(read_path(MAIL.parent / "tnefparse" / "winmail.dat"))
    assert top.fmt == "email" and [f.source for f in files] == ["winmail.dat › AUTHORS", "winmail.dat › README"]
    assert "Mark Simpson" in files[0].text
    [body] = read_path(MAIL.parent / "tnefparse" / "body.tnef")
    assert body.text.startswith("THE BILL OF RIGHTS")


def test_tnef_compressed_rtf_body_and_a_short_latin1_attachment():
    [rtf] = read_path(MAIL.parent / "tnefparse" / "rtf.tnef")
    assert "Senior Engineer/QA" in rtf.text and "LZFu" not in rtf.text and "\\rtf" not in rtf.text
    top, *rest = read_path(MAIL.parent / "tnefparse" / "umlaut.tnef")
    assert top.text.startswith("TEST äöü")
    [txt] = [d for d in rest if isinstance(d, Document) and d.source.endswith(".txt")]
    # 14 bytes of Latin-1 are too few for charset statistics: read as Western text, not refused.
    assert txt.source == "umlaut.tnef › UmlautAnhang-äüö.txt" and txt.text == "TEST äöü +-*/~"


def test_a_single_message_with_an_mbox_from_line_is_that_message():
    top, attached = _docs(read_path(MAIL / "msg_43.txt"))
    assert top.title == "Banned file: auto__mail.python.bat in mail from you" and top.source is None
    assert attached.source == "msg_43.txt › attachment 1" and attached.parent == "msg_43.txt"


def test_mime_text_saved_as_msg_is_read_as_mail():
    [doc] = read_bytes("lyrics.msg", (MAIL / "msg_10.eml").read_bytes())
    assert doc.title == "Lyrics" and doc.fmt == "email"
