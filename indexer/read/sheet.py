"""Spreadsheets: .xlsx (openpyxl, read-only), legacy .xls (xlrd), .ods (its XML), .csv/.tsv (the csv module, dialect
sniffed).

One section per sheet; each row is kept with its header cells ("Name: Ada; City: London"), so that a search for a
name finds its row and says what each value is. Sheets past MAX_ROWS rows are cut, and the document says so.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
from typing import Iterable, Iterator

from .document import Builder, Document
from .text import decode, one_line
from ..errors import ReadError
from . import odf
from .nested import Unpacking, open_zip

SHEET_EXTENSIONS = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".tab"})
MAX_ROWS = 50_000  # rows per document, all sheets together: past this the rest is not read, and the document says so
_SNIFF_BYTES = 64 * 1024


def read_sheet(data: bytes, name: str, stem: str, suffix: str, unpack: Unpacking) -> Document:
    """The spreadsheet as a document, one section per sheet."""
    if suffix in (".csv", ".tsv", ".tab"):
        sheets, title, fmt = [("", _csv_rows(decode(data), suffix))], stem, "csv"
    elif suffix == ".ods":
        root, meta_title = odf.content(data, unpack, "spreadsheet")
        sheets, title, fmt = list(odf.sheets(root)), meta_title or stem, "ods"
    elif suffix == ".xls":
        sheets, title, fmt = _xls(data), stem, "xls"
    else:
        sheets, title, fmt = _xlsx(data, stem, unpack)
    b, rows, meta = Builder(), 0, {}
    for sheet_name, sheet_rows in sheets:
        lines = []
        for line in _lines(sheet_rows):
            if rows >= MAX_ROWS:
                meta["cut"] = f"only the first {MAX_ROWS:,} rows are read"
                break
            lines.append(line)
            rows += 1
        b.add(sheet_name, "\n".join(lines))
    if not b.sections:
        raise ReadError(f"this {fmt} file has no cells with text")
    meta["rows"] = str(rows)
    return b.build(title, fmt, meta)


def _lines(rows: Iterable[list[str]]) -> Iterator[str]:
    """Each row with the header's cells beside its own ("Name: Ada; City: London"); the header row as it is."""
    header: list[str] | None = None
    for row in rows:
        cells = [one_line(c) for c in row]
        if not any(cells):
            continue
        if header is None:
            # A first row of words is a header; a first row of numbers is data, and the sheet has no header.
            header = cells if any(c and not _number(c) for c in cells) else []
            if header:
                yield " | ".join(c for c in cells if c)
                continue
        pairs = [f"{h}: {c}" if h else c for h, c in zip(header + [""] * len(cells), cells) if c]
        yield "; ".join(pairs)


def _number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def _csv_rows(text: str, suffix: str) -> Iterator[list[str]]:
    sample = text[:_SNIFF_BYTES]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters="\t" if suffix != ".csv" else ",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if suffix != ".csv" else csv.excel
    try:
        yield from csv.reader(io.StringIO(text), dialect)
    except csv.Error as exc:
        raise ReadError(f"not a valid {suffix[1:].upper()} file ({exc})") from None


def _xlsx(data: bytes, stem: str, unpack: Unpacking):
    import openpyxl

    open_zip(data, unpack, "Excel workbook")  # sizes checked before openpyxl inflates anything
    try:
        with warnings.catch_warnings():  # "Unknown extension is not supported": the cells are still read
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for damaged workbooks
        raise ReadError(f"not a valid .xlsx workbook ({type(exc).__name__})") from None
    sheets = [(ws.title, ([_cell(v) for v in row] for row in ws.iter_rows(values_only=True)))
              for ws in book.worksheets]
    return sheets, one_line(book.properties.title or "") or stem, "xlsx"


def _xls(data: bytes):
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as exc:  # noqa: BLE001 - xlrd raises many types for damaged or encrypted workbooks
        raise ReadError(f"not a readable .xls workbook ({exc})") from None

    def rows(sheet):
        for r in range(sheet.nrows):
            yield [_xls_cell(c, book.datemode) for c in sheet.row(r)]

    return [(sheet.name, rows(sheet)) for sheet in book.sheets()]


def _xls_cell(cell, datemode: int) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return _cell(xlrd.xldate.xldate_as_datetime(cell.value, datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return str(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return _cell(cell.value)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and not (value.hour or value.minute or value.second):
        return value.date().isoformat()
    if isinstance(value, dt.datetime) and value.date() <= dt.date(1900, 1, 1):  # a time of day, kept as a date
        return value.time().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)
