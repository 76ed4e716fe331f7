"""Issue 15, items 1–7: real files nobody here wrote (tests/data/real/README.md) read into clean, searchable text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer import Settings, Sleuth
from indexer.read.passages import split_passages
from indexer.read.pick import clean_text, read_bytes, read_path

REAL = Path(__file__).resolve().parent / "data" / "real"
_LEFTOVER_MARKUP = re.compile(r"<!--|-->|\\[<_*]|\]\[\]|^=+$|^#+ ", re.M)


def _read(rel: str):
    [doc] = read_path(REAL / rel)
    for s in doc.sections:  # every reader keeps sections' offsets exact
        assert doc.text[s.start:s.start + len(s.text)] == s.text
    return doc


def test_1_pdf_hyphenation_marks_are_joined_and_spacing_accents_combined():
    doc = _read("pypdf/Seige_of_Vicksburg_Sample_OCR.pdf")
    assert "\ufffe" not in doc.text and "\xad" not in doc.text
    # pdfium gives "dan\ufffegerous" and "inhabi\ufffetants": both words are whole again.
    assert "dangerous" in doc.text and "inhabitants" in doc.text and "inhabi\n" not in doc.text
    # TeX PDFs print an umlaut as a spacing diaeresis before the letter (no such real file was at hand).
    assert clean_text("M\xa8oller and Fran\xb8cois") == "Möller and François"
    assert clean_text("`code` and co\xadoperate") == "`code` and cooperate"  # a backtick is not a grave accent


@pytest.mark.parametrize("rel, word", [("make/NEWS", "Klaus Kämpf"), ("ed/AUTHORS", "François Pinard"),
                                       ("libtimedate-perl/changelog", "Skjærlund"),
                                       ("libjxr0/readme.txt", "Windows Media™ Photo")])
def test_2_latin1_and_cp1252_are_not_read_as_big5_or_cp1250(rel, word):
    assert word in _read(rel).text


def test_2_mojibake_already_in_the_text_is_put_right():
    text = _read("libxml2/changelog-excerpt.txt").text
    for name in ("Andreas Färber", "Georges-André Silber", "Stéphane Bidoul", "Björn"):
        assert name in text
    assert "Ã" not in text


def test_2_other_encodings_still_detected():
    russian = "Лев Троцкий был убит в Койоакане ледорубом в августе 1940 года. " * 3
    assert "Лев Троцкий" in read_bytes("r.txt", russian.encode("cp1251"))[0].text
    assert "Gdańsk" in read_bytes("p.txt", ("Zażółć gęślą jaźń w Gdańsku. Gdańsk " * 5).encode("cp1250"))[0].text


def test_3_html_code_blocks_stay_text_and_lost_paragraphs_come_back():
    emulator = _read("valgrind/dist.readme-android_emulator.html")
    # Its shell comments ("# install sdk") were 13 section names and only 59 of 289 words reached the text.
    assert [s.title for s in emulator.sections] == [""]
    assert len(emulator.text.split()) >= 280 and "# install sdk\ntar xzf android-sdk_r18-linux.tgz" in emulator.text
    contribs = _read("libxslt/contribs.html")
    for name in ("Bjorn Reese", "William Brack", "Thomas Broyer", "John Fleck", "Steve Ball", "tkxsltproc",
                 "Marc Liyanage"):
        assert name in contribs.text


def test_4_titles_are_the_page_not_the_site_and_clean():
    node = _read("nodejs/punycode.html")
    assert node.title == "Punycode"  # not its site-wide h1 "Node.js v20.20.2 documentation"
    assert node.metadata["page title"] == "Punycode | Node.js v20.20.2 Documentation"  # the <title> is kept
    assert [s.title for s in node.sections][:2] == ["", "punycode.decode(string)"]
    assert not any(s.title.endswith(("#", "¶", "§")) for s in node.sections)
    assert _read("libxslt/contribs.html").title == "Contributions"  # over the banner h1 "The XSLT C library…"
    pdf = _read("pypdf/Seige_of_Vicksburg_Sample_OCR.pdf")
    assert pdf.title != "Binder1.pdf" and pdf.metadata["file name"] == "Binder1.pdf"
    assert _read("make/NEWS").title == "GNU make NEWS"  # without its Emacs mode line


def test_4_an_upload_keeps_its_title_and_never_control_characters():
    page = (b"<html><head><title>Trotsky assassinated - 21 August 1940</title></head><body><p>Leon Trotsky died "
            b"in Coyoac\xc3\xa1n today after an attack with an ice axe by a man known as Jacques Mornard.</p>"
            b"</body></html>")
    assert read_bytes("upload_3f9a2c.html", page)[0].title == "Trotsky assassinated - 21 August 1940"
    sphinx = (b"<html><head><title>Abstract - Python docs</title></head><body><h1>Abstract<a class='headerlink' "
              b"href='#a'>\xc2\xb6</a></h1><h2>Use<a class='headerlink' href='#u'>\xc2\xb6</a></h2><p>"
              + b"The abstract base classes of the collections module. " * 5 + b"</p></body></html>")
    doc = read_bytes("abc.html", sphinx)[0]
    assert doc.title == "Abstract" and not any("¶" in s.title for s in doc.sections)
    jsonl = read_bytes("r.jsonl", b'{"id": "a", "title": "Bad\\u0000 title\\u001b[31m", "text": "Text."}\n')[0]
    assert jsonl.title == "Bad title[31m"


@pytest.mark.parametrize("rel, title", [("nodejs/punycode.md", "Punycode"), ("pango/README.md", "Pango"),
                                        ("git/README.md", "Git - fast, scalable, distributed revision control "
                                                          "system")])
def test_5_markdown_is_parsed_not_pattern_matched(rel, title):
    doc = _read(rel)
    assert doc.title == title  # setext titles too: git's and Pango's READMEs were titled "README"
    assert not _LEFTOVER_MARKUP.search(doc.text), _LEFTOVER_MARKUP.search(doc.text)
    assert "YAML" not in doc.text and "added: v0.1.99" not in doc.text  # Node's <!-- YAML … --> comments


def test_5_html_text_has_no_markdown_escapes():
    for rel in ("nodejs/punycode.html", "libxslt/contribs.html"):
        assert not _LEFTOVER_MARKUP.search(_read(rel).text)
    assert "\\" not in _read("valgrind/dist.readme-android_emulator.html").text  # "Tools -\> Manage AVDs"
    raw = b"# T\n\n<table><tr><td>Ice axe</td><td>1940</td></tr></table>\n\nText with [a ref][] and [x][y].\n\n[y]: /u\n"
    doc = read_bytes("t.md", raw)[0]
    assert "<t" not in doc.text and "Ice axe" in doc.text and "[x]" not in doc.text


def test_6_docx_headers_footers_and_comments_are_indexed():
    hdr = _read("python-docx/hdr-header-footer.docx")
    assert "Headers and footers" in [s.title for s in hdr.sections]
    comments = _read("python-docx/comments-rich-para.docx")
    assert "Comments" in [s.title for s in comments.sections]
    assert all(s.text.strip() for s in hdr.sections + comments.sections)


@pytest.mark.parametrize("rel, title", [("ed/AUTHORS", "AUTHORS"), ("common-licenses/Apache-2.0", "Apache License"),
                                        ("libtimedate-perl/changelog", "2.33 -- Wed May 19 11:34:00 MT 2020")])
def test_6_text_files_without_an_extension_are_read(rel, title):
    doc = _read(rel)
    assert doc.fmt == "text" and doc.title == title and split_passages(doc)
    # The indexer passes an extensionless file's whole path: the fallback title is still only its name.
    assert read_bytes(str(REAL / "ed" / "AUTHORS"), (REAL / "ed" / "AUTHORS").read_bytes())[0].title == "AUTHORS"


def test_6_binary_files_without_an_extension_are_still_refused():
    from indexer.errors import ReadError

    with pytest.raises(ReadError, match="not text"):
        read_bytes("LICENSE", bytes(range(256)) * 4)
    with pytest.raises(ReadError, match="unsupported file type .xyz.*not text"):
        read_bytes("notes.xyz", bytes(range(256)) * 4)
    [doc] = read_bytes("notes.xyz", b"hello")  # text is read whatever its extension (issue 24, item 4)
    assert doc.text == "hello"


def test_7_identifiers_are_found_by_their_parts(tmp_path):
    app = Sleuth(Settings(index_dir=tmp_path / "data", n_process=1))
    try:
        report = app.index_paths([REAL / "nodejs" / "punycode.md"])
        assert report.passages > 0
        for query in ("domainToASCII", "url.domainToASCII", "toASCII", "punycode.toASCII", "ucs2"):
            assert app.search(query).total > 0, query
        assert app.search("domainToASCII").hits[0].doc_id == "punycode.md"
    finally:
        app.close()
