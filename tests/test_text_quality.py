"""Issue 24, item 5: text quality on real files (tests/data/real/README.md) — DocBook headings kept as sections, PDF
running headers, footers and page numbers dropped, dot leaders dropped, a title broken over two lines joined, and a
quoted phrase that goes on past a dotted or camel-case identifier found."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer import Settings, Sleuth
from indexer.read.pick import read_path

REAL = Path(__file__).resolve().parent / "data" / "real"
_LEADER = re.compile(r"(?:\. ?){4,}")


def _read(rel: str):
    [doc] = read_path(REAL / rel)
    for s in doc.sections:  # offsets stay exact
        assert doc.text[s.start:s.start + len(s.text)] == s.text
    return doc


def test_docbook_faq_questions_are_sections():
    doc = _read("debian-faq/kernel.en.html")
    titles = [s.title for s in doc.sections]
    assert titles[:4] == ["10.1. Can I install and compile a kernel without some Debian-specific tweaking?",
                          "10.2. What tools does Debian provide to build custom kernels?",
                          "10.3. What special provisions does Debian provide to deal with modules?",
                          "10.4. Can I safely de-install an old kernel package, and if so, how?"]
    # Each answer is in its question's section, and no heading is left in the text as well.
    assert doc.sections[1].text.startswith("Users who wish to (or must) build a custom kernel")
    assert "make deb-pkg" in doc.sections[1].text and "make deb-pkg" not in doc.sections[0].text
    assert "10.2. What tools" not in doc.text
    # A page whose headings trafilatura kept is as it was.
    node = _read("nodejs/punycode.html")
    assert [s.title for s in node.sections][:3] == ["", "punycode.decode(string)", "punycode.encode(string)"]


def test_docbook_reference_chapter_keeps_its_sections_in_order():
    doc = _read("debian-reference/ch05.en.html")
    titles = [s.title for s in doc.sections]
    assert len(titles) >= 12
    assert "5.1. The basic network infrastructure" in titles and "5.1.1. The hostname resolution" in titles
    assert titles.index("5.1. The basic network infrastructure") < titles.index("5.1.1. The hostname resolution")
    hostname = doc.sections[titles.index("5.1.1. The hostname resolution")]
    assert "NSS (Name Service Switch)" in hostname.text


def test_docbook_handbook_sections_inside_nested_divs():
    doc = _read("debian-handbook/sect.apt-get.html")
    titles = [s.title for s in doc.sections]
    assert doc.title == "6.2. aptitude, apt-get, and apt Commands"
    assert titles[1:6] == ["6.2.1. Initialization", "6.2.2. Installing and Removing", "6.2.3. System Upgrade",
                           "6.2.4. Configuration Options", "6.2.5. Managing Package Priorities"]
    assert doc.sections[3].text.startswith("Regular upgrades are recommended")


def test_pdf_running_header_and_page_numbers_are_dropped():
    doc = _read("shared-mime-info/shared-mime-info-spec.pdf")
    assert doc.title == "Shared MIME-info Database"  # the header on its title page is still the title
    assert len(doc.sections) == 17
    # Before: "Shared MIME-info Database" headed all 17 pages and each ended with its page number.
    assert not any(s.text.startswith("Shared MIME-info Database") for s in doc.sections)
    assert not any(s.text.rstrip().split("\n")[-1].strip().isdigit() for s in doc.sections)
    assert doc.sections[1].text.startswith("1.3. Language used in this specification")


def test_pdf_running_header_with_changing_page_numbers_is_dropped():
    doc = _read("debian-reference/debian-reference-7-pages.pdf")
    # "Debian Reference i", "… iv", "… 3 / 233": one running line whatever its page number.
    assert doc.title == "Debian Reference"
    assert "Debian Reference" not in doc.text.replace("This Debian Reference", "")
    assert doc.sections[3].text.startswith("1.1.4 The root shell prompt")


def test_pdf_running_header_is_no_entity(tmp_path):
    app = Sleuth(Settings(index_dir=tmp_path / "data", n_process=1))
    try:
        app.index_paths([REAL / "debian-reference" / "debian-reference-7-pages.pdf"])
        names = {v.value for facet in app.entities().values() for v in facet}
        assert "Debian Reference" not in names
        assert app.search('"root shell prompt"').total > 0
    finally:
        app.close()


def test_dot_leaders_of_a_table_of_contents_are_dropped():
    doc = _read("debian-reference/debian-reference-7-pages.pdf")
    toc = doc.sections[1].text
    assert not _LEADER.search(toc)
    assert "1.2.13 tmpfs 16" in toc.split("\n")  # the entry and its page number stay
    crc = _read("zlib/crc-doc-pages-1-2.pdf")
    assert not _LEADER.search(crc.text) and "4.5 Simplified CRC 9" in crc.text.split("\n")


def test_a_title_broken_over_two_lines_is_joined():
    assert _read("zlib/crc-doc-pages-1-2.pdf").title == "Everything we know about CRC but afraid to forget"


def test_plain_text_title_and_leaders(tmp_path):
    # The PDF's own text, saved as plain text (as pdftotext would): the same title and leaders.
    from indexer.read.pick import read_bytes

    text = "Everything we know about CRC but afraid to\nforget\n\nContents\n" \
           "4.4 Computing powers of x . . . . . . . . . . . . . 8\n4.5 Simplified CRC . . . . . . . . . . . . 9\n"
    [doc] = read_bytes("crc.txt", text.encode())
    assert doc.title == "Everything we know about CRC but afraid to forget"
    assert doc.text == "Contents\n4.4 Computing powers of x 8\n4.5 Simplified CRC 9"


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    app = Sleuth(Settings(index_dir=tmp_path_factory.mktemp("phrases") / "data", n_process=1))
    app.index_paths([REAL / "nodejs" / "punycode.md", REAL / "debian-reference" / "ch05.en.html"])
    yield app
    app.close()


@pytest.mark.parametrize("phrase, doc_id", [
    ('"punycode.toASCII() method converts"', "punycode.md"),  # a dotted camel-case identifier, then words
    ('"NetworkManager GNOME frontend"', "ch05.en.html"),  # the example: camel case, then words
    ('"Node.js is being deprecated"', "punycode.md"),
])
def test_a_phrase_goes_on_past_an_identifier(docs, phrase, doc_id):
    result = docs.search(phrase)
    assert result.total > 0 and result.hits[0].doc_id == doc_id, phrase
    assert docs.search('"url.domainToASCII"').total > 0  # the identifier alone still matches


def test_a_phrase_across_a_split_identifier_still_does_not_match(docs):
    # "domainToASCII" is indexed as domain, To, ASCII too: a phrase made of its parts is not its text.
    assert docs.search('"domain to ascii"').total == 0
