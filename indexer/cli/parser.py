"""The `sleuth` command's arguments: one subcommand each for index, search, stats, entities, remove, gc, migrate,
serve, tag, notes, saved."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import FACETS, default_index_dir

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors already; keep the message short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"sleuth: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    p = _Parser(prog="sleuth", description="Full-text search with entity facets over your documents.")
    p.add_argument("--index-dir", type=Path, default=None,
                   help=f"data folder (env SLEUTH_INDEX_DIR; default {default_index_dir()})")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _index_and_search(sub)
    _entities_and_upkeep(sub)
    _annotations(sub)
    return p


def _index_and_search(sub) -> None:
    ix = sub.add_parser("index", help="index files and folders (default: the bundled corpus)")
    ix.add_argument("paths", nargs="*", type=Path)
    ix.add_argument("--rebuild", action="store_true", help="rebuild the whole index from the stored source copies")
    ix.add_argument("--keep-missing", action="store_true",
                    help="keep the documents of files gone from the folders given (by default they are removed)")
    ix.add_argument("--json", action="store_true", help="print the summary as JSON")

    s = sub.add_parser("search", help="search passages")
    s.add_argument("query", nargs="?", default="")
    s.add_argument("--filter", action="append", default=[], metavar="TYPE=VALUE",
                   help=f"keep hits with this entity ({', '.join(FACETS)}); repeatable")
    s.add_argument("--exclude", action="append", default=[], metavar="TYPE=VALUE", help="drop hits with this entity")
    s.add_argument("--from", dest="date_from", metavar="DATE", help="mentions a date on or after (YYYY[-MM[-DD]])")
    s.add_argument("--to", dest="date_to", metavar="DATE", help="mentions a date on or before")
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--page", type=int, default=1)
    s.add_argument("--json", action="store_true")
    s.add_argument("--batch", metavar="FILE", type=Path,
                   help="search every line of FILE (names or queries, one a line; - reads standard input)")
    s.add_argument("--csv", action="store_true", help="with --batch: print CSV (counts and top hits per line)")



def _entities_and_upkeep(sub) -> None:
    st = sub.add_parser("stats", help="counts of documents, passages and entities")
    st.add_argument("--json", action="store_true")

    en = sub.add_parser("entities", help="list entities with passage counts, or correct one",
                        epilog="corrections: merge TYPE NAME INTO [--into-type T] | rename TYPE NAME NEW | "
                               "retype TYPE NAME NEWTYPE | hide TYPE NAME | undo ID | corrections")
    en.add_argument("action", nargs="?", choices=("list", "merge", "rename", "retype", "hide", "undo", "corrections"),
                    default="list")
    en.add_argument("words", nargs="*", help="the entity's type and name, then the new name or type")
    en.add_argument("--into-type", default="", help="merge: the type of the entity merged into (default the same)")
    en.add_argument("--type", choices=FACETS)
    en.add_argument("--json", action="store_true")

    rm = sub.add_parser("remove", help="remove one document")
    rm.add_argument("doc_id")

    gc = sub.add_parser("gc", help="delete source copies no document uses (left by killed runs)")
    gc.add_argument("--min-age", type=float, default=600.0, metavar="SECONDS",
                    help="spare copies younger than this (another process may be about to use them; default 600)")

    mg = sub.add_parser("migrate", help="move the collection into another search backend (its passages, entities "
                                         "and corrections as they are)")
    mg.add_argument("--to", required=True, choices=("whoosh", "opensearch"),
                    help="the backend (opensearch: with SLEUTH_OPENSEARCH_URL)")

    sv = sub.add_parser("serve", help="serve the web app (indexes the bundled corpus first if the index is empty)")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=5000)
    sv.add_argument("--no-auth", action="store_true",
                    help="serve beyond loopback without a password (anyone who can reach it can read and delete)")


def _annotations(sub) -> None:
    tg = sub.add_parser("tag", help="tag or star a document or passage; list the tags, or export every mark",
                        epilog="TARGET is a document id, or a passage id (doc_id#N) as `sleuth search` shows it")
    tg.add_argument("target", nargs="?", default="", help="document or passage id (none: list the tags)")
    tg.add_argument("tags", nargs="*", help="tags to add (or remove with --remove)")
    tg.add_argument("--remove", action="store_true", help="remove the tags given instead of adding them")
    star = tg.add_mutually_exclusive_group()
    star.add_argument("--star", action="store_true", help="star the document or passage")
    star.add_argument("--unstar", action="store_true", help="take its star away")
    tg.add_argument("--export", choices=("csv", "json"), help="print every star, tag and note (CSV or JSON)")
    tg.add_argument("--json", action="store_true")

    nt = sub.add_parser("notes", help="list the notes, or read or write the note of a document or passage")
    nt.add_argument("target", nargs="?", default="", help="document or passage id (none: list every note)")
    nt.add_argument("text", nargs="?", default=None, help="the note to keep (\"\" deletes it)")
    nt.add_argument("--json", action="store_true")

    sv = sub.add_parser("saved", help="saved searches: list them with what is new, save one, run one, delete one",
                        epilog="sleuth saved NAME QUERY [--filter TYPE=VALUE] saves; sleuth saved NAME runs it")
    sv.add_argument("name", nargs="?", default="")
    sv.add_argument("query", nargs="?", default=None, help="the query to save under NAME")
    sv.add_argument("--filter", action="append", default=[], metavar="TYPE=VALUE")
    sv.add_argument("--exclude", action="append", default=[], metavar="TYPE=VALUE")
    sv.add_argument("--from", dest="date_from", metavar="DATE")
    sv.add_argument("--to", dest="date_to", metavar="DATE")
    sv.add_argument("--delete", action="store_true", help="delete the saved search NAME")
    sv.add_argument("--limit", type=int, default=10)
    sv.add_argument("--json", action="store_true")
