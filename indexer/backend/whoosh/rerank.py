"""Second-pass ranking of a natural query's best hits: coverage of its distinct words and their proximity.

BM25 adds up words independently, so a passage repeating one rare query word can beat one that holds all of them
side by side. The first DEPTH hits are re-scored by the share of the query's weight (idf) each covers and how tightly
its words cluster (read from the postings), then by what is stored with it: how much of its title the query names
("Roman Empire"; named only after the first preposition it qualifies: "Capital of Tamil Nadu"; a lead that says it
is what a named title names shares the match: Light for "Electromagnetic radiation humans can see"), the kind of
answer asked (`answer`: who, where, when), a life span's years given after another's name (`lifespan`), and whether
it is a "See also" or reference list.
"""
from __future__ import annotations

import bisect

from whoosh.scoring import BM25F

from . import answer as _answer, countries as _countries, lifespan as _lifespan, natural as _natural, query as _query
from .closeness import closeness
from .schema import lead_predicate, strip_disambiguation
from ...folding import name_key

DEPTH = 50  # hits re-ranked; the rest keep their BM25 order below them
COVERAGE = 2.0  # score × (1 + COVERAGE × covered share of idf + PROXIMITY × closeness)
PROXIMITY = 0.5
LEAD_WORDS = 0.5  # extra for the share of the query's words (each counting one) in the lead: the class word of
# "Country in North Africa" is common, so weighs little by idf, yet an article that is a country says so there
LEAD = 1.0  # extra for the share of idf found in the passage's first sentence: "X is a Y" names its topic
SPREAD = 30  # hits re-ordered so that one document does not fill the first places
SAME_DOC = 0.5
TITLE_MATCH = 2.0  # score × (1 + TITLE_MATCH × title match + TITLE_EXACT × whole title): the match is (share of the
# title's words in the query)² × (share of the query's idf in the title); "Roman Empire" is the article so titled,
# not one of the hundreds that say it, nor "Western Roman Empire"
TITLE_MIN_SHARE = 0.4  # a title naming less of the query's weight is no match: "Trotsky attacked" is not about the
# life of Leon Trotsky, whose every passage has his name in its title
TITLE_MIN_WORDS = 2  # a one-word title inside a longer query names its class ("Literary genre": not Genre), unless
# it is a person's surname
TITLE_FRONT = True  # a partial title match counts only where the title's words stand before the query's first
# preposition or comma: "Capital of Tamil Nadu, India" asks for a capital (Chennai), not for Tamil Nadu; "silk road
# trade routes" and "Shakespeare plays" name their subject first
QUALIFIER = 0.7  # score × this for a passage whose title the query names only after its first preposition
# ("Form of government with small ruling class" asks for a form: Oligarchy, not Government)
NAMED = True  # … names as written, its words side by side ("of the Russo-Turkish wars"); words of the title spread
# over the query describe the thing so titled ("Use of satellite signals for navigation" is Satellite navigation)
PREPOSITIONS = frozenset("of in by from for to with on at about between during against into within under over near "
                         "after before among through via without across since until like as".split())
CLASS_SHARE = True  # a passage whose lead says it is what a matched title names ("Light … is [electromagnetic
# radiation] that…") shares that title's partial match: the query names a class and qualifies it
TITLE_EXACT = 2.0  # the title's words are the query's words, or its capitals spell the acronym the query is
BACK_MATTER = 0.3  # score × this for a passage in a "See also", "References" or "Further reading" list: titles of
# other works name the query's words without saying anything about them
BACK_SECTIONS = frozenset("see also|references|further reading|external links|bibliography|notes|sources|citations"
                          .split("|"))
WHO_TITLE = 0.5  # the title match counts this much in a "who" question (the title names the deed, not the doer)
ANSWER = 2.0  # score × (1 + ANSWER × `answer.offer`) for a who/where/when question: about a person, place or date
COUNTRY_COVER = True  # a word's country or language adjective counts as the word in coverage and proximity
ONE_TWIN = True  # an acronym in capitals counts once, not again as its lowercase twin ("BC" and "bc")
LIFESPAN = True  # a query's life span counts nothing where a passage gives it after another's name (`lifespan`)


