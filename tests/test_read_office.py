"""Issue 24, item 3: spreadsheets, presentations and other office files (real files from the formats' own test data,
tests/data/real/README.md)."""
from __future__ import annotations

import shutil

import pytest

from indexer.errors import ReadError
from indexer.read import office
from indexer.read.pick import read_bytes, read_path

from .test_real_documents import REAL, _read  # _read also checks that sections' offsets are exact


def test_xlsx_one_section_per_sheet_and_rows_keep_their_header_cells():
    doc = _read("xlsx2csv/sheets.xlsx")
    assert doc.fmt == "xlsx" and doc.title == "Use Case description & register"
    assert [s.title for s in doc.sections] == ["Реестр", "Вариант использования"]
    assert "№: 1; URL: url; Название: <<Шаблон сценария>>; Вер.: 1.0" in doc.text
    assert "Элемент: Наследует; Описание: Какой сценарий является родительским" in doc.text


def test_xlsx_in_three_scripts():
    doc = _read("xlsx2csv/utf8.xlsx")
    assert "Russian language" in doc.text and "Здравствуйте" in doc.text and "こんにちは" in doc.text


def test_legacy_xls_rows_with_header_and_dates():
    doc = _read("xlrd/profiles.xls")
    assert doc.fmt == "xls" and "PROFIL: P8.2; a: 100; b: 101" in doc.text
    formate = _read("xlrd/Formate.xls")
    assert "Äcker" in formate.text and "2005-02-23" in formate.text


def test_ods_sheet_named_and_read():
    doc = _read("odfpy/chinese_spreadsheet.ods")
    assert doc.fmt == "ods" and [s.title for s in doc.sections] == ["工作表1"] and "test" in doc.text


def test_csv_dialect_sniffed_and_rows_keep_their_header():
    doc = _read("distro-info-data/debian.csv")
    assert doc.fmt == "csv" and "version: 12; codename: Bookworm; series: bookworm; created: 2021-08-14" in doc.text


def test_sheet_rows_are_bounded(monkeypatch):
    from indexer.read import sheet

    monkeypatch.setattr(sheet, "MAX_ROWS", 3)
    doc = _read("distro-info-data/debian.csv")
    assert doc.text.count("\n") == 2 and doc.metadata["cut"] == "only the first 3 rows are read"


def test_pptx_one_section_per_slide_with_speaker_notes():
    doc = _read("python-pptx/sld-notes.pptx")
    assert doc.fmt == "pptx" and doc.sections[0].title == "Slide 1"
    assert "Speaker notes:\nNotes" in doc.sections[0].text
    text = _read("python-pptx/txt-text.pptx")
    assert [s.title for s in text.sections] == ["Slide 1", "Slide 2"] and "Text run in table cell" in text.text


def test_odp_pages_are_slides():
    doc = _read("odfpy/cols.odp")
    assert doc.fmt == "odp" and doc.sections[0].title == "Slide 1: page1"
    assert "Suspendisse tempor urna dolor" in doc.text


def test_odt_headings_are_sections_and_tables_rows():
    doc = _read("odfpy/api-for-odfpy.odt")
    assert doc.title == "Application Programmer's Interface for ODFPY"
    assert {"Introduction", "Creating a document", "Loading a document"} <= {s.title for s in doc.sections}
    assert "Cell 1 | Cell 2" in _read("odfpy/simpletable.odt").text


def test_rtf_text_in_its_code_page():
    doc = _read("striprtf/ansicpg1250.rtf")
    assert doc.fmt == "rtf" and doc.title == "Proszę o zapoznanie się z poniższą klauzulą informacyjną."
    assert "\\par" not in doc.text and "{" not in doc.text
    assert "a 10‘000 b c!" in _read("striprtf/french.rtf").text


def test_epub_one_section_per_chapter():
    doc = _read("audiobook_gen/test.epub")
    assert doc.fmt == "epub" and doc.title == "The Picture of Dorian Gray"
    assert doc.metadata["author"] == "Oscar Wilde"
    assert [s.title for s in doc.sections][1:] == ["THE PREFACE", "CHAPTER I.", "CHAPTER II.", "CHAPTER III."]
    assert "The studio was filled with the rich odour of roses" in doc.sections[2].text


@pytest.mark.skipif(shutil.which("catdoc") is None, reason="legacy .doc needs catdoc (apt-get install catdoc)")
def test_legacy_doc_through_catdoc():
    doc = _read("olefile/test-ole-file.doc")
    assert doc.fmt == "doc" and doc.text == "Test OLE file, saved as Word 97-2003 Document."


def test_legacy_doc_without_catdoc_names_the_install_line(monkeypatch):
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    with pytest.raises(ReadError, match="needs catdoc, which is not installed: sudo apt-get install catdoc"):
        read_path(REAL / "olefile" / "test-ole-file.doc")


def test_office_file_without_its_extension_is_known_by_its_content():
    [doc] = read_bytes("download", (REAL / "xlsx2csv" / "sheets.xlsx").read_bytes())
    assert doc.fmt == "xlsx"
    [doc] = read_bytes("book", (REAL / "audiobook_gen" / "test.epub").read_bytes())
    assert doc.fmt == "epub"


def test_stats_say_which_optional_readers_are_available(tmp_path, monkeypatch):
    from indexer import Settings, Sleuth

    app = Sleuth(Settings(index_dir=tmp_path / "ix"))
    try:
        monkeypatch.setattr(office.shutil, "which", lambda name: None)
        assert app.stats()["readers"] == (".doc/.ppt: not available: sudo apt-get install catdoc; "
                                          "man pages: not available: sudo apt-get install groff-base")
        monkeypatch.setattr(office.shutil, "which", lambda name: f"/usr/bin/{name}")
        assert app.stats()["readers"] == ".doc/.ppt: available (catdoc); man pages: available (groff)"
    finally:
        app.close()


@pytest.mark.parametrize("name, member", [("bomb.xlsx", "xl/workbook.xml"), ("bomb.odt", "content.xml"),
                                          ("bomb.pptx", "ppt/presentation.xml")])
def test_office_zip_bomb_is_refused_before_its_library_inflates_it(name, member):
    import io
    import zipfile

    buf = io.BytesIO()  # built: no real office zip bomb was at hand
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, b" " * (210 * 1024 * 1024))
    with pytest.raises(ReadError, match="expands to 210 MB, over the 200 MB limit"):
        read_bytes(name, buf.getvalue())
