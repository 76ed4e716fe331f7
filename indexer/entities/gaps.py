"""Names the small model leaves out or files under another kind, shown by their own shape (issue 25, recall).

A regnal number ends a ruler's name: "King James I", "Pope Gregory I", "Augustus II" are written without a tag, cut
before the number ("Pedro" of "Dom Pedro I"), run into the next sentence ("James I. Bacon argued") or tagged as an
organisation or an event ("Philip II" [ORG], "Theodosius II" [EVENT]). A name with a regnal number is a person's,
unless its first word is a common noun that takes a number ("Grade I", "Part IV", "World War II", "Saturn V").
A subdivision's head ends a place's name: "Irkutsk Oblast" [ORG], "the Hamburg Metropolitan Region" [ORG], "Vologda
Oblast" (untagged). A name before a landform's head in lower case names a region: "the Indian subcontinent", "the
Amazon rainforest", "the Antarctic ice sheet" (the model tags the adjective alone, as a people's, or nothing).
"""
from __future__ import annotations

import re

Span = tuple[int, int, str, str]

_NUMERAL = r"(?:XI{0,3}|XIV|XV|IX|IV|VI{0,3}|I{1,3})"
_WORD = r"[A-Z][a-zà-ÿ'’]{2,}"
TITLE = (r"(?:King|Queen|Pope|Emperor|Empress|Tsar|Czar|Tsarina|Pharaoh|Sultan|Dom|Kaiser|Saint|St\.?|Caliph|"
          r"Prince|Princess|Duke|Archduke|Grand Duke|Patriarch|Antipope)")
# After the number, a place's or a thing's head: "Peter I Island", "Alexander I Land", "the Louis XIV style".
_THING_HEAD = (r"Island|Islands|Land|Archipelago|Sea|Peninsula|Bridge|Street|Avenue|Square|Coast|Range|Glacier|Bay|"
               r"Station|Hall|College|School|Hospital|Park|Prize|Award|Medal|Cup|Trophy|Class|style")
_REGNAL = re.compile(rf"(?<![\w.'’-])(?:(?P<title>(?:[Tt]he\s)?{TITLE}s?)\s)?(?P<name>{_WORD}(?:\s{_WORD})?)[\s\xa0]"
                     rf"(?P<num>{_NUMERAL})(?![\w'’-]|\.\d|\s(?:{_THING_HEAD})\b)"
                     # an epithet after the number, before a small word: "Ptolemy I Soter was", "Manuel I Komnenos,"
                     r"(?:\s(?!(?:The|In|On|At|Of|And|But|For|He|She|It|His|Her|They|This|After|When)\b)"
                     r"(?P<epithet>[A-Z][a-zà-ÿ]{3,})(?=[\s,.;)]+[a-z(]|[,.;]\s))?")
# Common nouns that take a number, and words before one in a title: not rulers.
_NOT_RULER = re.compile(r"(?:^|\s)(?:Grade|Part|Parts|Act|Book|Chapter|Volume|Vol|Generation|Age|District|Type|Phase|"
                        r"Class|Stage|Level|Title|Article|Section|Schedule|Annex|Appendix|Mark|Saturn|Apollo|Gemini|"
                        r"Titan|Atlas|Delta|Falcon|Ariane|War|World|Wars|Star|Episode|Season|Series|Model|Division|"
                        r"Corps|Army|Zone|Region|League|Liga|Council|Vatican|Lateran|Figure|Table|Plate|Psalm|Canto|"
                        r"Symphony|Sonata|Concerto|Quartet|Op|No|Flyer|Thee|Thou|Windows|Planet|Area|Category|Tier|"
                        r"Step|Rule|Law|Amendment|Protocol|Treaty|Convention|Mission|Program|Programme|"
                        r"Project|Operation|Plan|Force|Fleet|Regiment|Battalion|Squadron|Fighter|Bomber|Tank|Ship|"
                        r"The|This|That|An|If|In|On|At|Of|And|For|With|From)$")
_PERSONLY = ("PERSON", "PERSON_CUE", "PERSON_DEFINED")
# A span that is a ruler's name with its number and nothing else, filed under another kind.
_WHOLE = re.compile(rf"^(?:(?:[Tt]he\s)?{TITLE}\s)?{_WORD}(?:\s{_WORD})?[\s\xa0]{_NUMERAL}(?:\s{_WORD})?$")


