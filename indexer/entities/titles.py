"""A work's title whole as the text writes it: the small model often tags a fragment of a longer title ("From Russia
with [Love]", "Adventures of [Huckleberry Finn]", "[Love]'s Labour's Lost"), and the fragment then becomes a value
lumping several works ("Love"). Runs last in `mentions.refine`, mostly on spans already labelled as works
(WORK_OF_ART, WORK_CUE); also where the words around a span show a cut title, a genre, an event or a word as a word."""
from __future__ import annotations

import re

from .evidence import WORK_CUE, Span
from .names import shape_facet, work_shaped
from .things import DEFINED_WORK, NO_FACET, TITLE_OF

_WORKS = ("WORK_OF_ART", WORK_CUE)
_JOIN = r"(?:of|with|from|to|at|for|in|on)[ ](?:(?:the|a|an)[ ])?"
_CAP = r"[A-ZÀ-ÖØ-Þ][\w-]*(?<!['’]s)"
# Capitalised words joined by a title's small words, written right before the span and ending in one of them
# ("From Russia with ", "Adventures of ", "Commentaries on the "), or capitalised words against it ("Philosophiæ ");
# not over "and" (a list: "Henry V and [Love]'s Labour's Lost").
_HEAD = re.compile(rf"(?:^|(?<=[\s(\"“]))(?P<head>{_CAP}(?:[ ](?:{_JOIN})?{_CAP})*[ ](?:{_JOIN})?)$")
# Sentence-opening words that are no title's ("In Hamlet, …", "During …").
_NOT_HEAD = frozenset("In On At During After Before When While This That These Those Since Until Both Each Like "
                      "Unlike With From For To Of And But As By Although Though If".split())
_OWNER = frozenset("His Her Its Their Our My Your".split())  # "from His [Manifestation]"
_OPENING = re.compile(r"^[A-Z][a-z]+(?:ing|ed)$")  # "Publishing [the Book of Mormon] at the age of 24"
# Names a title's head may take in: a place ("From [Russia] with Love"), not a person or a people ("Noah in [the
# Book of Genesis]", "the Jewish [Bible]").
_INSIDE = ("GPE", "LOC", "FAC")
_NAMED = _INSIDE + ("PERSON", "ORG", "NORP")
_OWNED = _INSIDE + ("PERSON",)  # the model's person in an author's dated title: "Clifford's [Common Sense] of …"
# A possessive going on into capitalised words, where the span stops at the possessive ("[Where Is the Friend's]
# House?") or the title is a chain of them ("[Love]'s Labour's Lost"; not "the [Bible]'s New Testament").
_POSSESSED = re.compile(r"(?:['’]s)?(?:[ ][A-Z][\w-]*(?:['’]s)?)+[?!]?(?![\w'’])")
# A name right after a kind of work and before its possessive's noun is the title's start: "the novel [Gulliver]'s
# [Travels]", "the book [Hell]'s Angels" (the model tags the owner apart, as a body or a person).
_KIND_JUST_BEFORE = re.compile(r"\b(?:opera|operetta|novel|novella|play|film|ballet|book|poem|song|musical|album|"
                               r"painting|story|tale)\s$")
_CHAIN = re.compile(r"['’]s[ ][A-Z][\w-]*['’]s[ ][A-Z]")
# A kind of piece alone is no title ("his Piano Concerto (1925)"): a number or a key names one.
_KIND_ALONE = re.compile(r"^(?:(?:Piano|Violin|Cello|Flute|Oboe|Clarinet|Horn|Trumpet|Organ|Harpsichord|Guitar|"
                         r"String|Double|Triple|Choral)\s)*(?:Concerto|Sonata|Symphony|Quartet|Quintet|Trio|Suite|"
                         r"Mass|Requiem|Overture|Serenade|Concertos|Sonatas|Symphonies|Quartets)$")