class TextIdfBM25F(BM25F):
    """BM25F whose idf of a word is the passage text's in every field: a word common in the texts ("animal")
    is not made rare, and so weighty, by the few titles and lead sentences that hold it."""

    def scorer(self, searcher, fieldname: str, text, qf: int = 1):
        """The field's BM25 scorer with the text field's idf."""
        scorer = super().scorer(searcher, fieldname, text, qf)
        if fieldname in _natural.FIELD_WEIGHTS and fieldname != "text" and hasattr(scorer, "idf"):
            scorer.idf = searcher.get_parent().idf("text", text)
        return scorer


WEIGHTING = TextIdfBM25F(B=0.75, K1=1.2)


def query_words(text: str) -> list[str]:
    """The analysed content words of a natural query (empty for operator syntax or an empty query)."""
    if not text.strip() or _query.is_explicit(text):
        return []
    words, phrases = _natural.content_words(text)
    return list(dict.fromkeys(words + [w for p in phrases for w in p]))


def rerank(searcher, ranked: list[tuple[int, float]], words: list[str],
           heads: dict[str, list[str]] | None = None, text: str = "") -> list[tuple[int, float]]:
    """The first DEPTH (docnum, score) pairs re-scored by coverage and proximity, the title's match with the query
    and the kind of answer a question (`text`) asks for; the rest unchanged. `heads`: the words that stand for a
    query word (`natural.stand_ins`: an unknown compound's head, a decimal to more places), which count as it."""
    head, tail = ranked[:DEPTH], ranked[DEPTH:]
    if ONE_TWIN:
        words = _one_twin(searcher, words)
    if not words or len(head) < 2:
        return ranked
    idf = {w: searcher.idf("text", w) for w in words}
    total = sum(idf.values()) or 1.0
    extra, gone = _extras(searcher, head, idf, total, _answer.asked(text), text)
    if len(words) < 2:  # one word: only the title and the answer's kind tell its passages apart
        rescored = sorted(((d, s * extra[d]) for d, s in head), key=lambda pair: -pair[1])
        return rescored + tail
    found = _positions(searcher, sorted(d for d, _ in head), words)
    alias = _stand_ins(words, heads or {})
    if alias:
        _credit(searcher, found, alias)
    rescored = []
    for docnum, score in head:
        held, positions, lead = found[docnum]
        if gone.get(docnum):  # a life span's years given after another's name are no match here
            held, lead = held - gone[docnum], lead - gone[docnum]
            positions = {w: ps for w, ps in positions.items() if w not in gone[docnum]}
        cover = sum(idf[w] for w in held) / total
        in_lead = sum(idf[w] for w in lead) / total
        close = closeness(positions) * (len(positions) - 1) / (len(words) - 1) if len(positions) > 1 else 0.0
        rescored.append((docnum, score * (1 + COVERAGE * cover + LEAD * in_lead + PROXIMITY * close
                                          + LEAD_WORDS * len(lead) / len(words)) * extra[docnum]))
    rescored.sort(key=lambda pair: -pair[1])
    return _spread(searcher, rescored) + tail


