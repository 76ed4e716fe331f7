"""pdfium, one caller at a time: the library is not thread-safe (not even on different documents), and the server
reads uploaded PDFs and renders pages for the original view in several threads. Every call to pypdfium2 in this
process is made holding `PDFIUM`; nothing slow is waited for while it is held (Tesseract reads outside it)."""
from __future__ import annotations

import threading

PDFIUM = threading.RLock()