_NUMBERED = re.compile(r"\s(?:No\.|in\s[A-G]\b|Op\.|\d)")
# A word in quotes the sentence speaks of as a word, no title: 'the term "Neogene"', '"Banknote" is often used
# synonymously for paper money', '"Allosaurus" means'.
_WORD_BEFORE = re.compile(r"\b(?:term|word|name|spelling|honorific|phrase|expression)\s[\"“]$")
_WORD_AFTER = re.compile(r"[\"”]\s(?:is\s(?:\w+\s){0,2}used|was\scoined|means|meant|refers|comes\sfrom|derives)\b")
# A genre the sentence names ("the genre of comic drama known as Old Comedy"), no work; an event given a title ("a
# concert titled "An Experiment in Modern Music""), an event.
_GENRE_BEFORE = re.compile(r"\b(?:genre|style|form|school|movement)\b[^.;:\n]{0,40}\b(?:known\sas|called|termed)\s$")
_EVENT_BEFORE = re.compile(r"\b(?:concert|exhibition|tour|festival|conference|show|ceremony)s?\s(?:titled|entitled|"
                           r"called|named)\s[\"“]?$")
# A title's alternative after "; or," is its subtitle: "Uncle Tom's Cabin; or, [Life Among the Lowly]".
_OR_BEFORE = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<title>[A-Z][^.;,\n]{1,60});?\sor,\s$")
# A year in brackets after a name a title's head leads to: the head and the name are a work's title ("Adventures of
# [Huckleberry Finn] (1884)", "Taste of [Cherry] (1997)"), not a person's name (not "Duke of [Wellington]").
_ONE_YEAR = re.compile(r"[ ]\(\d{4}\)")
# A sentence's subject the model cut, and the title's rest before the sentence defines it as a work: "[Snow White] and
# the Seven Dwarfs is a 1937 … film", "[Alice's Adventures] in Wonderland is an 1865 … novel".
_REST = re.compile(r"(?:[ ](?:(?:and|of|in|at|on|for|with|from|to)[ ](?:(?:the|a|an)[ ])?)?[A-Z][\w'’-]*)+")
_OPENS = re.compile(r"(?:^|[.!?]\s|\n)$")
# A possessive opening the sentence whose work the sentence defines belongs to the title: "Grimms' [Fairy Tales],
# originally known as …, is a German collection of fairy tales" (the model tags the owner apart).
_OWNER_OPENS = re.compile(r"(?:^|(?<=[.!?] )|(?<=\n))[A-Z][\w-]*(?:s['’]|['’]s) $")
# A title in sentence case (a lower-case word not an English one's small word: "El [burlador] de Sevilla") goes on
# after the model's span over its own conjunction and lower-case words to the punctuation: "[El burlador de
# Sevilla] y convidado de piedra.", "[Così fan tutte], ossia la scuola degli amanti".
_SENTENCE_CASE = re.compile(r"[ ](?!(?:of|the|a|an|and|or|in|on|at|to|for|with|from|by|as|is)[ ])[a-zß-ÿ]")
_FOREIGN_REST = re.compile(r",?[ ](?:y|e|et|ed|und|oder|ou|ossia|ovvero|och|og)[ ](?:[a-zß-ÿ][\w'’-]*[ ]){0,6}"
                           r"[a-zß-ÿ][\w'’-]*(?=[.,;:!?)]|[ ][(—–-])")


def _defined_end(text: str, m: Span) -> int | None:
    """Where a sentence-opening title ends that the model cut, if the sentence defines the whole as a work."""
    if not _OPENS.search(text, max(0, m[0] - 3), m[0]) or not (rest := _REST.match(text, m[1])):
        return None
    return rest.end() if DEFINED_WORK.match(text, rest.end(), rest.end() + 200) else None

# A publication's own capitalised article the model left out ("The [Times] is a British daily"): the work's title;
# not where the mention already stands for a longer title its document named ("The [Times] is headquartered" in "The
# New York Times"'s article, see variants).
_THE_BEFORE = re.compile(r"(?:^|(?<=[\s(\"“]))The $")
# A span running over a sentence's end into the next one's title ("[News Corp. The Times] and The Sunday Times").
_SENTENCE_IN = re.compile(r"\.\s(?=(?:The|A|An)\s[A-Z])")


