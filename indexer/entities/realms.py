"""Places the model tags as something else, shown by the words around them: a ruler's realm, a named feature's head.

A ruler's title names a realm: "King of Germany (1054–1105)", "King of Italy and Burgundy", "the prince of Grodno".
The model tags the whole title as a place ("King of Germany" [GPE], which no facet takes) or the realm as a person
or an organisation ("prince of Lutsk" [ORG]). The realm after the title's "of" (and a second one joined by "and")
is a place; a peer's title ("Earl of Orford"), a people's ("king of the Danes") and "King of Kings" are not.
A one-word name before a place's head written in lower case ("the Dniester river", "the Mugello region", "the
Yvelines department"; not "Harrods department store"), or heading a pair that shares it ("the Negro and Amazon
rivers", "the Adriatic and Ionian Seas"), is a place the model called an organisation, a person or a people; a
demonym before a lower-case head ("the French department", "the Brazilian region") is an adjective and stays so.
"""
from __future__ import annotations

import re

from .names import org_shaped

Span = tuple[int, int, str, str]

_TITLE = (r"(?:[Kk]ing|[Qq]ueen|[Dd]uke|[Dd]uchess|[Pp]rince|[Pp]rincess|[Ee]mperor|[Ee]mpress|[Gg]rand [Dd]uke|"
          r"[Aa]rchduke|[Mm]argrave|[Ee]lector|[Kk]hagan|[Kk]han|[Ss]ultan|[Tt]sar|"
          r"[Cc]zar|[Ee]mir|[Vv]oivode|[Vv]iceroy)")
_NAME = r"[A-Z][\w'’-]+"
# A whole span that is a title over a realm: "King of Germany", "Grand Duke of Tuscany" (one- or two-word realm).
_TITLE_SPAN = re.compile(rf"^(?:[Tt]he\s)?{_TITLE}\sof\s(?!{_TITLE}s\b)(?P<realm>{_NAME}(?:\s{_NAME})?)$")
# Before a one-word span: a title's "of", maybe over a first realm and "and" ("King of Italy and [Burgundy]").
_TITLE_BEFORE = re.compile(rf"\b{_TITLE}\sof\s(?:{_NAME}\s(?:and|&)\s)?$")
_TITLES = re.compile(rf"^{_TITLE}s$")  # "King of Kings"
_HEAD = (r"(?:rivers?|region|department|district|province|valley|delta|basin|plateau|peninsula|mountains|"
         r"mountain range|massif|lagoon|estuary|oblast|prefecture|governorate|municipality)")
_CAP_HEAD = r"(?:Rivers|Seas|Mountains|Islands)"
# After a one-word span: a place's head, maybe shared with the names of a short list ("Negro and Amazon rivers").
_HEAD_AFTER = re.compile(rf"^(?:(?:,\s|,?\s(?:and|or)\s){_NAME}){{0,3}}\s(?:(?P<low>{_HEAD})|{_CAP_HEAD})\b(?!\s(?:stores?|chains?|buildings?|shops?))")
_DEMONYM = re.compile(r"(?:an|ese|ish|ic|ch|i|ean)$")  # "French", "Brazilian", "Chinese", "Thai": adjectives
_TAGGED = ("ORG", "PERSON", "NORP")


def realm_places(text: str, spans: list[Span]) -> list[Span]:
    """The spans with the realms of rulers' titles and the names before a place's head relabelled as places."""
    out = []
    for m in spans:
        whole = _TITLE_SPAN.match(m[3]) if m[2] in ("GPE", "LOC", "ORG", "PERSON") else None
        if whole and not org_shaped(whole.group("realm")):
            start = m[0] + whole.start("realm")
            out.append((start, start + len(whole.group("realm")), "GPE", whole.group("realm")))
        elif m[2] in _TAGGED and " " not in m[3] and m[3][:1].isupper() and _place_sign(text, m):
            out.append((m[0], m[1], "GPE", m[3]))
        else:
            out.append(m)
    return out


def is_title(name: str) -> bool:
    """A whole span that is a ruler's title over a realm ("King of Germany"): `realm_places` takes the realm."""
    return bool(_TITLE_SPAN.match(name))


def _place_sign(text: str, m: Span) -> bool:
    if _TITLE_BEFORE.search(text, max(0, m[0] - 50), m[0]):
        return m[2] != "NORP" and not _TITLES.match(m[3])
    after = _HEAD_AFTER.match(text[m[1]:m[1] + 80])
    if not after:
        return False
    return not (after.group("low") and _DEMONYM.search(m[3]))
