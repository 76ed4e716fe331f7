"""Rules on spaCy's raw entity spans that need the passage text: joins, splits and relabels before counting.

Each rule is a regular expression over the text or a look at a span's neighbours: cheap next to NER itself.
"""
from __future__ import annotations

import re
from typing import Iterable

from .akas import other_names
from .attest import person_evidence
from .datespans import not_a_date, with_era, year_range
from .evidence import WORK_CUE, with_evidence
from .titles import whole_titles
from .names import org_shaped
from .extend import whole_names
from .orgtails import org_tails
from .inside import inside_names
from .namesakes import namesakes
from .joins import joined_places
from . import lone
from .generic import with_country
from .realms import realm_places
from .gaps import regnal, unit_places
from .fullnames import whole_persons
from .lists import DEFINED_PLACE, listed_persons, listed_places
from .placelists import listed_towns
from .coordplaces import coordinated_places
from .placecuts import place_cuts
from .rolls import rolls
from .subject import opening_person, opening_place
from .kinds import NAME_GLOSS, named_alike, person_word
from .things import DEFINED_THING, relabel
from .variants import defined_acronyms
from .worklists import listed_works

Span = tuple[int, int, str, str]  # (start, end, label, text) as spaCy saw it

# `Vsevolod Platonovich "Esteban" Volkov`: a quoted nickname between two parts of one name.
_NICKNAME_GAP = re.compile(r"^\s+[\"“‘'][^\W\d_][\w .'-]{0,28}[\"”’']\s+$")
# Bibliography entries: `- Don Levine, Isaac. "The Mind of an Assassin"` (surname first, then a quoted title).
_BIB_NAME = re.compile(
    r"^[ \t]*(?:[-*•][ \t]+)?(?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}, [A-Z][\w'’-]+(?: [A-Z][\w'’-]*\.?){0,2})"
    r"\.+[ \t]*(?=[\"“])", re.M)
# `- Leon Trotsky: A Revolutionary's Life by Joshua Rubenstein (2011)`: a list item naming a work and its author.
_BY_LINE = re.compile(r"^[ \t]*[-*•][ \t]+(?P<title>[A-Z][^\n]{2,120}?) by [A-Z][^\n()]{2,60}\([^\n()]*\d{4}[^\n()]*\)[ \t]*$",
                      re.M)
# A quoted title: after a bibliography name, after "titled"/"book"/"film"…, or followed by a year in brackets.
_QUOTED = re.compile(r"[\"“](?P<title>[^\"“”\n]{2,120})[\"”]")
_TITLE_CUE = re.compile(r"(?:\b(?i:titled|entitled|book|novel|article|essay|poem|film|song|album|play|memoir|"
                        r"memoirs)|\b[A-Z][\w'’-]*\.+)[ \t]*$")
_YEAR_AFTER = re.compile(r"[ \t]*\((?:c\. )?\d{4}[^()\n]{0,12}\)")
# The small model calls rivers, islands and periods persons ("the Danube", "in Java", "the Neolithic"). A person's
# name is not written after "the", nor after a preposition of place: such a "person" is dropped (after "the") or
# taken as a place (after "in", "across"…). A possessive after it ("in Plato's Republic") keeps the person.
_THE_BEFORE = re.compile(r"\b[Tt]he\s$")
_IN_BEFORE = re.compile(r"(?:\b(?:[Ii]n|into|across|near|along|throughout|within)|\b(?:island|city|town|village|capital|"
                        r"duchy|kingdom|province|region|state|county|coast|north|south|east|west|centre|center|"
                        r"outskirts|parts) of)\s$", re.I)
# A definition names what a thing is: "Ibadan is the capital and most populous city of Oyo State" (an appositive may
# come first: "Buenos Aires, officially the Autonomous City of Buenos Aires, is the capital"). Decisive evidence of a
# place, whatever the model said: such a span is relabelled with the strong label below.
_DEFINED_PLACE = re.compile(r"(?:,[^.;\n]{0,100},|,)?\s+(?:is|was)\s+(?:a|an|the|one)\b(?P<gap>[^.;\n]{0,60}?)\b(?:capital|city|"
                            r"town|village|municipality|metropolis|country|state|province|region|territory|county|"
                            r"district|island|archipelago|river|lake|mountain|peninsula|kingdom|empire|duchy|"
                            r"sultanate|caliphate|federative|oblast|canton|governorate|prefecture|commune|borough|suburb)\b")
