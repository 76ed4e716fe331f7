"""Names the model cut short, extended to the whole capitalised name the text shows.

"Osamu Tezuka was…" tagged "Tezuka"; "the United States Senate" tagged "United States" (and "Senate" apart);
"Wolf–Rayet stars" tagged "Wolf". A span grows over the capitalised words written against it (a space or a dash
between, no punctuation), taking in any span it meets; the label is the organisation's when the whole has an
organisation's head word, else the first span's.
"""
from __future__ import annotations

import re

from .kinds import person_word
from .names import ADVERBS, is_territory, org_shaped

Span = tuple[int, int, str, str]  # (start, end, label, text) as spaCy saw it

_NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART"})
# A people's adjective is no name cut short: "Italian Renaissance", "American English", "Nazi Germany" are others.
_GROWS = _NAMES - {"NORP"}
_TITLED = ("WORK_OF_ART", "ORG")  # "The Wall Street Journal" may be either
_THE = re.compile(r"^[Tt]he ")
# Capitalised words right after a span: " Senate", "–Rayet", " Los Angeles" (not after a comma: lists).
# "O'Brien", "Sánchez Gómez", "Ørsted", not "Schubert's" nor a role ("Apple CEO")
_WORD = r"[A-ZÀ-ÖØ-Þ\u0100-\u017e][a-zß-öø-ÿ\u0101-\u017f][\w-]*(?:['’][A-Z]\w*)?"
_AFTER = re.compile(rf"(?:[ ]|[–-]){_WORD}(?:[ ]{_WORD})*(?!['’\w])")
# A capitalised word right before a person: "Osamu Tezuka" (not "In Tezuka's", "President Lincoln").
_BEFORE = re.compile(r"(?:^|(?<=[.!?;:]\s)|(?<=^\s)|(?<=\n))(?P<word>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ ]$")
# Words that start sentences or head a phrase, and titles: never a first name taken in.
NOT_A_NAME = frozenset(
    "The A An In On At After Before When While His Her Their Its This That These Those As By For From With Of To "
    "During Although Though But And Or Since Under Both Later Then Today Some Many Most Several Early Late In "
    "Between Following Like Unlike Upon Until Within Without Despite Among Born Also However Meanwhile Here There "
    "President King Queen General Sir Saint St Dr Mr Mrs Ms Emperor Empress Pope Prince Princess Lord Lady Duke "
    "Duchess Count Countess Baron Captain Colonel Admiral Chancellor Governor Senator Professor Father Mother "
    "Brother Sister Uncle Aunt Archbishop Bishop Cardinal Rabbi Imam Sultan Tsar Czar Shah Caliph Pharaoh Chief "
    "Judge Justice Minister Premier Secretary Mayor Director Author Poet Composer Artist Painter Hence Thus Yet "
    "Still Now Eventually Finally Initially Subsequently Soon Once Only Even Perhaps Indeed Instead Nevertheless "
    "Furthermore Moreover Additionally Together Neither Either Each Every Such Other Another Young Old Famous "
    "Critics Scholars Historians If Because Where Whereas What Which Who How Why Although Unlike Against "
    "Nicknamed Called Known Named Titled Dubbed Son Daughter Wife Husband Voivode Margraviate Doge Emir Margrave Marquis "
    "Marquess Earl Viscount Elector Landgrave".split())
# An office after a name is none of it: "Reich Minister of Propaganda", "the David Duncan Professor of Astronomy",
# "Honorary Chairman of the People's Republic".
_OFFICE = frozenset("President King Queen General Emperor Empress Pope Prince Princess Lord Lady Duke Duchess Count "
                    "Countess Baron Captain Colonel Admiral Chancellor Governor Senator Professor Archbishop Bishop "
                    "Cardinal Judge Justice Minister Premier Secretary Mayor Director Chairman Chairwoman Ambassador "
                    "Commissioner Lecturer Viscount Elector".split())
