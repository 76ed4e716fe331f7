"""Pattern entities, as Aleph and Datashare extract them: email addresses, phone numbers, IBANs and URLs, each
validated (an IBAN's checksum by schwifty, a phone number by libphonenumber's rules), each value written one way
(lower-case addresses, E.164 numbers, compact IBANs, URLs without their fragment) whatever the text's spelling.

Never from code, base64 or a long run of letters and digits: a match inside such a token is no address.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import phonenumbers
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

# Phone numbers written nationally ("(650) 253-0000") are read only after one of these words, in this region.
_PHONE_WORD = r"(?:\b(?:tel|phone|telephone|fax|mobile|cell|tél|téléphone|telefon|teléfono)\b\.?|☎)"
PHONE_WORDS = re.compile(_PHONE_WORD + r"[\s.:)(-]{0,4}$", re.I)  # just before a number
_ANY_PHONE_WORD = re.compile(_PHONE_WORD, re.I)
NATIONAL_REGION = "US"

_EMAIL = re.compile(r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
                    r"[A-Za-z]{2,24}(?![\w@-])")
# File names written like addresses ("icon@2x.png"): not an address.
_NOT_A_DOMAIN = {"png", "jpg", "jpeg", "gif", "svg", "webp", "pdf", "txt", "html", "htm", "js", "css", "py", "json"}
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'`{}|\\^\[\]]+", re.I)
_URL_TRAILING = ".,;:!?)]}'\"»”’"
# A token of 60 or more letters, digits, + / = is base64 or a hash: nothing in it is read.
_OPAQUE = re.compile(r"[A-Za-z0-9+/=_-]{60,}")
# A line of code (braces, semicolons, comparisons, calls, a shell or Python prompt): nothing in it is read.
_CODE_LINE = re.compile(r"^(?:.*(?:[{}]|==|=>|\w\(['\"\w]|;\s*$)|\s*(?:\$|>>>|#include)\s).*$", re.M)


class Pattern(NamedTuple):
    """One pattern entity: where it is in the text, its facet and its value written one way."""

    start: int
    end: int
    facet: str
    value: str


def find(text: str, kind: str = "body") -> list[Pattern]:
    """The pattern entities of a passage, in text order; none in code."""
    if kind == "code" or not any(c in text for c in "@:+0123456789"):
        return []
    found = [*(_emails(text) if "@" in text else ()), *_urls(text), *_ibans(text), *_phones(text)]
    if not found:  # most passages: no need to find their code lines and opaque tokens
        return []
    opaque = [(m.start(), m.end()) for m in (*_OPAQUE.finditer(text), *_CODE_LINE.finditer(text))]
    found = [p for p in found if not any(s <= p.start < e for s, e in opaque)]
    found.sort(key=lambda p: (p.start, -p.end))
    out: list[Pattern] = []
    for p in found:  # an address inside a URL ("mailto:", "user@host" in a link) counts once, as the URL
        if not out or p.start >= out[-1].end:
            out.append(p)
    return out


def _emails(text: str) -> list[Pattern]:
    out = []
    for m in _EMAIL.finditer(text):
        address = m.group()
        if address.rsplit(".", 1)[-1].lower() not in _NOT_A_DOMAIN and ".." not in address:
            out.append(Pattern(m.start(), m.end(), "email", address.lower()))
    return out


def _urls(text: str) -> list[Pattern]:
    out = []
    for m in _URL.finditer(text):
        url = m.group().rstrip(_URL_TRAILING)
        if url.count("(") < url.count(")"):  # "(see https://x.org/a)": the bracket is the sentence's
            url = url[:url.rfind(")")]
        host = re.sub(r"^(?:https?://)?", "", url, flags=re.I).split("/", 1)[0]
        if "." not in host or len(url) < 8:
            continue
        value = url if url.lower().startswith("http") else "http://" + url
        scheme, _, rest = value.partition("://")
        where, slash, path = rest.partition("/")
        value = f"{scheme.lower()}://{where.lower()}{slash}{path}".split("#", 1)[0].rstrip("/")
        out.append(Pattern(m.start(), m.start() + len(url), "url", value))
    return out


def _ibans(text: str) -> list[Pattern]:
    out = []
    for m in _IBAN.finditer(text):
        try:
            iban = IBAN(m.group())
        except (SchwiftyException, ValueError):
            continue
        out.append(Pattern(m.start(), m.end(), "iban", str(iban.compact)))
    return out


def _phones(text: str) -> list[Pattern]:
    out = []
    # International numbers ("+44 20 7031 3000") anywhere; national ones only after "Tel", "Phone", "Fax"...
    # The matcher walks every run of digits (a Date line, a version): skip a pass that can find nothing kept.
    international = "+" in text or "\uff0b" in text  # without a plus, no number reads as international
    for region in ("ZZ", NATIONAL_REGION):
        if not (international if region == "ZZ" else _ANY_PHONE_WORD.search(text)):
            continue
        for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            if region != "ZZ" and (m.raw_string.startswith("+") or not PHONE_WORDS.search(text[:m.start])):
                continue
            e164 = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
            out.append(Pattern(m.start, m.end, "phone", e164))
    return out
