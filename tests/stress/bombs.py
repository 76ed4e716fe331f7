"""Small files that expand into huge work, uploaded to `sleuth serve` on loopback while searches run (issue 14
items 1 and 9).

    python tests/stress/bombs.py [--docx-uploads 7] [--paragraphs 9000] [--pages 20000]

A 40 KB .docx of 9,000 one-sentence paragraphs, uploaded seven times at once, and a 120 KB PDF whose page tree
repeats one page 20,000 times. Meanwhile a client searches every 0.2 s. Checks: every search answers within 2 s
(reading happens outside the write lock and at most SLEUTH_MAX_CONCURRENT_UPLOADS uploads are processed at once;
the rest are told "busy" at once); every upload gets an answer — indexed, refused with a reason or busy — never a
500; the PDF bomb is refused with a reason (pages or passages over their caps). Bounded in time, loopback only.
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.pdf import tiny_pdf  # noqa: E402
from tests.stress._server import multipart, p95, report, request, start, stop  # noqa: E402

UPLOAD_TIMEOUT = 240


def docx_bomb(paragraphs: int) -> bytes:
    """A small .docx of many one-sentence paragraphs."""
    import docx

    d = docx.Document()
    for i in range(paragraphs):
        d.add_paragraph(f"Sentence {i} mentions Trotsky.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def pdf_bomb(pages: int) -> bytes:
    """A PDF whose page tree names the same page object `pages` times."""
    return tiny_pdf("Trotsky in Coyoacan", repeat=pages)


def upload(url: str, name: str, content: bytes, out: list) -> None:
    body, headers = multipart([(name, content)])
    try:
        ms, status, answer = request(url + "/api/documents", body, headers, timeout=UPLOAD_TIMEOUT)
    except OSError as exc:
        ms, status, answer = UPLOAD_TIMEOUT * 1000.0, 0, {"error": str(exc)}
    reason = (answer.get("failed") or [{}])[0].get("reason") or answer.get("error") or ""
    out.append((name, ms, status, reason))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docx-uploads", type=int, default=7)
    ap.add_argument("--paragraphs", type=int, default=9000)
    ap.add_argument("--pages", type=int, default=20000)
    args = ap.parse_args(argv)
    bomb_docx, bomb_pdf = docx_bomb(args.paragraphs), pdf_bomb(args.pages)
    print(f".docx: {len(bomb_docx) / 1024:.0f} KB, {args.paragraphs} paragraphs; "
          f".pdf: {len(bomb_pdf) / 1024:.0f} KB, {args.pages} pages")
    server, url = start(Path(tempfile.mkdtemp(prefix="sleuth-bombs-")) / "index")
    searches: list[tuple[float, int]] = []
    uploads: list[tuple[str, float, int, str]] = []
    try:
        threads = [threading.Thread(target=upload, args=(url, "pages.pdf", bomb_pdf, uploads))]
        threads += [threading.Thread(target=upload, args=(url, f"paras{i}.docx", bomb_docx, uploads))
                    for i in range(args.docx_uploads)]
        for t in threads:
            t.start()
            time.sleep(0.05)
        while any(t.is_alive() for t in threads):
            try:
                ms, status, _ = request(url + "/api/search?q=trotsky", timeout=30)
            except OSError:
                ms, status = 30000.0, 0
            searches.append((ms, status))
            time.sleep(0.2)
        for t in threads:
            t.join()
    finally:
        stop(server)
    times = [ms for ms, _ in searches]
    print(f"searches during the uploads: {len(times)}, p50 {sorted(times)[len(times) // 2]:.0f} ms, "
          f"p95 {p95(times):.0f} ms, slowest {max(times):.0f} ms")
    for name, ms, status, reason in sorted(uploads):
        print(f"  {name}: {status} after {ms / 1000:.1f} s {reason[:110]}")
    pdf = [u for u in uploads if u[0] == "pages.pdf"][0]
    return report({
        "every search answered 200 within 2 s": all(s == 200 and ms < 2000 for ms, s in searches),
        "every upload answered (indexed, refused with a reason, or busy), never a 500":
            all(s in (201, 400, 503) for _, _, s, _ in uploads),
        "the page-tree PDF is refused with a reason": pdf[2] == 400 and ("limit" in pdf[3] or "pages" in pdf[3]),
    })


if __name__ == "__main__":
    sys.exit(main())
