"""Exports: every hit of a search, with its filters and dates, as CSV or JSON, streamed: the facade ranks every hit
once and the hits are built a chunk at a time as they are sent, so memory holds the ranking, not the rows."""
from __future__ import annotations

import csv
import io
import json
from typing import Iterator

from flask import Response, stream_with_context

from indexer import ENTITY_FACETS, SearchRequest, csv_cell

from .context import sleuth

EXPORT_PAGE = 500  # hits built and sent at a time
CSV_HEAD = ["doc_id", "title", "passage_id", "section", "score", "text", "dates", *ENTITY_FACETS]


class Pages:
    """Every hit of a search in its order, a chunk at a time; `complete` and `message` say whether all came."""

    def __init__(self, request: SearchRequest) -> None:
        self.request, self.complete, self.message, self.count = request, True, None, 0

    def __iter__(self) -> Iterator[list]:
        result = sleuth().every_hit(self.request)
        if result.refused or (result.message and "cut off" in result.message):
            self.complete, self.message = False, result.message
        hits = result.hits
        for start in range(0, len(hits), EXPORT_PAGE):
            chunk = hits[start:start + EXPORT_PAGE]
            self.count += len(chunk)
            yield chunk


def _attachment(kind: str) -> dict:
    return {"Content-Disposition": f'attachment; filename="sleuth-results.{kind}"', "Cache-Control": "no-store"}


def as_csv(request: SearchRequest) -> Response:
    """Every hit as CSV rows, with a UTF-8 byte order mark so that spreadsheets read accents right."""
    pages = Pages(request)

    def rows() -> Iterator[str]:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_HEAD)
        yield "\ufeff" + out.getvalue()
        for hits in pages:
            out.seek(0)
            out.truncate()
            for h in hits:
                writer.writerow([csv_cell(v) for v in (
                    h.doc_id, h.title, h.passage_id, h.section, h.score, h.text, "; ".join(h.dates),
                    *("; ".join(h.entities.get(f, [])) for f in ENTITY_FACETS))])
            yield out.getvalue()
        if not pages.complete:  # said in the file itself: a partial export must not pass for a whole one
            out.seek(0)
            out.truncate()
            writer.writerow([csv_cell(f"INCOMPLETE after {pages.count} rows: {pages.message}")])
            yield out.getvalue()

    return Response(stream_with_context(rows()), mimetype="text/csv", headers=_attachment("csv"))


def as_json(request: SearchRequest) -> Response:
    """Every hit as one JSON object: the search, `results` (the API's hit shape), then `exported` and `complete`."""
    pages = Pages(request)

    def parts() -> Iterator[str]:
        search = {"query": request.query, "filters": request.filters, "exclude": request.exclude,
                  "from": request.date_from, "to": request.date_to}
        yield json.dumps(search, ensure_ascii=False)[:-1] + ', "results": ['
        first = True
        for hits in pages:
            yield ("" if first else ",") + ",".join(json.dumps(h.to_json(), ensure_ascii=False) for h in hits)
            first = False
        tail = {"exported": pages.count, "complete": pages.complete, "message": pages.message}
        yield "], " + json.dumps(tail, ensure_ascii=False)[1:]

    return Response(stream_with_context(parts()), mimetype="application/json", headers=_attachment("json"))