# An occupation written before a name at a sentence's start is none of it: "Mathematician Gladys West was …" (its
# ending is no first name's: not "Christian", "Walter", "Peter").
_OCCUPATION = re.compile(r"^[A-Z]\w{3,}(?:ician|ist|ologer|opher|nomer|grapher)$")
_VERBS = frozenset("is was are were has had".split())
# Given names a sentence opens with, written against the person the model tagged after them: "Emily [Elizabeth
# Dickinson] was", "Marcel Israël [Mauss] was", "Émile Édouard [Charles Antoine Zola]".
_GIVEN = r"[A-ZÀ-ÖØ-Þ\u0100-\u017e][a-zß-öø-ÿ\u0101-\u017f]+(?:-[A-Z][a-z]+)?"
_HONOURS = frozenset("Dame Field Marshal Sheikh Shaikh Pandit Lieutenant Major Sergeant Commander Mahatma Maharaja "
                     "Raja Sri Shri Swami Ayatollah Grand Mullah Dom Don Fra Reverend Venerable Blessed Hon Alongside Per Via "
                     "Except Throughout Beyond Across Around Amid Amongst Along Near Toward Towards Weekly Daily Monthly"
                     .split())
_LEAD = re.compile(rf"(?:^|(?<=[.!?]\s))(?P<word>{_GIVEN}(?:[ ]{_GIVEN}){{0,2}})[ ]$")
# Never taken in on the right: a possessive or a sentence's next word is not written against a name.
_STOP_AFTER = frozenset("I A The In On At Of And Or But As".split())
# A month alone after a name starts a date ("Paris August 1940"); before another name it is one ("Philipp August
# Haeckel").
_MONTHS = frozenset("January February March April May June July August September October November December".split())
# A person's name goes on over its particles: "Johannes Gensfleisch zur Laden zum Gutenberg", "Mu'awiya ibn Abi
# Sufyan".
_PARTICLES = r"(?:van|von|de|di|da|del|della|der|den|du|zur|zum|ibn|bin|bint|ben|al|el|y|dos|das)"
_PARTICLE_AFTER = re.compile(rf"(?:[ ]{_PARTICLES})+[ ]{_WORD}(?:[ ]{_WORD})*(?!['’\w])")
_LEADING_PARTICLE = re.compile(rf"^{_PARTICLES}[ ]")
_PARTICLE_BEFORE = re.compile(rf"(?<![\w'’.-])(?P<word>[A-Z][\w'’-]+)[ ]{_PARTICLES}[ ]$")

# A title's lower-case words and its next capitalised ones: " as a Young Man", " to the West", " in August",
# " on the Water" (taken in again and again: " in the Time" " of Cholera"), over no other name or date but a
# month's name, and over "and" only before a year.
_TITLE_TAIL = re.compile(rf"[ ](as|of|the|a|an|to|for|in|on|at|from|and)(?:[ ](?:the|a|an|of)){{0,2}}[ ]{_WORD}"
                         rf"(?:[ ]{_WORD})*(?!['’\w])")
# A year in brackets after a title closes it: what stands before is the whole title, names and "and" included.
_DATED = re.compile(r"[ ]?\((?:c\. )?\d{4}")
# A university of a state system, whose campus follows after a comma; and a list going on after a place.
_CAMPUS = re.compile(r"\bUniversity of [A-Z][\w]+$")
_LIST_ON = re.compile(r",\s[A-Z]|\sand\s[A-Z]")


# What follows a ruler's or a writer's name and is part of it: a regnal number, an epithet, "fils".
_PERSON_TAIL = re.compile(r"[ ](?:[IVX]{1,5}|the (?:Great|Elder|Younger|Wise|Bold|Pious|Conqueror|Magnificent|"
                          r"Terrible|Fat|Bald|Lionheart|Confessor|Good|Fair|Just|Lame|Unready|Navigator|Brave|"
                          r"Apostate|Lawgiver|Builder|Saint|Venerable|Deacon|Younger)|fils|père|pere)(?![\w'’-])")


# "the ballet Romeo and Juliet", "his opera Dido and Aeneas": two names after a kind of work are its title.
_PAIR_TITLE = re.compile(r"\b(?:opera|ballet|play|tragedy|comedy|novel|film|poem|song|musical|oratorio|operetta|"
                         r"album|cantata|masque|romance)s?,?\s(?P<first>[A-Z][\w'’-]+)\sand\s$")
