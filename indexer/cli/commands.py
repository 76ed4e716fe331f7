"""The `sleuth` command: a thin adapter over the search facade. Errors name the fix; exit 0 ok, 1 partial, 2 usage."""
from __future__ import annotations

import html
import json
import os
import re
import sqlite3
import sys

from .. import (BATCH_TOP_HITS, FACETS, MAX_BATCH_LINES, CorrectionsFile, IndexReport, SearchRequest, SearchResult,
                Settings, SettingsError, Sleuth, SleuthError, TooManyFilters, batch_csv, batch_lines, damaged_message)
from .parser import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, build_parser

# Terminal control characters (ESC, CSI…) and bidi overrides from indexed text would act on the user's terminal.
_TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_json(data: object) -> str:
    """JSON for the terminal: json escapes C0 controls itself; C1 controls and bidi overrides are escaped here."""
    return _TERMINAL_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False, indent=2))


def shown(text: object) -> str:
    """Text safe to print on a terminal: control characters written as visible escapes (ESC → \\x1b)."""
    return _TERMINAL_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                                 else f"\\u{ord(m.group()):04x}", str(text))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `sleuth` console script."""
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env(index_dir=args.index_dir)
    except SettingsError as exc:
        print(f"sleuth: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    problem = CorrectionsFile(settings.index_dir).problem  # said, not fatal: the collection works without them
    if problem:
        print(f"sleuth: warning: {problem}", file=sys.stderr)
    try:
        return _COMMANDS[args.command](settings, args)
    except SleuthError as exc:
        print(f"sleuth: {exc}", file=sys.stderr)
        return EXIT_PARTIAL
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError):
            raise
        print(f"sleuth: {damaged_message(exc)}", file=sys.stderr)  # damage found past the registry's first page
        return EXIT_PARTIAL
    except BrokenPipeError:
        # The reader went away (`sleuth search … | head`): not an error; silence the flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("sleuth: interrupted; documents committed so far are kept, run the command again to finish.",
              file=sys.stderr)
        return 130


def _pairs(items: list[str], flag: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in items:
        kind, sep, value = item.partition("=")
        if not sep or kind not in FACETS or not value:
            raise SystemExit(_usage(f"{flag} wants TYPE=VALUE with TYPE one of {', '.join(FACETS)}; got {item!r}"))
        out.setdefault(kind, []).append(value)
    return out


def _usage(message: str) -> int:
    print(f"sleuth: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_index(settings: Settings, args) -> int:
    """`sleuth index`."""
    paths = args.paths or [settings.corpus_dir]
    sleuth = Sleuth(settings, set_aside_damaged=args.rebuild)
    if sleuth.registry.set_aside:
        print(f"sleuth: the document registry was damaged; it is kept as {sleuth.registry.set_aside.name} and a new "
              "one is built from the folders given (add uploads again).", file=sys.stderr)
    bar = _progress_bar()
    pages = _progress_bar("Reading scans (OCR)", "page")
    report = sleuth.index_paths(paths, rebuild=args.rebuild, keep_missing=args.keep_missing,
                                progress=bar.update if bar else None, on_wait=lambda msg: print(msg, file=sys.stderr),
                                ocr_progress=pages.update if pages else None)
    for b in (pages, bar):
        if b:
            b.close()
    _print_report(report, args.json)
    return EXIT_PARTIAL if report.failed else EXIT_OK


def _progress_bar(desc: str = "Finding entities", unit: str = "passage"):
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    class _Bar:
        def __init__(self) -> None:
            self.bar = None  # shown from the first update: most runs have no scans to read

        def update(self, done: int, total: int) -> None:
            if self.bar is None:
                self.bar = tqdm(total=total, unit=unit, desc=desc, file=sys.stderr)
            self.bar.total = total
            self.bar.n = done
            self.bar.refresh()

        def close(self) -> None:
            if self.bar is not None:
                self.bar.close()

    return _Bar()


def _print_report(report: IndexReport, as_json: bool) -> None:
    if as_json:
        print(terminal_json(report.to_json()))
        return
    for d in report.failed:
        print(shown(f"failed: {d.name}: {d.reason}"), file=sys.stderr)
    for note in report.notes:
        print(shown(note), file=sys.stderr)
    s = report.to_json()
    synced = "".join(f", {s[k]} {k}" + (" (kept: --keep-missing)" if k == "missing" else "")
                     for k in ("moved", "duplicate", "removed", "missing") if s[k])
    print(f"{s['added']} added, {s['updated']} updated, {s['unchanged']} unchanged{synced}, {s['failed']} failed; "
          f"{s['passages']} passages, {s['entities']} entity mentions in {s['seconds']:.1f} s")


def cmd_search(settings: Settings, args) -> int:
    """`sleuth search`."""
    if args.batch is not None:
        return _search_batch(settings, args)
    try:
        request = SearchRequest.of(args.query, _pairs(args.filter, "--filter"), _pairs(args.exclude, "--exclude"),
                                   args.date_from, args.date_to, args.page, args.limit)
    except TooManyFilters as exc:
        return _usage(str(exc))
    result = Sleuth(settings).search(request)
    if args.json:
        print(terminal_json(result.to_json()))
    else:
        _print_hits(result)
    return EXIT_PARTIAL if result.message and not result.hits else EXIT_OK


def _search_batch(settings: Settings, args) -> int:
    """`sleuth search --batch FILE`: one search per line, as a table, JSON or CSV."""
    try:
        text = sys.stdin.read() if str(args.batch) == "-" else args.batch.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"sleuth: cannot read {args.batch}: {getattr(exc, 'strerror', None) or exc}; give a UTF-8 text file "
              "with one name or query a line.", file=sys.stderr)
        return EXIT_USAGE
    lines = batch_lines(text)
    if len(lines) > MAX_BATCH_LINES:
        print(f"sleuth: {len(lines)} lines; a batch holds at most {MAX_BATCH_LINES}: split the file.",
              file=sys.stderr)
        return EXIT_USAGE
    found = Sleuth(settings).search_batch(lines, top=max(1, args.limit if args.limit != 10 else BATCH_TOP_HITS))
    if args.csv:
        sys.stdout.write(batch_csv(found))
    elif args.json:
        print(json.dumps([{"query": b.query, "passages": b.passages, "documents": b.documents, "message": b.message,
                           "results": [h.to_json() for h in b.hits]} for b in found], ensure_ascii=False, indent=2))
    else:
        for b in found:
            tops = "; ".join(dict.fromkeys(h.title for h in b.hits)) or "-"
            print(f"{b.query}\t{b.passages} passages in {b.documents} documents\t{b.message or tops}")
    return EXIT_OK


def _print_hits(result: SearchResult) -> None:
    if result.message:
        print(shown(result.message), file=sys.stderr)
    print(f"{result.total} passages ({result.took_ms:.0f} ms)")
    if result.suggestion:
        print(shown(f"Did you mean: {result.suggestion}"))
    for i, hit in enumerate(result.hits, (result.page - 1) * result.per_page + 1):
        where = f" › {hit.section}" if hit.section else ""
        text = hit.snippet.replace('<mark class="hit">', "[").replace("</mark>", "]")
        note = "  (text from OCR: spelling may be wrong)" if hit.ocr else ""
        print(shown(f"{i}. {hit.title}{where}  [{hit.passage_id}] score {hit.score:.2f}{note}") + "\n   "
              + shown(html.unescape(text)))


def cmd_stats(settings: Settings, args) -> int:
    """`sleuth stats`."""
    stats = Sleuth(settings).stats()
    if args.json:
        print(terminal_json(stats))
    else:
        ents = ", ".join(f"{n} {f}" for f, n in stats["entities"].items())
        print(f"{stats['documents']} documents, {stats['passages']} passages; entities: {ents}\n"
              f"index: {stats['index_dir']} (schema {stats['schema_version']})\n"
              f"OCR of scans: {stats['ocr']}\n"
              f"optional readers: {stats['readers']}")
    return EXIT_OK


def cmd_entities(settings: Settings, args) -> int:
    """`sleuth entities`: the list, or a correction (merge, rename, retype, hide, undo) and the corrections made."""
    if args.action != "list":
        return _correct(Sleuth(settings), args)
    ents = Sleuth(settings).entities(args.type)
    if args.json:
        print(terminal_json({f: [{"value": v.value, "count": v.count} for v in vals] for f, vals in ents.items()}))
    else:
        for facet, vals in ents.items():
            print(f"== {facet} ({len(vals)})")
            for v in vals:
                print(f"{v.count:6d}  {shown(v.value)}")
    return EXIT_OK


_ARITY = {"merge": 3, "rename": 3, "retype": 3, "hide": 2, "undo": 1, "corrections": 0}


def _correct(sleuth: Sleuth, args) -> int:
    words = args.words
    if len(words) != _ARITY[args.action]:
        print(f"sleuth: usage: sleuth entities {args.action} "
              + {"merge": "TYPE NAME INTO", "rename": "TYPE NAME NEW", "retype": "TYPE NAME NEWTYPE",
                 "hide": "TYPE NAME", "undo": "ID", "corrections": ""}[args.action]
              + " (quote names with spaces)", file=sys.stderr)
        return EXIT_USAGE
    if args.action == "corrections":
        for c in sleuth.corrections.load().items:
            print(f"{c.id}  {c.made}  {c.describe()}")
        return EXIT_OK
    if args.action == "undo":
        gone = sleuth.undo_correction(words[0])
        if gone is None:
            print(f"sleuth: no correction {words[0]!r}; `sleuth entities corrections` lists them.", file=sys.stderr)
            return EXIT_USAGE
        print(f"undone: {gone.describe()}")
        return EXIT_OK
    made = sleuth.correct(args.action, words[0], words[1], *(words[2:] or [""]), into_type=args.into_type)
    print(f"{made.id}  {made.describe()} (undo: sleuth entities undo {made.id})")
    return EXIT_OK


def cmd_remove(settings: Settings, args) -> int:
    """`sleuth remove`."""
    if Sleuth(settings).remove(args.doc_id):
        print(shown(f"removed {args.doc_id}"))
        return EXIT_OK
    print(shown(f"sleuth: no document {args.doc_id!r}; `sleuth search --json` shows document ids."), file=sys.stderr)
    return EXIT_PARTIAL


def cmd_gc(settings: Settings, args) -> int:
    """`sleuth gc`."""
    n = Sleuth(settings).gc(max(0.0, args.min_age))
    print(f"deleted {n} unused source copies")
    return EXIT_OK


def cmd_migrate(settings: Settings, args) -> int:
    """`sleuth migrate --to BACKEND`: the collection's passages copied into another backend; the old index stays."""
    sleuth = Sleuth(settings)
    if not sleuth.documents():
        print(shown(f"sleuth: nothing to migrate: the data folder {settings.index_dir} holds no documents "
                    "(set SLEUTH_INDEX_DIR or --index-dir to the collection's folder)."), file=sys.stderr)
        return EXIT_PARTIAL
    bar = _progress_bar("Copying", "document")
    docs, passages = sleuth.migrate(args.to, progress=bar.update if bar else None)
    if bar:
        bar.close()
    print(f"{docs} documents, {passages} passages copied into {args.to}.")
    print(f"Set SLEUTH_BACKEND={args.to} (and its settings) for every sleuth command and `sleuth serve` on this "
          "data folder; the old index is left as it was.", file=sys.stderr)
    return EXIT_OK


def cmd_serve(settings: Settings, args) -> int:
    """`sleuth serve`."""
    from web.serve import serve

    return serve(settings, host=args.host, port=args.port, no_auth=args.no_auth)


_COMMANDS = {"index": cmd_index, "search": cmd_search, "stats": cmd_stats, "entities": cmd_entities,
             "remove": cmd_remove, "gc": cmd_gc, "migrate": cmd_migrate, "serve": cmd_serve}