# A comma inside a work's span the model ran over a list ("the ballet [The Miraculous Mandarin, Music for Strings,
# Percussion and Celesta], the Concerto …") or over the sentence's subject ("the [Nobel Prize in Literature,
# Coetzee] is"): the title ends at the first comma, unless a subtitle follows ("…; or, Life Among the Lowly").
_COMMA_IN = re.compile(r"(?<!;[ ]or),[ ](?!or,?[ ])")
_LIST_ON = re.compile(r",[ ]|[ ]and[ ]")
# A sentence-opening title's subtitle between commas before its short form: "[The Tragedy of Hamlet], Prince of
# Denmark, often shortened to Hamlet, is a tragedy".
_SUBTITLE = re.compile(r",[ ](?P<sub>[A-Z][\w'’-]*(?:[ ](?:of|the|and|in|on|at|to|for|a|an|[A-Z][\w'’-]*))*),[ ]"
                       r"(?:(?:often|commonly|usually|also|sometimes|or|simply|more)[ ]){0,2}"
                       r"(?:shortened|abbreviated|known|called|referred|titled)\b")


def _split(text: str, m: Span) -> list[Span]:
    """The span cut where a sentence ends inside it; a work's where a list or a sentence's subject begins in it."""
    if m[2] == "DATE":
        return [m]
    if m[2] in _WORKS and (comma := _COMMA_IN.search(m[3])) \
            and (_LIST_ON.match(text, m[1]) or " " not in m[3][comma.end():]):
        head, rest = m[3][:comma.start()], m[3][comma.end():]  # a lone word is left to the collection's names
        return [piece for piece in ((m[0], m[0] + len(head), m[2], head), (m[0] + comma.end(), m[1], m[2], rest))
                if " " in piece[3] or m[2] == WORK_CUE]
    cut = _SENTENCE_IN.search(m[3])
    if cut is None:
        return [m]
    head, rest = m[3][:cut.start()], m[3][cut.end():]
    return [(m[0], m[0] + len(head), m[2], head), (m[0] + cut.end(), m[1], m[2], rest)]


def _short_form(text: str, m: Span, titles: list[str]) -> Span:
    """A name the text writes again as the end of a title it defined ("The Tragedy of Romeo and Juliet, often
    shortened to Romeo and [Juliet]"): that shorter title."""
    for title in titles:
        words = title.split()
        for n in range(len(words) - 1, 1, -1):
            short = " ".join(words[-n:])
            start = m[1] - len(short)
            if short[:1].isupper() and short.endswith(m[3]) and start <= m[0] and text.startswith(short, start):
                return (start, m[1], WORK_CUE, short)
    return m


def _start(text: str, m: Span, before: list[Span], inside_ok: tuple[str, ...] = _INSIDE) -> int:
    """Where the title the span ends begins, its head's capitalised words taken in (not from inside another span)."""
    head = _HEAD.search(text, max(0, m[0] - 60), m[0])
    if head is None:
        return m[0]
    first = head.group("head").split()[0]
    opens = head.start() == 0 or text[:head.start()].rstrip().endswith((".", "!", "?", ":", ";", "\n"))
    if first in _OWNER or opens and (first in _NOT_HEAD or _OPENING.match(first)):
        return m[0]
    start = head.start("head")
    inside = [o for o in before if o[1] > start and o[2] != "DATE"]
    return m[0] if any(o[0] < start or o[2] not in inside_ok for o in inside) else start