def _extras(searcher, head: list[tuple[int, float]], idf: dict[str, float], total: float, asks: str | None,
            text: str) -> tuple[dict[int, float], dict[int, set[str]]]:
    """Each passage's factor for its title's match with the query, its answer of the asked kind and the words of
    a life span it gives after another's name; and those words, which count as not found."""
    key = name_key(text)
    front = _front(text) if TITLE_FRONT else set(idf)
    fields = {docnum: searcher.stored_fields(docnum) for docnum, _ in head}
    titles = {docnum: _title_match(stored, idf, total, front) for docnum, stored in fields.items()}
    classes = {t: m for t, m, exact, person in titles.values() if m and not exact and not person and t <= idf.keys()}
    span = _lifespan.years(text) & idf.keys() if LIFESPAN else set()
    out, gone = {}, {}
    for docnum, stored in fields.items():
        title, match, exact, _ = titles[docnum]
        name = strip_disambiguation(stored.get("title", ""))
        gone[docnum] = _lifespan.others(stored.get("text", ""), name, span)
        if CLASS_SHARE and classes and not exact:
            match = max(match, _member(stored, classes))
        if asks == "person":  # "who discovered penicillin?" names what the person did, not whom it asks for
            match *= WHO_TITLE
        qualifies = (bool(title) and title <= idf.keys() and not title & front and not exact  # "Form of government"
                     and (not NAMED or _named(name, text)))
        back = ((QUALIFIER if qualifies else 1.0)
                * (BACK_MATTER if (stored.get("section") or "").strip().lower() in BACK_SECTIONS else 1.0)
                * (1 - sum(idf[y] for y in gone[docnum]) / total))
        out[docnum] = back * ((1 + TITLE_MATCH * match + TITLE_EXACT * exact)
                              * (1 + ANSWER * _answer.offer(stored, asks, key) if asks else 1.0))
    return out, gone


def _title_match(stored: dict, idf: dict[str, float], total: float, front: set[str]) -> tuple:
    """(the title's analysed words, its partial match with the query, whether it is the query, whether a person's
    surname is what matched)."""
    named = strip_disambiguation(stored.get("title", ""))
    title = frozenset(_natural.analyse(named))
    if ONE_TWIN:  # "HIV" is indexed as "hiv" and "HIV", and the query counts it once
        title = frozenset(w for w in title if w == w.upper() or w.upper() not in title)
    both = title & idf.keys()
    share = len(both) / len(title) if title else 0.0
    surname = set(_natural.analyse(named.split()[-1])) if named.split() else set()
    person = bool(both) and share < 1 and surname <= both and _answer.is_about(stored, "person")
    if person:
        share = 1.0  # a person is named by the surname: "Shakespeare plays" names William Shakespeare
    named_share = sum(idf[w] for w in both) / total
    enough = named_share >= TITLE_MIN_SHARE and (len(both) >= TITLE_MIN_WORDS or person) and both <= front
    match = share ** 2 * named_share if enough else 0.0
    exact = bool(title) and title == idf.keys() or _spells(named, idf)
    return title, match, exact, person


def _member(stored: dict, classes: dict[frozenset, float]) -> float:
    """The match of a class title (all its words in the query) that the passage's lead says it is: its predicate
    opens with the title's words ("[electromagnetic radiation] that can be perceived…", one word more allowed)."""
    opening = _natural.analyse(lead_predicate(stored.get("text", ""))[:200])
    return max((m for t, m in classes.items() if t <= set(opening[:len(t) + 1])), default=0.0)


def _named(name: str, text: str) -> bool:
    """Whether the query holds the title `name` as written: its words side by side, in the title's order."""
    title = _natural.one_per_position(_natural.analyse(name))
    words = _natural.one_per_position(_natural.analyse(text))
    return any(words[i:i + len(title)] == title for i in range(len(words) - len(title) + 1))


def _one_twin(searcher, words: list[str]) -> list[str]:
    """The query's words without an acronym's lowercase twin where the capitals are indexed, as `natural` searches
    them: a passage writing "BC" holds both terms, and counting both would weigh the acronym twice."""
    return [w for w in words
            if not (w != w.upper() and w.upper() in words and searcher.doc_frequency("text", w.upper()))]


def _front(text: str) -> set[str]:
    """The analysed words of a query before its first preposition or comma: the phrase naming what it asks for."""
    head: list = []
    for m in _natural.WORD.finditer(text):
        if head and (m.group().lower() in PREPOSITIONS or "," in text[head[-1].end():m.start()]):
            break
        head.append(m)
    return {w for m in head for w in _natural.analyse(m.group())}


def _spells(title: str, idf: dict[str, float]) -> bool:
    """Whether the capitals of the title's words spell an acronym the query is ("World Health Organization": WHO)."""
    initials = "".join(w[0] for w in title.split() if w[:1].isupper())
    return len(initials) > 1 and initials in idf and all(w == initials or w == initials.lower() for w in idf)


