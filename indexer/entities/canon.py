"""Entity names: the spaCy-label → facet map and corpus-wide canonical names with aliases."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterator

from .aliases import BUILTIN_ALIASES
from .evidence import ORG_CUE, PERSON_CUE, PERSON_DEFINED, PERSONS, WORK_CUE
from .kinds import OTHER_KIND
from .mentions import DEFINED_THING
from .lone import LONE_PLACE
from .rulers import Rulers
from .surnameplaces import surname_person
from .votes import CUES, EVIDENCE, LONE, display_form, people_plural, shown, vote
from .variants import (ACRONYM, FIRST_MARK, PARTY_MARK, Variants, acronym_key, generic_party, may_be_surname,
                       surname_key)
from .names import MEMBERS, clean_name, looks_like_full_name, name_key, org_shaped, person_form, shape_facet, work_shaped

__all__ = ["LABEL_TO_FACET", "NER_LABELS", "Canon", "clean_name", "name_key"]

# The one map from spaCy labels to facet names, used by the writer and (through FACETS) by the sidebar.
# AGENT is ours, not spaCy's: an Infobox "Perpetrator" is an organisation or a person by what it is elsewhere.
LABEL_TO_FACET: dict[str, str] = {
    "PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group",
    "EVENT": "event", "WORK_OF_ART": "work", "AGENT": "org", LONE_PLACE: "place",
    "GPE_DEFINED": "place",  # a "person" its own definition calls a place (mentions.refine): one counts as five
    ORG_CUE: "org",  # an ORG whose text shows an organisation ("NKVD agent"): evidence, see Canon._evidenced
    WORK_CUE: "work",  # a WORK_OF_ART whose text shows a work ("the novel …", a title in quotes beside "songs")
    PERSON_CUE: "person", PERSON_DEFINED: "person",  # a person its text shows ("the goddess Freyja"): attest, subject
}
_WEIGHT = {"GPE_DEFINED": 5, PERSON_DEFINED: 5, DEFINED_THING: 5, OTHER_KIND: 5, LONE_PLACE: LONE}
NER_LABELS = frozenset(LABEL_TO_FACET) - {"AGENT", "GPE_DEFINED", LONE_PLACE, ORG_CUE, WORK_CUE, *PERSONS[1:]} | {"DATE"}
_MONONYM = 6  # a one-word person named fewer times needs evidence (attest): most such are other things
# A span `mentions.refine` took from the model's PERSON ("the Moon"): no value, but a vote against the person.
NOT_A_PERSON = "MISC"
# Votes for no facet: a span taken from PERSON, a "person" its definition calls a thing ("Rum is a liquor", weight 5).
_NO_FACET_LABELS, _NONE = {NOT_A_PERSON, DEFINED_THING, OTHER_KIND}, ""  # and "": the facet of that vote

_OLYMPIC = re.compile(r"\bolympic games\b")
# "Sudoplatov's Special Tasks": a person's something tagged ORG is the title of a work, not an organisation.
_OWNED = re.compile(r"^(?P<owner>[^\W\d_][\w-]*)['’]s [A-Z]")
# A name tagged as something else ("Mercader" GPE) is the person's only where that use is rare next to the person.
_OTHER_USES_PER_MENTION = 4
# Without the full name in the document, a surname is the corpus's one full name only where it rarely stands alone
# ("Wu" 16 times alone, "Chien-Shiung Wu" 3 times: "Wu culture" and "Emperor Wu" are not her).
_ALONE_PER_FULL = 3
_PLACE_DOUBT = 5  # a surname the collection calls a place once in five is no one's without its document's evidence
_SURE_ALONE = 3  # mentions of a one-word person, all but a tenth of its labels PERSON, to be looked for everywhere
_KEY_MEMO = 100_000  # distinct (surface, label) pairs a Canon remembers (some 30 MB at most)


class Canon:
    """Corpus-wide canonical names from every raw (surface, label) mention count, updated incrementally."""

    def __init__(self, aliases: dict[str, str] | None = None) -> None:
        self.aliases = {name_key(k): v for k, v in BUILTIN_ALIASES.items()} | dict(aliases or {})
        self._alias_names = {name_key(v): v for v in self.aliases.values()}  # "soviet union" -> "Soviet Union"
        self._key_memo: dict[tuple[str, str], tuple[str, str] | None] = {}  # see _key_of
        self.counts: Counter = Counter()  # (surface, label) -> mentions
        self._forms: dict[str, Counter] = defaultdict(Counter)  # key -> cleaned surface form -> mentions
        self._facets: dict[str, Counter] = defaultdict(Counter)  # key -> facet the model gave -> mentions
        self._surfaces: dict[str, set] = defaultdict(set)  # key -> raw (surface, label) pairs
        self._by_last: dict[str, set[str]] = defaultdict(set)  # surname key -> full-name person keys
        self._surname_of: dict[str, str] = {}  # full-name person key -> its surname key
        self._display: dict[str, str] = {}
        self._facet: dict[str, str] = {}
        self.corrections = None  # the user's corrections (indexer.corrections.Corrections), applied last
        self.variants = Variants()  # acronyms, long names and first names: merges on the collection's evidence
        self.rulers = Rulers()  # regnal names' titled and realm forms: one ruler, one value (rulers.py)
        self.generation = 0  # counts the changes to the names (a cache of what they give is good while it holds)

    @classmethod
    def build(cls, counts: Counter, aliases: dict[str, str] | None = None) -> "Canon":
        """Canonical names for a whole corpus's mention counts."""
        (canon := cls(aliases)).add(counts)
        return canon

    def add(self, delta: Counter) -> set[tuple[str, str]]:
        """Add (or, with negative counts, remove) mentions; returns the raw mentions whose resolution changed."""
        self.generation += 1
        keys: set[str] = set()
        for pair in delta:
            found = self._key_of(*pair) if pair[1] != ACRONYM else acronym_key(pair[0])
            if found:
                keys.add(found[0])
        surnames = {surname_key(self._display.get(k, k)) for k in keys} | {surname_key(k) for k in keys} \
            | {k.split()[0] for k in keys if " " in k} | {generic_party(k) for k in keys} - {None}  # first names,
        # too ("Charles" and a new Charles Darwin), and generic parties ("Communist Party", "Communist Party of Cuba")
        longer = {long for k in keys for long in self.variants.longer.get(k, ())} | self.variants.siblings(keys)
        surnames |= self.rulers.related(keys)  # every written form of a ruler's name, watched as surnames are
        watched = {pair for k in keys | surnames | longer for pair in self._surfaces.get(k, ())} | set(delta)
        before = {pair: self.resolve(*pair) for pair in watched}
        people = {s: self._fulls(s) for s in surnames}
        for (surface, label), n in delta.items():
            self.counts[(surface, label)] += n
            if label == ACRONYM:
                self.variants.define(surface, n)
                continue
            found = self._key_of(surface, label)
            if found is None:
                continue
            key, form = found
            self._forms[key][form] += n
            if label != "AGENT":
                self._facets[key][LABEL_TO_FACET.get(label, _NONE)] += n * _WEIGHT.get(label, 1)
            self._surfaces[key].add((surface, label))
        self.counts = +self.counts
        for key in keys:
            self._refresh(key)
        changed = {pair for pair in watched if self.resolve(*pair) != before[pair]}
        # Full names of a surname changed: its mentions may resolve otherwise inside documents naming them.
        for s, old in people.items():
            if self._fulls(s) != old:
                changed |= self._surfaces.get(s, set())
        return changed

    def _fulls(self, s: str) -> set[str]:
        return set(self._by_last.get(s, ())) | set(self.variants.by_first.get(s, ())) \
            | set(self.variants.parties.get(s, ())) | self.rulers.realms(s)

    def _key_of(self, surface: str, label: str) -> tuple[str, str] | None:
        """(matching key, display form) of a raw mention, or None for junk and labels we do not facet."""
        # A pure function of the mention and the aliases (fixed for a Canon): indexing asks again for every
        # mention of a batch and every name it watches, 270k times for 10k passages.
        memo = self._key_memo
        pair = (surface, label)
        if pair not in memo:
            if len(memo) >= _KEY_MEMO:
                memo.clear()
            memo[pair] = self._compute_key(surface, label)
        return memo[pair]

    def _compute_key(self, surface: str, label: str) -> tuple[str, str] | None:
        if label not in LABEL_TO_FACET and label not in _NO_FACET_LABELS:
            return None
        work = label in ("WORK_OF_ART", WORK_CUE)
        name = clean_name(person_form(surface) if label in PERSONS else surface, title=work)
        if name is None:
            return None
        key = _OLYMPIC.sub("olympics", name_key(name))
        if label in PERSONS and key.count(" ") >= 2:
            words = key.split()  # "Pavel A. Sudoplatov" is Pavel Sudoplatov
            key = " ".join([words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]])
        elif " " not in key and len(key) > 3 and key.endswith("s") and not key.endswith("ss") \
                and (label == "NORP" or MEMBERS.match(name)):
            key = key[:-1]  # "Romans" and "Roman", "Bolsheviks" and "Bolshevik" are one group
        key = self._alias_key(key)
        # Work titles keep their article ("The Little Prince"); the key does not.
        form = (clean_name(surface, keep_article=True, title=True) or name) if work else name
        return key, form

    def _refresh(self, key: str) -> None:
        forms = +(self._forms.get(key) or Counter())
        if (old_surname := self._surname_of.pop(key, None)) is not None:
            self._by_last[old_surname].discard(key)
        if not forms:
            for d in (self._forms, self._facets, self._display, self._facet, self._surfaces):
                d.pop(key, None)
            for gone in (self.variants.person, self.variants.party, self.rulers.person):
                gone(key, False)
            return
        self._forms[key] = forms
        facets = self._facets[key] = +self._facets[key]
        cues = Counter({label: self.counts[pair] for pair in self._surfaces[key] if (label := pair[1]) in CUES})
        work = (facet := vote(facets, shown(cues, self._alias_names.get(key) or display_form(forms)))) == "work"  # "French": a group
        display = self._display[key] = self._alias_names.get(key) or display_form(forms, work)
        self._facet.pop(key, None)
        if facet is not None:
            self._facet[key] = facet
        surname = surname_key(display)
        full = self._facet.get(key) == "person" and looks_like_full_name(display) and surname != key
        if full:
            self._by_last[surname].add(key)
            self._surname_of[key] = surname
        self.variants.person(key, full, display)
        self.variants.party(key, facet == "org")
        self.rulers.person(key, facet == "person")

    def _alias_key(self, key: str) -> str:
        return name_key(target) if (target := self.aliases.get(key)) else key

    def context(self, doc_counts: Counter) -> dict[str, str]:
        """One document's full-name persons by surname key ("Mercader" there means its "Ramón Mercader"), defined
        acronyms ("ATP": its "Association of Tennis…") and rulers' realms ("Louis XIV": its "Louis XIV of France")."""
        people: Counter = Counter()
        for (surface, label), n in doc_counts.items():
            found = self._key_of(surface, label)
            if found is not None and (found[0] in self._surname_of or generic_party(found[0])):
                people[found[0]] += n
        best: dict[str, str] = {}
        for key, _ in sorted(people.items(), key=lambda kv: -kv[1]):  # a tie: the first named, the article's own
            if generic := generic_party(key):
                best.setdefault(generic + PARTY_MARK, key)  # "the Communist Party" there means its country's
                continue
            best.setdefault(self._surname_of[key], key)
            if first := self.variants.first_of(key):
                best.setdefault(first + FIRST_MARK, key)  # "Charles" there means its "Charles Darwin"
        return best | self.variants.defined_in(doc_counts) | self.rulers.named_in(doc_counts, self._key_of)

    def _person_for(self, key: str, name: str, label: str, ctx: dict[str, str] | None) -> str | None:
        """The full-name person a one-word mention stands for, if any."""
        if len(name.split()) != 1 or not self._by_last.get(key) or not may_be_surname(name):
            return None
        local = ctx.get(key) if ctx else None
        votes = self._facets.get(key, Counter())
        if local and (label in PERSONS or sum(votes.values()) - votes["person"] <= _OTHER_USES_PER_MENTION * self._size(local)):
            return local
        if self._facet.get(key) == "place":  # a surname the model calls a place ("Liszt, Tchaikovsky" [GPE])
            labels = Counter({p[1]: self.counts[p] for p in self._surfaces.get(key, ())} if key not in self.variants.by_first else {})
            return surname_person(key, votes, labels, self._by_last[key], self._size, self._display.get(key, name))
        if label not in PERSONS or self._facet.get(key, "person") != "person" or votes["place"] * _PLACE_DOUBT > votes["person"]:
            return None  # the word is (also) something else ("French", the city "Sucre"): only its document counts
        fulls = sorted(self._by_last[key], key=lambda k: (-sum(self._forms[k].values()), k))
        top = sum(self._forms[fulls[0]].values())
        rest = sum(sum(self._forms[k].values()) for k in fulls[1:])
        alone = votes["person"]
        # "Trotsky" stays Leon Trotsky when a "Natalia Sedova Trotsky" is mentioned once elsewhere.
        return fulls[0] if top >= 2 * rest and alone <= _ALONE_PER_FULL * (top + rest) else None

    def resolve(self, surface: str, label: str, ctx: dict[str, str] | None = None,
                corrected: bool = True) -> tuple[str, str] | None:
        """The (facet, canonical name) of a mention, or None if it is junk, hidden or not an entity type we facet. `ctx`
        is `context()` of its document (a surname there means its full name). The user's corrections apply last."""
        found = self._resolve(surface, label, ctx)
        return self.corrections.apply(found) if corrected and self.corrections is not None else found

    def _resolve(self, surface: str, label: str, ctx: dict[str, str] | None) -> tuple[str, str] | None:
        if (found := self._key_of(surface, label)) is None or label in _NO_FACET_LABELS:
            return None
        key, name = self._variant(*found, ctx)
        if self._facet.get(key) == "org" and (party := self.variants.party_for(key, ctx)) is not None:
            if party is False or party not in self._display:
                return None  # several countries' parties, none named in its document
            key, name = self.variants.plain(party, self._display[party])  # with its country when several
        target = self._person_for(key, name, label, ctx)
        if target is None and " " not in key and self._facet.get(key) == "person":
            target = (ctx or {}).get(key + FIRST_MARK) or self.variants.sharing(key, self._size, name)
            if target is False:
                return None  # a first name several people share, none named in its document ("Charles")
        if target is not None:
            key, facet = self.rulers.ruler_of(target, ctx) or target, "person"  # "Ferdinand": its King Ferdinand II
        else:
            facet = self._facet.get(key, LABEL_TO_FACET[label])
            if facet == _NONE:
                return None  # mostly not a name where the model called it a person ("the Moon")
            if label == "AGENT" and facet not in ("person", "org"):
                facet = "org"
        display = self._display.get(key) or self.aliases.get(name_key(name), name)
        shaped = shape_facet(display, facet)
        if shaped == "":
            return None
        facet = shaped or facet
        if facet == "person" and self.variants.of_a_people(display, self._facet.get, self._size):
            return None  # "Vulgar Latin", "Byzantine Christian": a people's, a language's or a faith's word ends it
        if (one := people_plural(facet, key, display, self._facet.get, self._display.get, self._size)) is not None:
            facet, display = "group", self._display.get(one, display)  # "Greeks" and the group "Greek"
        if facet == "org" and (owner := _OWNED.match(display)) and name_key(owner.group("owner")) in self._by_last \
                and not org_shaped(display):  # "King's College", "McDonald's Corporation" are bodies all the same
            return "work", display  # a known person's title: the shape is the evidence
        if facet in EVIDENCE and not self._evidenced(key, facet, display):  # nothing shows it: a person's name?
            return ("person", display) if facet in ("org", "work") \
                and self.variants.named_like_people(key, display, self._facet.get) else None
        return facet, display

    def _variant(self, key: str, name: str, ctx: dict[str, str] | None = None) -> tuple[str, str]:
        """The key a variant merges into: a ruler's, a defined acronym's name ("Al" is no "AL"), a long name's short."""
        if name.isupper() and (full := self.variants.expansion(key, ctx)) is not None and full in self._facet:
            return full, self._display[full]
        if ruler := self.rulers.ruler_of(key, ctx):  # "King Louis XIV": its document's "Louis XIV of France"
            return ruler, self._display[ruler]
        short = self.variants.short_of(key, self._display.get)
        if short and self._facet.get(key) == "person" == self._facet.get(short):
            return short, self._display[short]
        return key, name

    def sure_alone(self, form: str, facet: str) -> bool:
        """A one-word person the collection always calls one, often enough to be looked for ("Krishna")."""
        votes = self._facets.get(name_key(form), Counter())
        return facet == "person" and votes["person"] >= _SURE_ALONE and votes["person"] >= 0.9 * sum(votes.values())

    def _size(self, key: str) -> int:
        return sum(self._forms.get(key, Counter()).values())

    def _evidenced(self, key: str, facet: str, display: str) -> bool:
        """An organisation or a work needs its shape or a mention showing it ("SI", "PhD" have none); so does a one-word
        person named < _MONONYM times ("buh-SALT"), a surname several share as well."""
        shaped = {"org": org_shaped, "work": work_shaped}.get(facet)  # a person: one of several words, or often named
        shown = shaped(display) if shaped else " " in display or self._size(key) >= _MONONYM
        return shown or any(label in EVIDENCE[facet] and self.counts[(s, label)] > 0
                            for s, label in self._surfaces.get(key, ()))

    def confident_forms(self, labels: dict[str, str], least: int) -> Iterator[tuple[str, str, str]]:
        """(written form, facet, canonical name) of these facets' values (by their labels) named `least` times."""
        for key, facet in list(self._facet.items()):
            if facet in labels and self._size(key) >= least:
                for form in self._forms[key]:
                    if (got := self.resolve(form, labels[facet])) is not None and got[0] == facet:
                        yield form, *got