def whole_titles(text: str, spans: list[Span]) -> list[Span]:
    """The spans with each work's title extended to its whole as written; a kind of piece alone and a word spoken of
    as a word dropped."""
    out: list[Span] = []
    defined: list[str] = []
    spans = [part for m in spans for part in _split(text, m)]
    i = 0
    while i < len(spans):
        m = spans[i]
        i += 1
        if m[2] != "DATE" and (end := _defined_end(text, m)) is not None:
            while i < len(spans) and spans[i][0] < end:
                i += 1  # "[Alice's Adventures] in [Wonderland]": a name inside the title is part of it
            out.append((m[0], end, WORK_CUE, text[m[0]:end]))
            defined.append(out[-1][3])
            continue
        if defined and m[2] != "DATE" and (short := _short_form(text, m, defined)) != m:
            while out and out[-1][0] >= short[0] and out[-1][2] != "DATE":
                out.pop()
            out.append(short)
            continue
        if m[2] == "ORG" and work_shaped(m[3]) and _THE_BEFORE.search(text, max(0, m[0] - 4), m[0]) \
                and text[m[0]:m[1]] == m[3]:
            m = (m[0] - 4, m[1], "WORK_OF_ART", text[m[0] - 4:m[1]])
        if m[2] == "PERSON" and _ONE_YEAR.match(text, m[1]) and (start := _start(text, m, out, _NAMED)) < m[0] \
                and text[start:m[0]].rstrip().rpartition(" ")[2].islower() \
                and not TITLE_OF.match(text[start:m[0]].split()[0]):
            while out and out[-1][0] >= start and out[-1][2] != "DATE":
                out.pop()  # "[The Adventures of] [Tom Sawyer] (1876)": the model's pieces of one title
            m = (start, m[1], WORK_CUE, text[start:m[1]])
        if m[2] in _NAMED and text.startswith(("'s ", "’s "), m[1]) \
                and _KIND_JUST_BEFORE.search(text, max(0, m[0] - 10), m[0]) and (tail := _POSSESSED.match(text, m[1])) \
                and shape_facet(title := text[m[0]:tail.end()], "work") in (None, "work"):  # not "…'s Castle", a place
            m = (m[0], tail.end(), WORK_CUE, title)
            while i < len(spans) and spans[i][0] < m[1]:
                i += 1
        if m[2] not in _WORKS:
            out.append(m)
            continue
        if _KIND_ALONE.match(m[3]) and not _NUMBERED.match(text, m[1]):
            continue
        if _WORD_AFTER.match(text, m[1]) or _WORD_BEFORE.search(text, max(0, m[0] - 14), m[0]) \
                or _GENRE_BEFORE.search(text, max(0, m[0] - 80), m[0]):
            out.append((m[0], m[1], NO_FACET, m[3]))
            continue
        if _EVENT_BEFORE.search(text, max(0, m[0] - 30), m[0]):
            out.append((m[0], m[1], "EVENT", m[3]))
            continue
        if alternative := _OR_BEFORE.search(text, max(0, m[0] - 70), m[0]):
            m = (alternative.start(), m[1], m[2], text[alternative.start():m[1]])
        start = _start(text, m, out)
        if start == m[0] and _ONE_YEAR.match(text, m[1]) and (head := _start(text, m, out, _OWNED)) < m[0] \
                and text[max(0, head - 3):head] in ("'s ", "’s "):
            start = head  # "Clifford's [Common Sense] of [the Exact Sciences] (1885)": an author's dated title
        if (owner := _OWNER_OPENS.search(text, max(0, m[0] - 40), m[0])) and start == m[0] \
                and DEFINED_WORK.match(text, m[1], m[1] + 200):
            start = owner.start()
        end = m[1]
        if (m[3].endswith(("'s", "’s")) or _CHAIN.match(text, end)) and (tail := _POSSESSED.match(text, end)):
            end = tail.end()
        elif _SENTENCE_CASE.search(m[3]) and (rest := _FOREIGN_REST.match(text, end)):
            end = rest.end()
        elif _OPENS.search(text, max(0, start - 3), start) and (sub := _SUBTITLE.match(text, end)):
            end = sub.end("sub")
        while end > m[1] and i < len(spans) and spans[i][0] < end:
            i += 1  # "[El burlador de Sevilla] y convidado de piedra": a name inside the title's rest is part of it
        if (start, end) != (m[0], m[1]):
            while out and out[-1][0] >= start and out[-1][2] != "DATE":
                out.pop()  # "From [Russia] with Love": a name inside the title is part of it
            m = (start, end, m[2], text[start:end])
        out.append(m)
    return out
