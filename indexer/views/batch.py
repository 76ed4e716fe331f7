"""Batch search: a list of names or queries, one a line, each with its passage and document counts and top hits."""
from __future__ import annotations

import csv
import io
import time
from dataclasses import dataclass
from typing import Callable, Iterable

from ..query.results import Hit, SearchResult

MAX_LINES = 500  # one batch; more is a job for the CLI in several runs
TOP_HITS = 3
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class BatchLine:
    """One line of a batch and what it found."""

    query: str
    passages: int
    documents: int
    hits: list[Hit]
    message: str | None = None
    run: bool = True  # False: the batch's time budget ran out before this line (`message` says so)


def queries(text: str) -> list[str]:
    """The distinct non-empty lines of a batch, in order (blank lines and repeats dropped)."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def search_lines(search: Callable[..., SearchResult], lines: Iterable[str], top: int = TOP_HITS,
                 budget: float | None = None, started: float | None = None) -> list[BatchLine]:
    """Search every line (at most MAX_LINES) with the facade's `search` and count its passages and documents.

    `budget`: seconds for the whole batch, from `started` (`time.monotonic()`, the same clock in every process of
    the machine; default now); the lines after it are returned not run, with the reason.
    """
    out = []
    deadline = None if budget is None else (time.monotonic() if started is None else started) + budget
    for query in list(lines)[:MAX_LINES]:
        if deadline is not None and time.monotonic() >= deadline:
            out.append(BatchLine(query, 0, 0, [], f"Not run: the batch used its {budget:g} s (SLEUTH_BATCH_SECONDS). "
                                                  "Search this line again, or send the rest as another batch.", False))
            continue
        result = search(query, per_page=top)
        out.append(BatchLine(query, result.total, result.documents, result.hits, result.message))
        time.sleep(0.001)  # let the server's other threads have the interpreter between lines
    return out


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula (text starting = + - @ is made plain text)."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA) else value


def to_csv(found: list[BatchLine]) -> str:
    """The batch as CSV: one row per line, with its counts and top hits."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["query", "passages", "documents", "top_documents", "top_passages", "message"])
    for line in found:
        counts = [line.passages, line.documents] if line.run else ["", ""]
        writer.writerow([csv_cell(line.query), *counts,
                         csv_cell("; ".join(dict.fromkeys(h.title for h in line.hits))),
                         csv_cell("; ".join(h.passage_id for h in line.hits)), csv_cell(line.message or "")])
    return out.getvalue()