def _stand_ins(words: list[str], heads: dict[str, list[str]]) -> dict[str, str]:
    """Terms that count as a query word: its country or language adjective (`countries`: greek → greec), the head
    of a compound no passage holds (overgarment → garment), a decimal to more places (3.14 → 3.14159)."""
    alias = {o[0]: w for w in words for o in _countries.others(w) if len(o) == 1} if COUNTRY_COVER else {}
    alias.update({t: w for w, ts in heads.items() for t in ts})
    return {o: w for o, w in alias.items() if o not in words}


def _credit(searcher, found: dict[int, tuple[set, dict, set]], alias: dict[str, str]) -> None:
    """A passage holding a word's stand-in (`_stand_ins`) covers the word, at the stand-in's positions."""
    for docnum, (held, positions, lead) in _positions(searcher, sorted(found), list(alias)).items():
        mine = found[docnum]
        for o in held:
            mine[0].add(alias[o])
        for o, ps in positions.items():
            mine[1].setdefault(alias[o], ps)
        mine[2].update(alias[o] for o in lead)


def _spread(searcher, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Each further passage of one document counts SAME_DOC times less, so other sources show up near the top
    (a document's best passage keeps its place among the documents)."""
    head = ranked[:SPREAD]
    seen: dict[str, int] = {}
    spread = []
    for docnum, score in head:
        doc = searcher.stored_fields(docnum).get("doc_id")
        spread.append((docnum, score * SAME_DOC ** seen.get(doc, 0)))
        seen[doc] = seen.get(doc, 0) + 1
    spread.sort(key=lambda pair: -pair[1])
    return spread + ranked[SPREAD:]


def _positions(searcher, docnums: list[int], words: list[str]) -> dict[int, tuple[set, dict, set]]:
    """For each docnum: the words it holds in any searched field, their positions in its text, those in its lead."""
    out: dict[int, tuple[set, dict, set]] = {d: (set(), {}, set()) for d in docnums}
    leaves = searcher.leaf_searchers()
    offsets = [off for _, off in leaves]
    by_leaf: dict[int, list[int]] = {}
    for d in docnums:
        by_leaf.setdefault(bisect.bisect_right(offsets, d) - 1, []).append(d)
    for i, docs in by_leaf.items():
        reader, offset = leaves[i][0].reader(), offsets[i]
        for field in _natural.FIELD_WEIGHTS:
            for w in words:
                if (field, w) not in reader:
                    continue
                m = reader.postings(field, w)
                for d in docs:
                    local = d - offset
                    if m.is_active() and m.id() < local:
                        m.skip_to(local)
                    if not m.is_active():
                        break
                    if m.id() == local:
                        out[d][0].add(w)
                        if field == "text":
                            out[d][1][w] = m.value_as("positions")
                        elif field == "lead":
                            out[d][2].add(w)
    return out


FEEDBACK_DOCS = 3  # "what weapon was used": the answer's words come from the best passages found first
FEEDBACK_TERMS = 5
FEEDBACK_WEIGHT = 0.3
_ASKS_FOR_A_THING = ("what", "which")


def wants_feedback(text: str) -> bool:
    """A what/which question: the words of its answer are in none of its own words."""
    first = text.strip().split(" ", 1)[0].lower()
    return first in _ASKS_FOR_A_THING and not _query.is_explicit(text)


def feedback_terms(searcher, docnums: list[int], words: list[str]) -> list[str]:
    """Words shared by the first passages found (at least two of them), rarest first: pseudo-relevance feedback."""
    seen: dict[str, int] = {}
    for docnum in docnums[:FEEDBACK_DOCS]:
        text = searcher.stored_fields(docnum).get("text", "")
        for term in set(_natural.analyse(text)):
            seen[term] = seen.get(term, 0) + 1
    shared = [t for t, n in seen.items() if n >= min(2, len(docnums)) and t not in words and not t.isdigit()]
    shared.sort(key=lambda t: -searcher.idf("text", t))
    return shared[:FEEDBACK_TERMS]