def regnal(text: str, spans: list[Span]) -> list[Span]:
    """The spans with rulers' names and their numbers made whole persons; those written untagged added."""
    if not _A_NUMERAL.search(text):
        return spans  # the quick test: no Roman number in the passage
    out = list(spans)
    added: list[Span] = []
    for m in _REGNAL.finditer(text):
        if _NOT_RULER.search(m.group("name")) or (m.group("num") == "I" and _I_AS_WORD.match(text, m.end())) \
                or (not m.group("title") and _RUN_ON.match(text, m.end())):
            continue  # "Of Thee I Sing"; "Francisco I. Madero" (an initial, unless a title stands before it)
        s, e = m.start("name"), m.end()
        over = [k for k, n in enumerate(out) if n[0] < e and s < n[1] and n[2] != "DATE"]
        if not over:
            added.append((s, e, "PERSON", text[s:e]))
            continue
        if len(over) != 1:
            continue
        k = over[0]
        n = out[k]
        if n[2] in _PERSONLY and n[0] <= s and s < n[1] < e and n[1] >= m.end("name"):
            out[k] = (n[0], e, n[2], text[n[0]:e])  # "Dom [Pedro] I", "[Pope Gregory] I"
        elif n[2] in _PERSONLY and n[0] <= s and n[1] > e and _RUN_ON.match(text, e):
            out[k] = (n[0], e, n[2], text[n[0]:e])  # "[James I. Bacon] argued": the next sentence's subject
        elif n[2] not in _PERSONLY and n[0] >= m.start() and n[1] == e and _WHOLE.match(n[3]):
            out[k] = (n[0], n[1], "PERSON", n[3])  # "Philip II" [ORG], "Tsar Nicholas II" [ORG]
    return sorted(out + added, key=lambda m: (m[0], -m[1])) if added else out


_A_NUMERAL = re.compile(r"[\s\xa0][IVX]+\b")
_I_AS_WORD = re.compile(r"\s(?:am|was|have|had|will|would|do|did|can|could|shall|should|must|think|know|see|say)\b")
_RUN_ON = re.compile(r"\.\s[A-Z]")

# A subdivision's head: the name before it is the place's ("Irkutsk Oblast"), whatever the model said of it.
_NOT_NAME = r"(?!(?:In|The|A|An|Its|His|Her|Their|From|To|At|By|On|Of|For|And|Or|With|This|That)\s)"
# So does a landform's: "the Indo-Gangetic Plain" [ORG], "Iberian [NORP] Peninsula", "the Gobi [LOC] Desert".
_UNIT = re.compile(rf"(?<![\w'’-])(?:[Tt]he\s)?(?P<name>{_NOT_NAME}(?:[A-Z][\w–-]+(?:['’](?!s\s)\w+)?\s){{1,3}}"
                   r"(?:Oblast|Krai|Okrug|Governorate|Prefecture|Voivodeship|Metropolitan\sRegion|Metropolitan\sArea|"
                   r"Capital\sRegion|Peninsula|Plain|Plains|Plateau|Highlands|Lowlands|Alps|Desert|Riviera|Passage|"
                   r"Rift|Steppe))(?![\w'’-]|\s[A-Z])")  # not "Operation Desert Storm"
_PLACES = ("GPE", "LOC")
_AS_PLACE = ("ORG", "PERSON", "FAC", "NORP", "MISC", "EVENT", "WORK_OF_ART", "PRODUCT")
# A region's lower-case head after a name or an adjective the model did not call a place: "the Indian [NORP]
# subcontinent", "the Amazon rainforest", "the Rhine-Ruhr metropolitan region" [ORG].
_LANDFORM = re.compile(rf"(?<![\w'’-])[Tt]he\s(?P<name>{_NOT_NAME}(?:[A-Z][\w'’–-]+\s){{1,3}}"
                       r"(?:subcontinent|peninsula|rainforest|ice\ssheet|basin|highlands|plateau|metropolitan\sarea|"
                       r"metropolitan\sregion|urban\sregion|metroplex))(?![\w'’-])")

_UNIT_HEAD = re.compile(r"\s(?:Oblast|Krai|Okrug|Governorate|Prefecture|Voivodeship|Metropolitan|Region|Peninsula|"
                        r"Plains?|Plateau|Highlands|Lowlands|Alps|Desert|Riviera|Passage|Rift|Steppe)\b")
_LANDFORM_HEAD = re.compile(r"\s(?:subcontinent|peninsula|rainforest|ice\ssheet|basin|highlands|plateau|metropolitan|"
                            r"urban\sregion|metroplex)\b")


def unit_places(text: str, spans: list[Span]) -> list[Span]:
    """The spans with places named by a subdivision's or a landform's head relabelled or added as places."""
    out = list(spans)
    added: list[Span] = []
    for rx, inside, head in ((_UNIT, _PLACES, _UNIT_HEAD), (_LANDFORM, (), _LANDFORM_HEAD)):
        if not head.search(text):
            continue  # the quick test: none of the heads in the passage
        for m in rx.finditer(text):
            s, e = m.start("name"), m.end("name")
            over = [k for k, n in enumerate(out) if n is not None and n[0] < e and s < n[1]]
            if not over:
                added.append((s, e, "GPE", m.group("name")))
            elif all((out[k][2] in _AS_PLACE or out[k][2] in inside and out[k][1] < e)
                     and m.start() <= out[k][0] and out[k][1] <= e for k in over):
                for k in over:
                    out[k] = None  # type: ignore[call-overload]
                added.append((s, e, "GPE", m.group("name")))
    if not added:
        return out
    return sorted([m for m in out if m is not None] + added, key=lambda m: (m[0], -m[1]))
