"""Text: bytes decoded to clean Unicode, and the navigation cruft of scraped pages recognised."""
from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from ..errors import ReadError

# Navigation lines of scraped pages, matched against a whole trimmed line, case-insensitively; a "Back to …" line
# only counts when it is short (see is_cruft). Kept conservative: a false hit deletes a line of real text.
NAV_LINES = re.compile(r"skip to (?:main )?content|skip navigation|back to top|menu|main menu|toggle navigation"
                       r"|share|share this|print|print this page|advertisement|back to [^.!?]+", re.I)
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"})
_BREAK_CHARS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
# pdfium marks a hyphen it took out at a line end with U+FFFE (or U+0002); typesetters leave soft hyphens.
_BROKEN_WORD = re.compile(r"(\w)[\ufffe\x02\xad]-?\n?[ \t]*(?=\w)")
_HYPHEN_MARKS = re.compile("[\ufffe\x02\xad]")
# A diaeresis, acute… printed as a spacing mark before its letter ("M¨oller", from TeX PDFs): made a combining
# mark after it. Not the backtick, which is code quoting far more often than a grave accent.
_SPACING_ACCENT = re.compile(r"([\xa8\xb4\u02c6\u02dc\u02d8\u02d9\u02da\u02db\u02dd\xb8])([a-zA-Z])")
_COMBINING = {"\xa8": "\u0308", "\xb4": "\u0301", "\u02c6": "\u0302", "\u02dc": "\u0303",
              "\u02d8": "\u0306", "\u02d9": "\u0307", "\u02da": "\u030a", "\u02db": "\u0328", "\u02dd": "\u030b",
              "\xb8": "\u0327"}
# Latin-1/cp1252 text is mostly ASCII with accented letters one or two at a time; three or more non-ASCII
# characters in a row read as cp1252 means another encoding (Cyrillic, Greek, CJK).
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{3,}")
_CP1252_SIGNS = set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")


def decode(data: bytes) -> str:
    """Strict UTF-8 (BOM stripped), else Latin-1/cp1252 when it fits, else charset-normalizer; refuses binary."""
    # UTF-16/32 are full of NUL bytes, so they are recognised by their BOM before the binary check.
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return clean_text(data.decode(codec))
            except UnicodeDecodeError:
                raise ReadError(f"not valid {codec.upper()} text, though it starts with a {codec.upper()} mark") \
                    from None
    if is_binary(data):
        raise ReadError("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _western(data)
        if text is None:
            best = from_bytes(data).best()
            if best is None:
                text = _cp1252_letters(data)  # too short for statistics ("TEST äöü"): Western if it reads so
                if text is None:
                    raise ReadError("unknown text encoding (not UTF-8, and no other encoding fits)") from None
            else:
                text = str(best)
    return clean_text(_unmojibake(text))


def _unmojibake(text: str) -> str:
    """UTF-8 once misread as Latin-1 and saved again ("Andreas FÃ¤rber") put right by ftfy, where it looks broken."""
    from ftfy import badness, fix_encoding

    # Mojibake is made of non-ASCII characters: only those lines are checked (the check costs 0.2 µs a character,
    # 1.3 s on a 6 MB JSONL file read before any indexing can start).
    bad = any(badness.is_bad(line) for line in text.split("\n") if not line.isascii())
    return fix_encoding(text) if bad else text


def is_binary(data: bytes) -> bool:
    """A NUL anywhere means binary (text never holds one), as do many other control bytes."""
    return b"\x00" in data or len(data) - len(data.translate(None, _BINARY_BYTES)) > len(data) // 10


def _western(data: bytes) -> str | None:
    """The text as cp1252 (Latin-1 plus curly quotes) when it reads as a Western European language, else None.

    charset-normalizer guesses from byte statistics, and on mostly-ASCII files with a few accented names those
    are too thin: "Kämpf" came out as Big5 "K鄝pf", "Skjærlund" as cp1250 "Skjćrlund".
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d are unassigned in cp1252
        text = data.decode("latin-1")
    high = [c for c in text if c > "\x7f"]
    if len(high) > len(text) // 6 or _NON_ASCII_RUN.search(text):
        return None
    return text if _letters_or_signs(high) else None


def _cp1252_letters(data: bytes) -> str | None:
    """The text as cp1252 when every non-ASCII character is a letter or a cp1252 sign, else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if _letters_or_signs(c for c in text if c > "\x7f") else None


def _letters_or_signs(chars) -> bool:
    """Every character a letter, a cp1252 sign or a Latin-1 symbol: Western European text."""
    return all(c.isalpha() or c in _CP1252_SIGNS or "\xa0" <= c <= "\xbf" for c in chars)


def clean_text(text: str) -> str:
    """\\n newlines, joined hyphenations, no control characters, BOMs or lone surrogates, Unicode NFC."""
    # The searches first: translate() and a pattern that starts at every word character cost 0.1 µs a character
    # even when there is nothing to change, and most texts have none of these.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _BREAK_CHARS.search(text):  # a substitution, not translate(): that costs 15 ms a 72 KB text with one \f
        text = _BREAK_CHARS.sub(lambda m: _BREAKS[ord(m.group())], text)
    if _HYPHEN_MARKS.search(text):
        text = _BROKEN_WORD.sub(r"\1", text)
    text = _SPACING_ACCENT.sub(lambda m: m.group(2) + _COMBINING[m.group(1)], text)
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def one_line(text: str) -> str:
    """A title or name: clean, on one line, no control characters."""
    return " ".join(clean_text(text).split())


def is_cruft(line: str) -> bool:
    """A navigation line of a scraped page ("Skip to content", "Back to top")."""
    line = line.strip()
    return bool(line) and len(line.split()) <= 8 and NAV_LINES.fullmatch(line) is not None


# The dots that lead a table of contents' entry to its page number ("Introduction ........ 3", ". . . . 15",
# "·····  iii"): four or more, before the page number that ends the line.
_LEADER = re.compile(r"[ \t]*(?:[.·…][ \t]?){4,}(?=[ \t]*(?:\d+|[ivxlcdm]+)[ \t]*$)", re.M | re.I)
# A title line that goes on in the next line: it ends with a word that cannot end a title, a comma or a dash.
_GOES_ON = re.compile(r"(?:\b(?:a|an|the|of|and|or|nor|for|to|in|on|at|by|with|from|about|into|as|vs\.?)|[,&–—-])$",
                      re.I)
MAX_TITLE_CHARS = 120


def drop_leaders(text: str) -> tuple[str, int]:
    """The text without its dot leaders (the page numbers they lead to stay), and how many were dropped."""
    if "...." not in text and ". . . ." not in text and "…" not in text and "····" not in text:
        return text, 0
    return _LEADER.subn(" ", text)


def title_of(lines: list[str]) -> tuple[str, int]:
    """The title a text's first non-blank lines make, and how many lines it takes: its first line, joined with the
    next when the title was broken over two ("Everything we know about CRC but afraid to" / "forget")."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return "", 0
    first = one_line(lines[filled[0]])
    below = one_line(lines[filled[0] + 1]) if filled[0] + 1 < len(lines) else ""
    joined = f"{first} {below}"
    if below and len(joined) < MAX_TITLE_CHARS and not first.endswith((".", "!", "?", ";", ":")) \
            and not below.endswith((".", "!", "?", ";", ":", ",")) and len(below.split()) <= 6 \
            and (_GOES_ON.search(first) or below[0].islower()):
        return joined, filled[0] + 2
    return first, filled[0] + 1