# The same for a name the model called an organisation, with the kind at the head of the phrase ("Lusaka is the
# capital…", but not "the Delian League was a confederacy of Greek city-states").
_DEFINED_PLACE_HEAD = re.compile(r"(?:,[^.;\n]{0,100},|,)?\s+(?:is|was)\s+(?:a|an|the|one)\s+"
                                 r"(?:(?!of\b)[\w-]+\s+){0,3}?"
                                 r"(?:capital|city|town|village|municipality|metropolis|country|province|region|"
                                 r"territory|county|district|island|archipelago|river|lake|mountain|peninsula)\b")
# "the South Russian Worker's Union": a group's adjective the model took alone, then the organisation's noun.
_ORG_AFTER = re.compile(r"(?: [A-Z][\w'’]+){0,3} (?:Union|Party|Church|Army|League|Association|Society|Company|"
                        r"Council|Federation|Front|Movement|Brotherhood|Alliance|Congress)\b")
# Military and secret operations are events ("Operation Utka", "Operation Barbarossa").
_OPERATION = re.compile(r"\bOperation [A-Z][a-z]+\b")


def refine(text: str, found: Iterable[Span]) -> list[Span]:
    """spaCy's spans of one passage with the text-level rules applied (only faceted labels and DATE kept)."""
    spans = sorted((tuple(m) for m in found), key=lambda m: (m[0], -m[1]))
    spans = [year_range(m) for m in spans]
    spans = with_era(text, [m for m in spans if m[2] != "CARDINAL" and not not_a_date(text, m)])
    spans = _join_nicknames(text, spans)
    spans = joined_places(text, org_tails(text, whole_names(text, spans)))
    spans = [relabel(text, _with_org_noun(text, _not_a_person(text, m))) for m in spans]
    spans = _one_sense(listed_persons(text, listed_towns(text, listed_places(text, named_alike(text, spans)))))
    spans = _overlay(spans, [(m.start("name"), m.end("name"), "PERSON") for m in _BIB_NAME.finditer(text)], text)
    spans = _overlay(spans, [(m.start(), m.end(), "EVENT") for m in _OPERATION.finditer(text)], text)
    spans = person_evidence(text, with_evidence(text, _overlay(spans, _titles(text), text)))
    spans = whole_titles(text, lone.mark(text, rolls(text, opening_place(text, opening_person(text, spans)))))
    spans = whole_persons(text, regnal(text, realm_places(text, with_country(text, spans))))
    spans = place_cuts(text, coordinated_places(text, namesakes(text, inside_names(text, unit_places(text, spans)))))
    spans = listed_works(text, other_names(text, spans))
    return sorted(spans + defined_acronyms(text, spans), key=lambda m: (m[0], -m[1]))


# An eponym is a thing named after a person ("Fourier series", "Markov chain", "Coulomb's law").
_EPONYM_AFTER = re.compile(r"(?:['’]s)?(?:[–-][A-Z]\w+)?\s(?:series|chains?|laws?|transforms?|analysis|equations?|"
                           r"numbers?|theorems?|diagrams?|process|distributions?|functions?|effect|constants?|"
                           r"hypothesis|conjecture|principle|spaces?|fields?|scale|expansions?|integrals?|methods?|"
                           r"algorithms?|tests?|units?|cycle|sequences?|culture|dynasty|statistics|condensates?|stars?|bosons?|"
                           r"syndrome|disease|reaction)\b")
# A building named after a saint is no person: "St Paul's Cathedral".
_BUILDING_AFTER = re.compile(r"(?:['’]s)?\s(?:Cathedral|Church|Abbey|Basilica|Chapel|Monastery|Priory)\b")
# A landmark named by a possessive is no mention of the person: "Hadrian's Wall", "Trajan's Column", "Offa's Dyke".
_LANDMARK_AFTER = re.compile(r"['’]s\s(?:Wall|Gate|Bridge|Tower|Canal|Dyke|Column|Arch|Tomb|Mausoleum|Villa)\b")


# A definition of a thing that is no person: "Carnivora is an order of placental mammals", "Rum is a liquor",
# "Eris is the most massive and second-largest-known dwarf planet". The kind must head the phrase (at most four
# words before it), so that "Zeus is the sky and thunder god in ancient Greek religion" stays a person.
_DEFINED_THING = re.compile(NAME_GLOSS + r"(?:,[^.;\n]{0,100},|,)?"
                            r"\s+(?:is|was|are|can be defined as)\s+(?:a|an|the|one)\s+(?:[\w-]+\s+){0,4}?"
                            r"(?:order|family|genus|species|domain|kingdom|phylum|clade|subfamily|suborder|"
                            r"superfamily|style|movement|liquor|spirit|beverage|drink|dish|sport|martial art|"
                            r"combat sport|dwarf planet|planet|moon|star|galaxy|constellation|comet|asteroid|"
                            r"language|dialect|script|body of|system of|religion|doctrine|genre|festival|holiday|"
                            r"disease|infection|drug|compound|element|protein|mineral|alloy|polymer|plant|tree|"
                            r"fungus|shrub|breed|cultivar|vegetable|fruit|cuisine|technique|theory|concept|term|"
                            r"plastic|material|substance|chemical|molecule|acid|set of|group of|variety of|"
                            r"branch of|sculpture|statue|painting|masterpiece|fresco|"
                            r"unit|tradition|practice|ideology|empire|dynasty|state|polity|kingdom)\b")
