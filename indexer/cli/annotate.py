"""`sleuth tag`, `sleuth notes` and `sleuth saved`: stars, tags, notes and saved searches from the command line."""
from __future__ import annotations

from .. import SearchRequest, Settings, Sleuth, TooManyFilters, marks_csv
from .commands import _pairs, _print_hits, _usage, shown, terminal_json
from .parser import EXIT_OK, EXIT_PARTIAL


def _print_marks(marks) -> None:
    star = "★ " if marks.starred else ""
    tags = f"  tags: {', '.join(marks.tags)}" if marks.tags else ""
    print(shown(f"{star}{marks.target}{tags}"))
    if marks.note:
        print("   " + shown(marks.note).replace("\n", "\n   "))


def cmd_tag(settings: Settings, args) -> int:
    """`sleuth tag`: list the tags; tag, untag, star or unstar one target; export every mark."""
    sleuth = Sleuth(settings)
    if args.export:
        rows = sleuth.export_marks()
        print(terminal_json(rows) + "\n" if args.export == "json" else shown(marks_csv(rows, "\n")), end="")
        return EXIT_OK
    if not args.target:
        tags = sleuth.tags()
        if args.json:
            print(terminal_json([{"tag": t, "count": n} for t, n in tags]))
        for tag, n in tags if not args.json else ():
            print(shown(f"{tag}\t{n}"))
        if not tags and not args.json:
            print("No tags yet: `sleuth tag DOC_ID TAG` adds one.")
        return EXIT_OK
    if args.star or args.unstar:
        sleuth.star(args.target, on=args.star)
    marks = sleuth.tag(args.target, args.tags, remove=args.remove) if args.tags else sleuth.marks(
        *sleuth.target(args.target))
    if args.json:
        print(terminal_json(marks.to_json()))
    else:
        _print_marks(marks)
    return EXIT_OK


def cmd_notes(settings: Settings, args) -> int:
    """`sleuth notes`: every note, or one target's; with TEXT, keep it as that target's note."""
    sleuth = Sleuth(settings)
    if not args.target:
        found = [m for m in sleuth.all_marks() if m.note]
    elif args.text is not None:
        found = [sleuth.note(args.target, args.text)]
    else:
        found = [sleuth.marks(*sleuth.target(args.target))]
    if args.json:
        print(terminal_json([m.to_json() for m in found]))
    for marks in found if not args.json else ():
        _print_marks(marks)
    if not found and not args.json:
        print("No notes yet: `sleuth notes DOC_ID \"text\"` keeps one.")
    return EXIT_OK


def cmd_saved(settings: Settings, args) -> int:
    """`sleuth saved`: list with what is new; NAME QUERY saves; NAME runs (and counts as seen); --delete."""
    sleuth = Sleuth(settings)
    if args.delete:
        if not sleuth.forget_saved(args.name):
            return _usage(f"no saved search is called “{args.name}”; `sleuth saved` lists them")
        print(shown(f"Deleted the saved search “{args.name}”."))
        return EXIT_OK
    if not args.name:
        found = sleuth.saved_searches()
        if args.json:
            print(terminal_json([{"name": s.name, "search": s.search, "saved": s.saved, "seen": s.seen,
                                  "passages": s.total, "new": s.new} for s in found]))
            return EXIT_OK
        for s in found:
            print(shown(f"{s.name}\t{s.total} passages\t{s.new} new since {s.seen}\t{s.search['query']}"))
        if not found:
            print("No saved searches yet: `sleuth saved NAME QUERY` saves one.")
        return EXIT_OK
    if args.query is not None or args.filter or args.exclude or args.date_from or args.date_to:
        try:
            request = SearchRequest.of(args.query, _pairs(args.filter, "--filter"), _pairs(args.exclude, "--exclude"),
                                       args.date_from, args.date_to)
        except TooManyFilters as exc:
            return _usage(str(exc))
        sleuth.save_search(args.name, request)
        print(shown(f"Saved “{args.name}”: `sleuth saved {args.name}` runs it and shows what is new."))
        return EXIT_OK
    result = sleuth.search(sleuth.open_saved(args.name).changed(per_page=args.limit))
    if args.json:
        print(terminal_json(result.to_json()))
    else:
        _print_hits(result)
    return EXIT_PARTIAL if result.message and not result.hits else EXIT_OK


COMMANDS = {"tag": cmd_tag, "notes": cmd_notes, "saved": cmd_saved}