_PAIRED = ("PERSON", "NORP", "GPE", "ORG")
# A kind of work before a title, and the title's own article: "his novel The Trial", "The Metamorphosis, also…".
_WORK_BEFORE = re.compile(r"(?:\b(?P<kind>book|novel|novella|essay|film|album|poem|play|opera|song|collection|"
                          r"treatise|magazine|newspaper|journal|story|memoir)s?,?\s(?:titled\s|entitled\s)?|^|"
                          r"(?<=[.!?;]\s))(?P<art>(?:The|A|An)\s)?$")
# A given name and where its bearer came from or ruled: "Augustine of Hippo", "Sargon of Akkad", "Wu of Han".
_OF_PLACE = re.compile(r"[ ]of[ ][A-Z][\w'’-]+(?![\w'’-]|[ ][A-Z])")
_PEOPLE = re.compile(r"[^aeiuos]s$")  # "Gaels of Britain": a people, not a given name
_AMPERSAND = re.compile(r"[ ]&[ ][A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*)*(?!['’\w])|[ ]and[ ][A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*)*[ ]"
                        r"(?:Company|Corporation|Society|Institute|Association|Railway|Bank|Museum)(?!['’\w])")
# A body's name going on "of" a place or a realm the model left out: "the Reformed Church [of France]", "the Catholic
# Archdiocese [of Florence]" (not over another name: "the Commissioned Corps of the United States Public Health
# Service").
_BODY_OF = re.compile(rf"(?:[ ]of[ ](?:the[ ])?{_WORD}(?:[ ]{_WORD})*)+(?!['’\w])")
# A place's head written before it: "Gulf of [Aden]", "the Bay of [Biscay]", "Lake of [Geneva]".
_HEAD_OF = re.compile(r"(?<![\w'’-])(?P<head>(?:Gulf|Bay|Strait|Straits|Cape|Lake|Mount|Isle|Sea|Firth|Bight|Gulfs)[ ]of)"
                      r"[ ](?:the[ ])?$")
_RULED = ("NORP", "GPE", "ORG")  # "Justinian the Great" (NORP), "Emperor Justinian I" (GPE): a ruler all the same


def _grown(text: str, end: int, label: str) -> int | None:
    """Where a name ending at `end` ends once the capitalised words written against it are taken in."""
    if label not in _GROWS or text[:end].endswith(("'s", "’s")):
        return None
    after = _AFTER.match(text, end) or (_PARTICLE_AFTER.match(text, end) if label == "PERSON" else None)
    if after is None:
        return None
    words = [w.strip("–-") for w in after.group().split()]
    if words[0] in _STOP_AFTER or (words[0] in _MONTHS and len(words) == 1):
        return None
    if label == "PERSON" and (office := next((w for w in re.finditer(r"\S+", after.group())
                                              if w.group().strip("–-") in _OFFICE), None)):
        return end + office.start() - 1 if office.start() > 1 else None
    return after.end()


def _occupation_cut(text: str, m: Span) -> Span:
    """A person's span without the occupation a sentence starts with ("Mathematician Gladys West" → "Gladys West")."""
    first, _, rest = m[3].partition(" ")
    if m[2] != "PERSON" or " " not in rest or not _OCCUPATION.match(first) or not person_word(first) \
            or text[max(0, m[0] - 2):m[0]].strip() not in ("", ".", "!", "?"):
        return m
    return m[1] - len(rest), m[1], m[2], rest


def _trimmed(m: Span) -> Span:
    """A span that ran on into an adverb or a verb, cut before it ("John VI later", "Charles V was" → "Charles V")."""
    head, _, last = m[3].rpartition(" ")
    return (m[0], m[0] + len(head), m[2], head) if head and (last in ADVERBS or last in _VERBS) else m