# A taxonomic rank names a taxon: "the order Carnivora", "the kingdom Fungi", "domains Bacteria and Archaea".
_RANK_BEFORE = re.compile(r"\b(?:order|family|genus|genera|species|kingdom|phylum|phyla|class|domains?|subfamily|"
                          r"clade|suborder|superfamily|infraorder|tribe|subkingdom|subphylum)\s$")
# An award named after a person is no mention of the person: "the Order of Lenin".
_AWARD_BEFORE = re.compile(r"\b(?:Order|Medal|Prize|Orders|Medals) of (?:the )?$")
# Where a person's name never stands: "the Duke of Burgundy", "fled to Burgundy", "southern Gaul", "the rest of Gaul".
_PLACE_BEFORE = re.compile(r"(?:\b(?:King|Queen|Duke|Duchess|Duchy|Kingdom|Emperor|Empress|Prince|Princess|Count|"
                           r"Countess|County|Principality|Republic|Sultanate|Caliphate|Emirate|Khanate|Margrave|"
                           r"Archbishop|Bishop|Governor|Viceroy|Earl|Shah|Sultan|Khan|Kings|Dukes) of|\b(?:fled|"
                           r"moved|returned|travell?ed|sailed|marched|emigrated|migrated|retreated|exiled|deported) "
                           r"to|\b(?:conquered|invaded|annexed|occupied|whole of|rest of|most of|much of|southern|"
                           r"northern|eastern|western|central|states of|borders|bordering))\s$")
# An appositive naming a place: "Saint Paul, the state capital of Minnesota".
_APPOSITIVE_PLACE = re.compile(r",\s(?:the\s)?(?:[\w-]+\s){0,2}(?:capital|city|town|village|port|province|state|"
                               r"region|county|kingdom) (?:of|in)\b")


# An abbreviation in brackets after a lower-case phrase abbreviates a term, not a name.
_TERM_BEFORE = re.compile(r"\b[a-z][a-z-]+\s\($")


# A people's, faith's or period's adjective before the thing it qualifies: "the Norman conquest", "a Lutheran church",
# "the Medieval period". A person's name is not written so (a ruler's era, "the Stalin era", is outvoted).
_QUALIFIES = re.compile(r"['’]?\s(?:emperors?|capital|court|kingdoms|militias?|army|armies|dominance|sultans?|principalities|chronicles|"
                        r"calendar|species|genus|cultivars?|period|era|age|ages|epoch|dynasty|style|architecture|art|arts|culture|conquest|"
                        r"church|churches|faith|religion|tradition|traditions|rule|sultanate|empire|kingdom|people|"
                        r"peoples|tribes?|language|languages|script|literature|music|cuisine|descent|origin|"
                        r"settlers|invasion|invasions|reformation|theology|theologians?|reformers?|adventurers?|doctrine|monks?|"
                        r"priests?|clergy|pastors?|identity|origins?|nobility|knights?|rulers?)\b")
_ONE_WORD = ("PERSON", "ORG", "WORK_OF_ART")
# A genus before its species' epithet is a taxon: "Brassica oleracea", "Quercus robur" is no person.
_EPITHET = re.compile(r"\s(?!(?:area|idea|replica|data|sonata|cantata|banana|apparatus|status|hiatus|museum|album|"
                      r"forum|stadium|medium|premium|opera|camera|quorum)\b)"
                      r"[a-z]{2,}(?:ea|ae|ii|ensis|oides|ica|ata|atus|ana|alis|ifolia|ius|um|era|ina|ys)\b")
_NAMED_THINGS = ("PERSON", "GPE", "LOC", "ORG")
_BINOMIAL = re.compile(r"^[A-Z][a-z]+(?:\s(?!(?:van|von|der|den|del|dos|das|ibn|bin|ben|zur|zum|province|city|state|"
                       r"county|region|islands?|archipelago|river|sea|coast|kingdoms?|valley|district)\b)[a-z]{3,})+$")
