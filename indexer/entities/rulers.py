"""One ruler, one value: a regnal name's title and realm variants merge on evidence (issue 25, item 3).

- A leading title makes no value of its own where the collection names the same person without it: "King Henry IV"
  is "Henry IV", "Pope Gregory I of X" is "Gregory I of X".
- A bare regnal name ("Louis XIV", "King Louis XIV") is the realm form its own document writes ("Louis XIV of
  France"); else the collection's one realm form of it where its document names that realm ("France"): a bare name
  spread over several realms ("Henry IV" of France and the emperor Henry IV, in a passage naming Germany) is only
  where its passage shows it; one a pope bears ("Pope Leo I") is never sent to a kingdom's ruler ("Leo I of Armenia").
- Where the collection writes two realm forms ("Charles II of Spain", "Charles II of England") and the document
  names neither, the bare name stays as it is: unresolved, not lumped into one of them.
"""
from __future__ import annotations

import re
from collections import defaultdict

# Titles a ruler's name opens with (keys: lower case, folded).
_TITLE = re.compile(r"^(?P<title>king|queen|emperor|empress|pope|saint|st|tsar|tsarina|czar|tsaritsa|sultan|shah|"
                    r"kaiser|caliph|pharaoh|prince|princess|duke|duchess|grand duke|grand prince|khan|emir) "
                    r"(?=\S+(?: \S+)? [ivxl]+(?: of |$))")
# A regnal name's key: one or two name words and a Roman number, then maybe "of" and its realm.
_REGNAL = re.compile(r"^(?P<bare>[^ ]+(?: [^ ]+)? (?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))(?: of (?P<realm>.+))?$")
# A bare name a pope bears ("Pope Leo I") is not sent to a kingdom's ruler ("Leo I of Armenia") unasked.
_UNKINGLY = frozenset({"pope"})
REALM_MARK = " of*"  # a context key: "louis xiv of*" -> the realm form its document writes ("louis xiv of france")


def parts(key: str) -> tuple[str, str, str] | None:
    """(title, bare regnal name, realm) of a person key, or None when it is no regnal name."""
    title = _TITLE.match(key)
    rest = key[title.end():] if title else key
    found = _REGNAL.match(rest)
    if found is None:
        return None
    return (title.group("title") if title else "", found.group("bare"), found.group("realm") or "")


class Rulers:
    """The collection's regnal person keys by their bare name, kept as persons come and go."""

    def __init__(self) -> None:
        self.forms: dict[str, set[str]] = defaultdict(set)  # bare key -> person keys of that name (titled, realm)

    def person(self, key: str, is_person: bool) -> None:
        if (p := parts(key)) is None:
            return
        if is_person:
            self.forms[p[1]].add(key)
        elif (forms := self.forms.get(p[1])) is not None:
            forms.discard(key)
            if not forms:
                del self.forms[p[1]]

    def related(self, keys) -> set[str]:
        """Person keys whose resolution may change when these keys' values change: every form of their names."""
        return {k for key in keys if (p := parts(key)) for k in self.forms.get(p[1], ())}

    def _realm_keys(self, bare: str) -> dict[str, str]:
        """realm -> the realm form's key (without a title where the collection writes it so)."""
        out: dict[str, str] = {}
        for k in sorted(self.forms.get(bare, ()), key=len):
            if realm := parts(k)[2]:
                out.setdefault(realm, k)
        return out

    def named_in(self, doc_counts, key_of) -> dict[str, str]:
        """A document's context entries: a bare name's key with REALM_MARK -> the realm form the document writes ("" when
        it writes several), else the collection's one realm form of it where the document names that realm ("Henry IV"
        beside "France": "Henry IV of France"; beside "Germany" alone, he stays "Henry IV"). `key_of` gives a
        mention's (key, form) or None."""
        out: dict[str, str] = {}
        keys = {found[0] for pair in doc_counts if (found := key_of(*pair))}
        bares = set()
        for key in keys:
            if not (p := parts(key)) or p[1] not in self.forms:
                continue  # a quick test first: most keys match no regular expression's start
            if not p[2]:
                bares.add(p[1])
            elif target := self._realm_keys(p[1]).get(p[2]):
                mark = p[1] + REALM_MARK
                out[mark] = target if out.get(mark, target) == target else ""
        for bare in bares - {mark[:-len(REALM_MARK)] for mark in out}:
            realms = self._realm_keys(bare)
            if len(realms) == 1 and self._kingly(bare) and _named(next(iter(realms)), keys):
                out[bare + REALM_MARK] = next(iter(realms.values()))
        return out

    def realms(self, key: str) -> set[str]:
        """The realm forms of a bare regnal name's key: when they change, its mentions may resolve otherwise in
        their documents' contexts."""
        p = parts(key)
        return set(self._realm_keys(p[1]).values()) if p and not p[2] else set()

    def _kingly(self, bare: str) -> bool:
        return not any(p[0] in _UNKINGLY for k in self.forms.get(bare, ()) if (p := parts(k)) and not p[2])

    def ruler_of(self, key: str, ctx: dict[str, str] | None) -> str | None:
        """The key a regnal name's mention merges into, or None to keep its own."""
        p = parts(key)
        if p is None or key not in self.forms.get(p[1], ()):
            return None  # no person's name
        title, bare, realm = p
        forms = self.forms[bare]
        untitled = f"{bare} of {realm}" if realm else bare
        if realm:
            return untitled if title and untitled in forms else None
        if local := (ctx or {}).get(bare + REALM_MARK):
            return local
        return untitled if title and untitled in forms else None


def _named(realm: str, keys) -> bool:
    """The realm is named in a document's mention keys ("france" in "kingdom of france")."""
    return any(realm == k or f" {realm} " in f" {k} " for k in keys)