def _title_end(text: str, end: int, spans: list[Span], i: int, cued: bool = False) -> tuple[int, int]:
    """Where a title ending at `end` ends once its tail is taken in, and the index of the first span after it.
    After a kind of work ("their 1972 book Learning from Las Vegas") the tail takes in names too, but not over "in",
    "at" or another title."""
    tails = []
    while tail := _TITLE_TAIL.match(text, tails[-1].end() if tails else end):
        tails.append(tail)
    if tails and _DATED.match(text, tails[-1].end()):  # "A Night at the Opera (1975)", "Light and Dark (1916)"
        while i < len(spans) and spans[i][0] < tails[-1].end():
            i += 1
        return tails[-1].end(), i
    for tail in tails:  # "A Portrait of the Artist as a Young Man": no other name in the tail, no "and"
        inside = [n for n in spans[i:] if n[0] < tail.end() and tail.start() < n[1] and n[3] not in _MONTHS]
        if cued and tail.group(1) not in ("in", "at") and not any(n[2] == "WORK_OF_ART" for n in inside) \
                and not (inside and tail.group(1) == "and"):
            i += len(inside)
        elif tail.group(1) == "and" or inside:
            break
        end = tail.end()
    return end, i


def whole_names(text: str, spans: list[Span]) -> list[Span]:
    """The spans (sorted by start) with each name extended over the capitalised words the text writes against it."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        m = _occupation_cut(text, _trimmed(spans[i]))
        i += 1
        if m[2] not in _NAMES or "\n" in m[3]:
            out.append(m)
            continue
        start, end, label = m[0], m[1], m[2]
        if label == "PERSON" and (before := _BEFORE.search(text, max(0, start - 24), start) if " " not in m[3]
                                  else None) or (before := _PARTICLE_BEFORE.search(text, max(0, start - 40), start)):
            if before.group("word") not in NOT_A_NAME and not (out and out[-1][1] > before.start("word")):
                start = before.start("word")  # "Osamu Tezuka", "Mu'awiya ibn Abi Sufyan"
        if label == "PERSON" and start == m[0] and (lead := _LEAD.search(text, max(0, start - 60), start)) \
                and not (out and out[-1][1] > lead.start()) and all(
                    w not in NOT_A_NAME and w.split("-")[0] not in _HONOURS and w.lower() not in ADVERBS
                    and not person_word(w) and not _OCCUPATION.match(w)
                    for w in lead.group("word").split()):
            start = lead.start()  # "Emily Elizabeth Dickinson", "Marcel Israël Mauss"
        if label in ("GPE", "LOC") and start == m[0] and not _THE.match(m[3]) \
                and (head := _HEAD_OF.search(text, max(0, start - 20), start)) \
                and not (out and out[-1][1] > head.start()):
            start, label = head.start(), "LOC"  # "Gulf of Aden"
        if label in _PAIRED and " " not in m[3] and (pair := _PAIR_TITLE.search(text, max(0, start - 60), start)):
            start, label = pair.start("first"), "WORK_OF_ART"
            if out and out[-1][1] > start:
                out.pop()  # "Romeo", tagged apart
        if label == "PERSON" and _LEADING_PARTICLE.match(m[3]) and out and out[-1][2] in _NAMES \
                and text[out[-1][1]:start] == " ":
            start = out.pop()[0]  # "[Johannes Gensfleisch] [zur Laden zum Gutenberg]": one name the model cut
        if (label == "PERSON" or label in _RULED and " " not in m[3]) and (tail := _PERSON_TAIL.match(text, end)) \
                and not (i < len(spans) and spans[i][0] < tail.end()):
            end, label = tail.end(), "PERSON"  # "Elizabeth I", "Suleiman the Magnificent", "Alexandre Dumas fils"
        if label == "PERSON" and end == m[1] and " " not in m[3] and m[3] not in NOT_A_NAME and not _PEOPLE.search(m[3]) \
                and (of := _OF_PLACE.match(text, end)):
            end = of.end()
            while i < len(spans) and spans[i][0] < end:
                i += 1
        while (grown := _grown(text, end, label)) is not None and not (  # "General of the Army [George C. Marshall]"
                label == "ORG" and " " not in m[3] and org_shaped(m[3]) and i < len(spans) and spans[i][2] == "PERSON"
                and " " in spans[i][3] and spans[i][0] == end + 1):
            end = grown
            while i < len(spans) and spans[i][0] < end:  # a span met on the way is part of the name
                end = max(end, spans[i][1]) if spans[i][2] in _NAMES else end
                i += 1
        if label == "WORK_OF_ART":
            cue = _WORK_BEFORE.search(text, max(0, start - 40), start)
            if cue and cue.group("art"):
                start = cue.start("art")  # "the poetry collection A Child's Garden of Verses", "The Metamorphosis, …"
            end, i = _title_end(text, end, spans, i, bool(cue and cue.group("kind")))
        if label == "ORG" and org_shaped(m[3]) and i < len(spans) and spans[i][2] in ("GPE", "LOC") \
                and text[end:spans[i][0]] in (" of ", " of the ") and not _LIST_ON.match(text, spans[i][1]):
            end = spans[i][1]  # "the Communist Party [of Cuba]": the body of a country is its name whole
            i += 1
        if label == "ORG" and end == m[1] and org_shaped(m[3].rsplit(" ", 1)[-1]) \
                and (of := _BODY_OF.match(text, end)) and not _LIST_ON.match(text, of.end()) \
                and not any(n[0] < of.end() and n[2] not in ("GPE", "LOC") for n in spans[i:]):
            end = of.end()  # "the Reformed Church [of France]"
            while i < len(spans) and spans[i][0] < end:
                i += 1
        if label == "ORG" and (amp := _AMPERSAND.match(text, end)):
            end = amp.end()  # "American Telephone & Telegraph", "the American Telephone and Telegraph Company"
            while i < len(spans) and spans[i][0] < end:
                i += 1
        if label == "ORG" and _CAMPUS.search(m[3]) and i < len(spans) and spans[i][2] == "GPE" \
                and text[end:spans[i][0]] == ", " and not _LIST_ON.match(text, spans[i][1]) \
                and not is_territory(spans[i][3]):
            end = spans[i][1]  # "University of California, Los Angeles"
            i += 1
        if (start, end) != (m[0], m[1]):
            whole = text[start:end]
            label = "ORG" if label not in ("ORG", "WORK_OF_ART") and org_shaped(whole) and not org_shaped(m[3]) \
                else label  # not "The Young Person's Guide to the Orchestra (1945)"
            m = (start, end, label, whole)
        out.append(m)
    return _within_longer(_short_titles(out))


_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ese|ish|ch|ic|i)")  # "Chinese", "Roman", "French", "Iraqi"


def _within_longer(spans: list[Span]) -> list[Span]:
    """An organisation's generic name standing for the one longer form its passage names, "of" a place or after a
    people's adjective ("the Communist Party" of a passage on "the Communist Party of Vietnam" or "the Chinese
    Communist Party"): that one."""
    orgs = {_THE.sub("", m[3]) for m in spans if m[2] == "ORG" and org_shaped(m[3])}
    if len(orgs) < 2:
        return spans
    out = []
    for m in spans:
        name = _THE.sub("", m[3])
        if m[2] == "ORG" and " " in name and org_shaped(name):
            within = [o for o in orgs if o.startswith(name + " of ") or o.endswith(" " + name)
                      and _DEMONYM.fullmatch(o[:-len(name) - 1])]
            m = (m[0], m[1], m[2], within[0]) if len(within) == 1 else m
        out.append(m)
    return out


def _short_titles(spans: list[Span]) -> list[Span]:
    """A one-word title or organisation standing for the longer one its passage names ("The Los Angeles Times … The
    Times has won", "the Labour Party … the Party"): that name, when only one ends with the word. The offsets stay
    on the words written."""
    longer: dict[str, set[str]] = {}
    for m in spans:
        if m[2] in _TITLED and (_THE.match(m[3]) or org_shaped(m[3])) and " " in _THE.sub("", m[3]) and "," not in m[3] \
                and all(w[:1].isupper() for w in m[3].split()):  # not "The Tale of a Nutcracker"
            longer.setdefault(m[3].rsplit(" ", 1)[1], set()).add(m[3])
    if not longer:
        return spans
    return [(m[0], m[1], m[2], next(iter(names))) if m[2] in _TITLED and " " not in (word := _THE.sub("", m[3]))
            and len(names := longer.get(word, ())) == 1 else m for m in spans]