# "the state of X", "the Mexican state of X", "the city of X", "its capital is X", "capital in X": a place, whichever name
# the model gave it.
_KIND_OF = re.compile(r"(?:\bthe\s(?:[a-z-]+\s|[A-Z][a-z]+\s){0,2}(?:state|city|town|province|region|island|county|"
                      r"district|territory|prefecture|emirate|municipality)s?\sof|\bcapital(?:\s(?:city|and\s(?:the\s)?"
                      r"(?:largest|most\spopulous)\scity))?\s(?:is|was|in|at))\s$")


def _common_noun(text: str, m: Span) -> bool:
    """A one-word name the passage also writes in lower case is a common noun ("Morphine … morphine")."""
    word = m[3]
    if m[2] not in _ONE_WORD or " " in word or not word[:1].isupper():
        return False
    low = word.lower()
    return low != word and low in text and re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", text) is not None


# A person's name with a particle, which the model takes for an organisation ("Ludwig van Beethoven" ORG).
# Not a place's or an institution's head word in the languages that write these particles ("Palma de Mallorca",
# "Tour de France", "La Chartreuse de Parme", "Universidad de Chile").
_PARTICLE_NAME = re.compile(r"^(?!(?:La|Le|Les|L|El|Los|Las|Il|Tour|Val|Santiago|San|Santa|Santo|São|Palma|Reggio|Villa|"
                            r"Porto|Puerto|Rio|Río|Bahía|Costa|Isla|Ilha|Monte|Pico|Castillo|Casa|Museo|Musée|Banco|"
                            r"Teatro|Palazzo|Palacio|Château|Chateau|Ponte|Piazza|Plaza|Basilica|Iglesia|Universidad|"
                            r"Università|Université|Universidade|Instituto|Institut|Cabo|Cap|Sierra|Serra|Cerro|Lago|"
                            r"Ciudad|Vila|Nueva|Nuevo|Nova|Novo|Fort|Port|Mont|Bois|Champ|Place|Rue|Saint|Sainte|Valle|Pieve)\b)"
                            r"[A-Z][\w'’-]+ (?:[A-Z][\w'’-]+ )?(?:van|von|da|de|di|del|della|der|du|ibn|bin) "
                            r"(?:[a-z]+ )?[A-Z][\w'’-]+$")


def _not_a_person(text: str, m: Span) -> Span:
    if m[2] in ("NORP", "PERSON") and " " not in m[3] and _LANDMARK_AFTER.match(text, m[1], m[1] + 16):
        return (m[0], m[1], "MISC", m[3])
    if m[2] == "NORP" and " " not in m[3] and text.startswith(("'s ", "’s "), m[1]):
        return (m[0], m[1], "PERSON", m[3])  # "Diocletian's ambition": a people takes no possessive
    if m[2] == "ORG" and _PARTICLE_NAME.match(m[3]) and not org_shaped(m[3]):
        return (m[0], m[1], "PERSON", m[3])
    if _common_noun(text, m) or (m[2] == "PERSON" and " " not in m[3] and (
            _QUALIFIES.match(text, m[1], m[1] + 24) or _EPITHET.match(text, m[1], m[1] + 24))) \
            or m[2] in _NAMED_THINGS and _BINOMIAL.match(m[3]):  # "Morus alba", "Ficus carica"
        return (m[0], m[1], "MISC", m[3])
    if m[2] in ("ORG", "PERSON") and not org_shaped(m[3]) and _KIND_OF.search(text, max(0, m[0] - 48), m[0]):
        return (m[0], m[1], "GPE", m[3])
    if m[2] == "ORG" and not org_shaped(m[3]) and _DEFINED_PLACE_HEAD.match(text, m[1], m[1] + 200):
        return (m[0], m[1], DEFINED_PLACE, m[3])  # "Lusaka is the capital and largest city of Zambia"
    if m[2] in ("ORG", "PERSON") and _TERM_BEFORE.search(text, max(0, m[0] - 40), m[0]) \
            and text.startswith(")", m[1]):
        return (m[0], m[1], "MISC", m[3])  # "magnesium (Mg)", "text-to-speech (TTS)": a term's abbreviation
    if m[2] in ("ORG", "PERSON") and " " not in m[3] and _EPONYM_AFTER.match(text, m[1], m[1] + 40):
        return (m[0], m[1], "MISC", m[3])  # "the Hertzsprung–Russell diagram"
    if m[2] == "PERSON" and _BUILDING_AFTER.match(text, m[1], m[1] + 20):
        return (m[0], m[1], "MISC", m[3])  # "St Paul's Cathedral"
    if m[2] != "PERSON":
        return m
    if (d := _DEFINED_PLACE.match(text, m[1], m[1] + 200)) and not _person_first(d.group("gap")) \
            or _APPOSITIVE_PLACE.match(text, m[1], m[1] + 60):
        return (m[0], m[1], DEFINED_PLACE, m[3])
    if _DEFINED_THING.match(text, m[1], m[1] + 200):
        return (m[0], m[1], DEFINED_THING, m[3])
    if _RANK_BEFORE.search(text, max(0, m[0] - 16), m[0]) or _AWARD_BEFORE.search(text, max(0, m[0] - 16), m[0]):
        return (m[0], m[1], "MISC", m[3])
    if text.startswith(("'s", "’s"), m[1]):
        return m
    before = text[max(0, m[0] - 20):m[0]]
    if _THE_BEFORE.search(before):
        return (m[0], m[1], "MISC", m[3])  # entities.NOT_A_PERSON
    if _IN_BEFORE.search(before) or _PLACE_BEFORE.search(text, max(0, m[0] - 24), m[0]):
        return (m[0], m[1], "GPE", m[3])
    return m


