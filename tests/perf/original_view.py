"""The original view at size: what showing a page of a long PDF, and of a scan, costs the server.

    python tests/perf/original_view.py --repeat 100

Builds a long PDF by repeating a real one (tests/data/real/debian-reference, 7 pages) `--repeat` times and a
two-page scan without its text layer (tests/ocr_pages.py), indexes both with the light pipeline, then times through
Flask's test client: the original view of a page with a search's hits outlined (the first time: rendered and, on
the scan, read by Tesseract for its word boxes; then from the cache), its page image, and the document's text page
for comparison. Not collected by pytest (tests/perf is excluded).
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from indexer import Settings, Sleuth  # noqa: E402
from web import create_app  # noqa: E402
from tests.light_model import save_light_model  # noqa: E402
from tests.ocr_pages import VICKSBURG, image_only  # noqa: E402

BOOK = ROOT / "tests" / "data" / "real" / "debian-reference" / "debian-reference-7-pages.pdf"


def long_pdf(repeat: int) -> bytes:
    import pypdfium2 as pdfium

    src, out = pdfium.PdfDocument(BOOK.read_bytes()), pdfium.PdfDocument.new()
    for _ in range(repeat):
        out.import_pages(src)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def timed(client, url: str, times: int = 1) -> float:
    took = []
    for _ in range(times):
        start = time.perf_counter()
        response = client.get(url)
        took.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(took)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=100, help="copies of the 7-page PDF in the long one")
    ap.add_argument("--keep", help=argparse.SUPPRESS)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.keep:
            tmp = args.keep
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / "book.pdf").write_bytes(long_pdf(args.repeat))
        (folder / "scan.pdf").write_bytes(image_only(VICKSBURG.read_bytes(), pages=2))
        settings = Settings(index_dir=Path(tmp) / "data", corpus_dir=folder, secret_key="p",
                            model=str(save_light_model(Path(tmp) / "model")))
        sleuth = Sleuth(settings)
        start = time.perf_counter()
        report = sleuth.index_paths([folder])
        print(f"indexed {report.passages:,} passages in {time.perf_counter() - start:.1f} s")
        sleuth.close()
        client = create_app(settings).test_client()
        pages = 7 * args.repeat
        middle = pages // 2
        rows = [
            (f"book.pdf ({pages} pages), page {middle}, q=debian: first", f"/original/book.pdf?at={middle}&q=debian", 1),
            ("the same page again (cached image)", f"/original/book.pdf?at={middle}&q=debian", 5),
            ("its page image (PNG)", f"/original-image/book.pdf?at={middle}", 5),
            ("another page, without a query", f"/original/book.pdf?at={middle + 1}", 1),
            ("book.pdf's text page, q=debian (for comparison)", "/doc/book.pdf?q=debian", 3),
            ("scan.pdf, page 1, q=river: first (Tesseract's word boxes)", "/original/scan.pdf?at=1&q=river", 1),
            ("the same scanned page again (cached)", "/original/scan.pdf?at=1&q=river", 5),
            ("the same scanned page, another search (cached words)", "/original/scan.pdf?at=1&q=Grant", 1),
        ]
        print("| request | ms (median) |\n|---|---|")
        for label, url, times in rows:
            print(f"| {label} | {timed(client, url, times):,.0f} |")


if __name__ == "__main__":
    main()
