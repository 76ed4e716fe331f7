"""Variants of one name, merged only on evidence: a defined acronym, a middle name, a first name many people share.

- "European Union (EU)": the text defines the acronym; `defined_acronyms` adds a raw mention of the pair
  (label ACRONYM, surface "EU=European Union"), and the collection's majority definition sends "EU" to the name.
- "John Fitzgerald Kennedy" is "John F. Kennedy" (whose key drops the initial) when the collection names a person
  "John Kennedy": a name of three or more capitalised words goes to its first-and-last form when that is a person.
- "the Communist Party" is the country's party its document names ("Communist Party of Cuba"), else none when the
  collection names several countries' parties of that creed.
- "Charles" alone, where the collection has Charles Darwin, Charles Martel and Charles Dickens, is none of them
  unless its own document names one (or one is a clear majority): `Variants.first_name`.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..folding import name_key
from .extend import NOT_A_NAME
from .generic import generic_key, qualified_base
from .kinds import kind_word, person_word
from .names import NAME_PARTICLES, clean_name

Span = tuple[int, int, str, str]  # (start, end, label, text) as spaCy saw it

ACRONYM = "ACRONYM"
_SEP = "="
# "(EU)", "(CCP)", "(NATO)" right after a name.
_BRACKETED = re.compile(r"\s?\((?P<acr>[A-Z][A-Za-z&]{1,9})\)")
_NAMES = ("ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "ORG_CUE")
_SMALL = frozenset("of the for and on in de du des la le al at to".split())
# Regnal numbers: "Charles V" and "Charles XII" are not people sharing the first name "Charles".
_REGNAL = re.compile(r"^[IVXL]+$|^(?:the|The)$")
_GENERATION = re.compile(r"^(?:Jr|Sr|Jnr|Snr)\.?$|^[IV]{2,3}$")
# A one-word name that is the first word of several people's full names is one of them only by a clear majority.
_MAJORITY = 2
_CLEAR = 3  # mentions of the full name at least
# …and only where it is written alone no more often than that full name: "Adam" (the Bible's, five times) is not
# "Adam Smith" (three), nor "Qin" (the state, twenty) "Qin Shi Huang" (six); "Leonardo" (three) is "Leonardo da Vinci".
_ALONE_PER_FULL = 1
# "Charles": 36 full names, 54 mentions of them, 9 of "Charles" alone; a name is known alone (no one's first name)
# only where it outnumbers its namesakes' full names two to one ("Muhammad" 45 times alone, 14 full names).
_SHARED_BY, _KNOWN_ALONE = 3, 2
_ARTICLES = NAME_PARTICLES | {"les", "los", "las", "il", "lo"}
_PEOPLE_WORD = 5  # mentions of a group's word that make it no surname
_NAMESAKES = 3  # persons of a first name that make a name with it a person's, when nothing shows an organisation
FIRST_MARK = " *"  # a context key for a first name ("charles *"), beside the surname keys
PARTY_MARK = " party*"  # a context key for a generic party name ("communist party party*")
# A party named by its creed alone ("the Communist Party", "the Liberal Party") is one of several countries' parties.
_GENERIC_PARTY = re.compile(r"^(?:(?:communist|liberal|conservative|socialist|labour|labor|democratic|republican|"
                            r"national|green|people s|social|christian|progressive|radical|nationalist|workers) )+"
                            r"party$")
_DEMONYM_KEY = re.compile(r"^[a-z]+(?:an|ese|ish|ch|ic|i) ")


def _initials(name: str) -> tuple[str, str]:
    """(initials of the capitalised words, initials of every word) of a name, upper case."""
    words = re.findall(r"[^\W\d_][\w'’]*", name)
    return ("".join(w[0] for w in words if w[0].isupper()).upper(),
            "".join(w[0] for w in words if w.casefold() not in _SMALL).upper())


def abbreviates(acronym: str, name: str) -> bool:
    """True when the acronym's capitals are the initials of the name's words ("CCP", "Chinese Communist Party")."""
    capitals = "".join(c for c in acronym if c.isupper())
    return len(capitals) >= 2 and capitals in _initials(name)


def defined_acronyms(text: str, spans: list[Span]) -> list[Span]:
    """Raw ACRONYM mentions for the names the text follows with their acronym in brackets."""
    out = []
    for m in spans:
        if m[2] not in _NAMES or " " not in m[3].strip():
            continue
        found = _BRACKETED.match(text, m[1])
        if found and abbreviates(found.group("acr"), m[3]):
            out.append((found.start("acr"), found.end("acr"), ACRONYM, f"{found.group('acr')}{_SEP}{m[3]}"))
    return out + _term_definitions(text)


# An acronym after a lower-case term: "purchasing power parity (PPP)", "adenosine triphosphate (ATP)". Counted as a
# definition too, so that "PPP" is not sent to the Pakistan People's Party where the collection also means the term.
_CAPITALS = re.compile(r"\((?P<acr>[A-Z]{2,6})\)")
_TERM = re.compile(r"(?:\b[a-z][a-z-]+\s){1,4}$")


def _term_definitions(text: str) -> list[Span]:
    out = []
    for found in _CAPITALS.finditer(text):
        if (term := _TERM.search(text, max(0, found.start() - 60), found.start())) is None:
            continue
        acr, words = found.group("acr"), term.group().split()
        for k in range(len(words) - 1, -1, -1):  # the shortest tail whose letters spell the acronym in order
            term = " ".join(words[k:])
            if term[0] == acr[0].lower() and re.search(".*".join(acr.lower()), term):
                out.append((found.start("acr"), found.end("acr"), ACRONYM, f"{acr}{_SEP}{term}"))
                break
    return out


def split_acronym(surface: str) -> tuple[str, str] | None:
    """("EU", "European Union") of an ACRONYM mention's surface."""
    acronym, sep, name = surface.partition(_SEP)
    return (acronym, name) if sep and acronym and name else None