def _person_first(gap: str) -> bool:
    """A definition that calls its subject a person before it names a place: "Louis Riel was a Canadian politician,
    a founder of the province of Manitoba", "… was an early Christian bishop of Greek descent from the maritime city"."""
    return any(w.islower() and person_word(w) for w in _GAP_WORDS.findall(gap))


_GAP_WORDS = re.compile(r"(?<![\w-])[a-z][a-z-]{2,}")


def _one_sense(spans: list[Span]) -> list[Span]:
    """A name the passage defines as a place or a thing is that in all the passage ("Eris is the most massive…
    dwarf planet… Eris was discovered in 2005"): one sense per discourse."""
    defined = {m[3]: m[2] for m in spans if m[2] in (DEFINED_PLACE, DEFINED_THING)}
    if not defined:
        return spans
    return [(m[0], m[1], defined[m[3]], m[3]) if m[3] in defined and (m[2] in ("PERSON", "ORG") or (
        m[2] in ("GPE", "LOC") and defined[m[3]] == DEFINED_THING)) else m for m in spans]


def _with_org_noun(text: str, m: Span) -> Span:
    if m[2] == "NORP" and (tail := _ORG_AFTER.match(text, m[1], m[1] + 60)):
        return (m[0], tail.end(), "ORG", text[m[0]:tail.end()])
    return m


def _join_nicknames(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for m in spans:
        if out and out[-1][2] == "PERSON" and m[0] > out[-1][1] and _NICKNAME_GAP.match(text[out[-1][1]:m[0]]) \
                and m[3][:1].isupper() and m[2] in ("PERSON", "GPE", "ORG", "NORP"):
            first = out.pop()
            out.append((first[0], m[1], "PERSON", text[first[0]:m[1]]))
        elif out and out[-1][2] == "PERSON" and out[-1][0] <= m[0] and m[1] <= out[-1][1]:
            continue  # the nickname alone, inside the joined name
        else:
            out.append(m)
    # The quoted nickname may itself have been tagged: drop spans inside a joined name.
    return [m for m in out if not any(o is not m and o[0] <= m[0] and m[1] <= o[1] and o[2] == "PERSON"
                                      and (o[1] - o[0]) > (m[1] - m[0]) for o in out)]


def _titles(text: str) -> list[tuple[int, int, str]]:
    """Spans of work titles the text's layout gives away (bibliography and "see also" lines, quoted titles)."""
    found = [(m.start("title"), m.end("title"), WORK_CUE) for m in _BY_LINE.finditer(text)]
    for m in _QUOTED.finditer(text):
        title = m.group("title").strip(" ,.")
        words = [w for w in title.split() if len(w) > 3]
        if not words or len(title.split()) > 14 or sum(w[:1].isupper() for w in words) < 0.6 * len(words):
            continue
        if _TITLE_CUE.search(text, max(0, m.start() - 20), m.start()) or _YEAR_AFTER.match(text, m.end()):
            start = m.start("title") + (len(m.group("title")) - len(m.group("title").lstrip(" ,.")))
            found.append((start, start + len(title), WORK_CUE))
    return found


def _overlay(spans: list[Span], new: list[tuple[int, int, str]], text: str) -> list[Span]:
    """Add layout-given spans; spaCy's spans overlapping one are dropped (dates kept)."""
    if not new:
        return spans
    kept = [m for m in spans if m[2] == "DATE" or not any(s < m[1] and m[0] < e for s, e, _ in new)]
    kept += [(s, e, label, text[s:e]) for s, e, label in new]
    return sorted(kept, key=lambda m: (m[0], -m[1]))