def acronym_key(surface: str) -> tuple[str] | None:
    """(the acronym's key,) of an ACRONYM mention's surface."""
    pair = split_acronym(surface)
    return (name_key(pair[0]),) if pair else None


def generic_party(key: str) -> str | None:
    """The generic party a country's party key is one of ("communist party of cuba", "chinese communist party"), the
    generic body a country's is ("liberal party mexico", `generic`)."""
    if base := qualified_base(key):
        return base
    head, of, _ = key.partition(" of ")
    if of and _GENERIC_PARTY.match(head):
        return head
    rest = key.partition(" ")[2]
    return rest if _GENERIC_PARTY.match(rest) and _DEMONYM_KEY.match(key) else None


def short_form(key: str, display: str = "") -> str | None:
    """The first-and-last key of a person key of three or more words ("john fitzgerald kennedy" → "john kennedy"),
    not a ruler's by its `display` ("Francis Joseph I" is no Francis I)."""
    words, last = key.split(), (display.split() or [""])[-1]
    if len(words) >= 4 and re.match(r"(?:Jr|Sr)\.?$", last):
        words, last = words[:-1], ""  # "Ferdinand Emmanuel Edralin Marcos Sr." is Ferdinand Marcos
    return f"{words[0]} {words[-1]}" if len(words) >= 3 and not _REGNAL.match(last) else None


def initials_agree(long: str, short: str) -> bool:
    """A long name's middle names begin with the letters of a short form's middle initials, if it has any
    ("Franklin Delano Roosevelt" and "Franklin D. Roosevelt"; not "George Walker Bush" and "George H. W. Bush")."""
    initials = [w.rstrip(".") for w in short.split()[1:-1] if len(w.rstrip(".")) == 1]
    middle = [w for w in long.split()[1:-1] if not _GENERATION.match(w) and w.casefold() not in NAME_PARTICLES]
    return not initials or [w[:1].upper() for w in middle[:len(initials)]] == [i.upper() for i in initials]


def surname_key(name: str) -> str:
    """The key of a name's last word, hyphens kept together ("Jackie Joyner-Kersee" → "joyner kersee"), a
    generation's mark passed over ("Ferdinand Emmanuel Edralin Marcos Sr." → "marcos")."""
    words = name.split()
    if len(words) > 2 and _GENERATION.match(words[-1]):
        words = words[:-1]
    return name_key(words[-1]) if words else ""


def may_be_surname(word: str) -> bool:
    """A one-word mention that may be a full name's surname: not a numeral or a symbol in capitals ("XI" on the
    Mercalli scale is no Zhu Xi's "Xi", "NO" no one's "No")."""
    return not (_REGNAL.match(word) or word.isupper() and len(word) <= 3)


def first_name(display: str) -> str | None:
    """The first name's key of a full name of capitalised words, not a ruler's ("Charles XII") nor an epithet's, nor a
    title ("Shah Jahan": "As Shah, he …" is no one's name)."""
    words = display.split()
    if len(words) < 2 or any(_REGNAL.match(w) for w in words[1:]) or words[0] in NOT_A_NAME \
            or not all(w[:1].isupper() or w.casefold() in NAME_PARTICLES for w in words):
        return None
    return name_key(words[0])


class Variants:
    """The collection's evidence for merging variants: acronym definitions, long names and first names."""

    def __init__(self) -> None:
        self.acronyms: dict[str, Counter] = defaultdict(Counter)  # acronym key -> name key -> definitions
        self.longer: dict[str, set[str]] = defaultdict(set)  # "john kennedy" -> {"john fitzgerald kennedy"}
        self.by_first: dict[str, set[str]] = defaultdict(set)  # "charles" -> full-name person keys
        self._of: dict[str, tuple[str | None, str | None]] = {}  # person key -> (short form, first name)
        self.parties: dict[str, set[str]] = defaultdict(set)  # "communist party" -> countries' parties' keys

    def define(self, surface: str, n: int) -> str | None:
        """Count an ACRONYM mention; returns the acronym's key."""
        pair = split_acronym(surface)
        if pair is None:
            return None
        acr, name = pair
        key = name_key(acr)
        self.acronyms[key][name_key(clean_name(name) or name)] += n
        self.acronyms[key] = +self.acronyms[key]
        return key

    @staticmethod
    def defined_in(doc_counts: Counter) -> dict[str, str]:
        """One document's acronyms by their own definitions there (context keys: "atp" + _SEP)."""
        return {name_key(pair[0]) + _SEP: name_key(clean_name(pair[1]) or pair[1]) for (surface, label), n
                in doc_counts.items() if label == ACRONYM and n > 0 and (pair := split_acronym(surface))}

    def expansion(self, key: str, ctx: dict[str, str] | None = None) -> str | None:
        """The name an acronym stands for: its document's definition, else the collection's majority of its
        definitions (none where it also defines a term: "adenosine triphosphate (ATP)")."""
        if local := (ctx or {}).get(key + _SEP):
            return local
        defs = self.acronyms.get(key)
        if not defs:
            return None
        (best, n), *rest = sorted(defs.items(), key=lambda kv: (-kv[1], kv[0]))
        return best if n >= _MAJORITY * sum(m for _, m in rest) else None

    def person(self, key: str, full: bool, display: str = "") -> None:
        """Index a person key by its short form and its first name (`full`), or take it out of the index."""
        short, first = self._of.pop(key, (None, None))
        if short:
            self.longer[short].discard(key)
        if first:
            self.by_first[first].discard(key)
        if full:
            short, first = short_form(key, display), first_name(display)
            self._of[key] = (short, first)
            if short:
                self.longer[short].add(key)
            if first:
                self.by_first[first].add(key)

    def party(self, key: str, org: bool) -> None:
        """Index an organisation's key by the generic party it is a country's (`org`), or take it out."""
        if generic := generic_party(key):
            (self.parties[generic].add if org else self.parties[generic].discard)(key)

    def party_for(self, key: str, ctx: dict[str, str] | None) -> str | None | bool:
        """For a generic party name: the country's party its document names, else the collection's only one; False
        (no value) when the collection names several and its document none ("Communist Party"); None for other names
        and for a creed no country's party is named by ("Democratic Party" is itself then)."""
        if qualified_base(key):
            return key  # a country's generic body: `plain` shows whether the country need be named
        fulls = self.parties.get(key, ()) if _GENERIC_PARTY.match(key) or generic_key(key) else ()
        if not fulls:
            return None
        if local := (ctx or {}).get(key + PARTY_MARK):
            return local
        return next(iter(fulls)) if len(fulls) == 1 else False

    def plain(self, key: str, display: str) -> tuple[str, str]:
        """(key, display) of a country's generic body: its generic name's while the collection sees one country's
        ("Labour Party"), its own once several ("Liberal Party (Mexico)", "Liberal Party (United Kingdom)")."""
        base = qualified_base(key)
        if base and len(self.parties.get(base, ())) == 1:
            return base, display.rsplit(" (", 1)[0]
        return key, display

    def siblings(self, keys) -> set[str]:
        """The keys of the other countries' bodies or parties of these keys' generic names."""
        return {k for key in keys if (base := generic_party(key)) for k in self.parties.get(base, ())}

    def short_of(self, key: str, shown=None) -> str | None:
        """The first-and-last form a long person key is indexed by, unless the initials of the one `shown(short)`
        names disagree with the long one's middle names ("George Walker Bush" is no George H. W. Bush)."""
        short = self._of.get(key, (None, None))[0]
        return short if short is None or shown is None or initials_agree(shown(key) or "", shown(short) or "") \
            else None

    def first_of(self, key: str) -> str | None:
        """The first-name key a full-name person key is indexed by."""
        return self._of.get(key, (None, None))[1]

    def named_like_people(self, key: str, display: str, facet_of) -> bool:
        """A full name whose first name is that of `_NAMESAKES` persons of the collection ("Julius Caesar", tagged ORG
        five times, and Julius Nyerere, Julius Dedekind; "Alfred Nobel" twice WORK_OF_ART), not a title ("King Fahd Causeway"), an article ("La
        Fenice") or a word the collection calls something else ("Sun Microsystems", "Greater Sydney").
        `facet_of(k)` is a key's facet."""
        first = first_name(display)
        if not first or first in _ARTICLES or person_word(first) or facet_of(first) not in (None, "person") \
                or kind_word(display.split()[-1]):
            return False
        return len(self.by_first.get(first, set()) - {key}) >= _NAMESAKES

    def of_a_people(self, display: str, facet_of, size) -> bool:
        """A name ending in a word the collection often calls a people, a language or a faith ("Vulgar Latin",
        "Byzantine Christian", "Qadiri Sufi"), whose first word is no first name of `_NAMESAKES` persons ("Daniel
        Chester French") and which is no ruler's "of" ("Wu of Han"). `facet_of(k)`, `size(k)`: a key's facet and
        mentions."""
        words = display.split()
        last = name_key(words[-1])
        return len(words) > 1 and " of " not in display and facet_of(last) == "group" and size(last) >= _PEOPLE_WORD \
            and len(self.by_first.get(name_key(words[0]), ())) < _NAMESAKES

    def sharing(self, key: str, size, written: str = "") -> str | None | bool:
        """For a one-word person key: the full name it stands for by a clear majority, False when several people
        share it and none is, None when it is no shared first name. `size(k)` is a key's mentions; a numeral or
        initials `written` in capitals stand for no full name alone ("XI" is no Xi Jinping; "MJ" is itself)."""
        if written and not may_be_surname(written):
            return None
        fulls = sorted(self.by_first.get(key, ()), key=lambda k: (-size(k), k))
        top, rest = (size(fulls[0]), sum(size(k) for k in fulls[1:])) if fulls else (0, 0)
        if top >= _CLEAR and top >= _MAJORITY * rest and size(key) <= _ALONE_PER_FULL * top:
            return fulls[0]  # "Jesus" and "Jesus Christ"; "Leonardo" and "Leonardo da Vinci"
        if len(fulls) < _SHARED_BY or size(key) >= _KNOWN_ALONE * (top + rest):
            return None  # a name known alone ("Muhammad" 48 times, its namesakes' full names 14)
        return False
