"""Kinds: what the words around a name say it is, checked against what the model called it.

Whole classes of the model's places and organisations are other things, and the passage says so: its definition names
a kind that is no place ("Ghazal is a form of amatory poem", "Soyuz is a series of spacecraft"), a common noun after
the name makes it a modifier ("the Kuiper belt", "Outsider art", "Broomstick lace"), or the name's head is a document
or a plan ("Asia-Pacific Trade Agreement", "Articles of Confederation"); another name in apposition is the same kind
of thing ("Margaret Court, also known as Margaret Smith Court"), and a lower-case bearing is no part of a place ("west
Poland"). Each test reads a few words beside the span: cheap next to NER.
"""
from __future__ import annotations

import re

from .evidence import Span
from .names import org_shaped, shape_facet

# The label of a place the passage opens with and defines as another kind: a vote for no facet weighing five.
OTHER_KIND = "MISC_KIND"

# What may stand between a name and the verb of its definition: a gloss in brackets ("X (Kazakh: …) is"), another
# name ("The Plesiosauria or plesiosaurs are").
NAME_GLOSS = r"(?:\s\([^()\n]{1,60}\))?(?:,?\s(?:or|also)\s[^.;,\n]{1,40})?"
# "X is a …", "X, officially …, was the …", "X (Kazakh: …) is one of …": the first words of a definition.
_DEFINITION = re.compile(NAME_GLOSS + r"(?P<aside>,[^.;\n]{0,100},)?"
                         r"\s+(?:is|was|are|were)\s+(?:a|an|the|one|any)\s+(?P<kind>[^.;:\"“\n]{1,120})")
# An aside saying where the name is ("The Banda Islands, in Maluku, Indonesia, are…") is a place's.
_WHERE_ASIDE = re.compile(r"^,\s(?:in|on|near|at|off|along)\s")
_BRACKETS = re.compile(r"\([^()]*\)?")
_KIND_WORDS = 8
_PHRASE_END = re.compile(r",|\s(?:and|or|of|who|in|from)\s")
_WORD_CASED = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words ending a kind of place (a word's end, so "subregion", "city-state" and "mainland" count); "station" and
# "planet" are not among them (space stations and sky objects are no places of ours).
PLACE_KIND = re.compile(
    r"(?:cit(?:y|ies)|town|village|hamlet|countr(?:y|ies)|count(?:y|ies)|nation|state|province|region|"
    r"territor(?:y|ies)|district|island|isle|islet|archipelago|atoll|reef|peninsula|isthmus|cape|coast|coastline|"
    r"shore|river|tributar(?:y|ies)|stream|creek|lake|lagoon|sea|ocean|gulf|bay|strait|channel|waterway|canal|"
    r"estuar(?:y|ies)|delta|basin|valley|plain|plateau|mountain|mount|range|massif|ridge|hill|peak|summit|volcano|"
    r"crater|glacier|fjord|canyon|gorge|cave|desert|oasis|steppe|forest|jungle|savanna|tundra|wetland|marsh|swamp|"
    r"park|reserve|continent|land|landmass|hemisphere|area|zone|place|site|location|seat|capital|metropolis|"
    r"megalopolis|conurbation|agglomeration|suburb|neighbou?rhood|quarter|borough|municipality|commune|parish|"
    r"township|community|settlement|colony|enclave|exclave|dependency|department|prefecture|governorate|oblast|krai|"
    r"canton|voivodeship|arrondissement|shire|kingdom|empire|republic|monarchy|principality|duchy|emirate|sultanate|"
    r"khanate|caliphate|polity|realm|confederation|federation|union|dominion|protectorate|mandate|port|harbou?r|"
    r"centre|center|landmark|monument|memorial|megalith|building|structure|complex|tower|palace|castle|fortress|"
    r"fort|fortification|citadel|wall|temple|mosque|church|cathedral|basilica|chapel|monastery|abbey|shrine|"
    r"mausoleum|tomb|pyramid|ruin|museum|gallery|bridge|dam|airport|stadium|arena|square|street|road|avenue|highway|"
    r"boulevard|intersection|route|destination|camp|base|civili[sz]ation|world|frontier|border|belt|watercourse|"
    r"barrier|power|monolith|landform|gurdwara|pagoda|stupa|circle)(?:e?s)?$")
# The kinds of an organisation, for a name the model called one ("IBM is an American technology company").
_ORG_KIND = re.compile(
    r"(?:company|companies|corporation|conglomerate|firm|business|organi[sz]ation|agency|part(?:y|ies)|association|"
    r"league|institution|institute|universit(?:y|ies)|college|academy|school|society|charity|foundation|bank|band|"
    r"group|orchestra|club|team|network|broadcaster|publisher|airline|manufacturer|maker|retailer|chain|label|studio|"
    r"brand|operator|provider|developer|producer|supplier|enterprise|cooperative|syndicate|trust|board|authority|"
    r"force|corps|unit|regiment|division|brigade|squadron|fleet|office|bureau|commission|committee|council|"
    r"secretariat|tribunal|court|parliament|legislature|assembly|government|ministry|administration|body|wing|branch|"
    r"army|navy|militia|police|service|movement|alliance|bloc|order|church|denomination|communion|sect|union|"
    r"franchise|consortium|cartel|coalition|caucus|federation)(?:e?s)?$")
# A kind of person (occupations in -er, -or, -ist, -ian…, rulers, gods) among a definition's first words: such a
# definition vetoes nothing ("Nikola Tesla [ORG] was a Serbian-American engineer", "Loki [ORG] is a god").
_PERSON_KIND = re.compile(r"^(?!(?:water|river|number|paper|power|border|order|letter|layer|matter|cluster|"
                          r"chapter|"
                          r"theater|theatre|meter|metre|liter|computer|container|corridor|interior|sector|factor|"
                          r"reactor|motor|vector|mirror|error|horror|honor|honour|colour|color|minor|major|senior|"
                          r"junior|manner|banner|corner|dinner|winter|summer|silver|copper|laser|sugar|cancer|tumou?r|"
                          r"fever|ulcer|polymer|carrier|receptor|transmitter|conductor|semiconductor|indicator|"
                          r"inhibitor)s?$)"
                          r"(?:\w{3,}(?:er|or|ist|ian|ess|man|woman)|god|goddess|king|queen|emperor|prince|princess|"
                          r"poet|monk|saint|pope|sultan|khan|chief|leader|hero|heroine|figure|person|spirit|"
                          r"deit(?:y|ie)|ruler|pharaoh|lord|lady|scholar|sage|prophet|disciple|nun|priest|cleric|"
                          r"mystic|guru|polymath|president|student|agent|merchant|servant|regent|child|son|daughter|"
                          r"wife|husband|brother|sister|surgeon|physician|monarch|tyrant|knight|bishop|diplomat|"
                          r"aristocrat|athlete|patriarch|matriarch|heir|heiress|consort|envoy|champion|"
                          r"grandson|granddaughter|grandchild|nephew|niece|cousin|uncle|aunt|stepson|stepdaughter|"
                          r"widow|"
                          # heads of a biography's definition with none of the endings above ("a Mongol general")
                          r"admiral|colonel|lieutenant|sergeant|marshal|captain|playwright|architect|chieftain|cacique|"
                          r"gymnast|tsar|czar|shah|caliph|imam|rabbi|vizier|shogun|daimyo|apostle|astronaut|cosmonaut|"
                          r"friar|abbot|archbishop|pontiff|deacon|missionary|magnate|tycoon|billionaire|entrepreneur|"
                          r"socialite|ballerina|soprano|baritone|jockey|baron|duke|earl|viscount|courtesan|concubine|"
                          r"eunuch|villain|protagonist|demigod|nymph|wizard|bard|minstrel|troubadour|ascetic|hermit|"
                          r"yogi|swami|lama|bodhisattva|messiah|attorney|consul|viceroy|guerrilla|assassin|outlaw|"
                          r"bandit|midwife|peasant|aviatrix|magistrate)s?$")
# Words for a person that also modify a thing ("a general encyclopedia", "a boy band", "a spy film", "a nurse
# shark"): a person's kind only as the head of a definition ("a Mongol general", "a Nahua woman").
_HEAD_ONLY = frozenset("""general generals revolutionary rebel criminal boy girl man woman slave pirate witch spy
shepherd samurai nurse judge martyr prodigy virtuoso""".split())
# Common words in -er, -or, -ist, -ian, -ess or -man that name no person (the endings above read them as occupations):
# things, measures, animals' parts, comparatives, adverbs ("Frequency is an important parameter").
_NOT_PERSON = frozenset("""other after under later either another together larger center centre behavior behaviour
career former rather lower further higher greater earlier whether latter outer better however longer
disorder upper proper broader weather transfer cover flower gender wider never inner consider diameter older suborder
infraorder superorder integer equator shorter vapor vapour prior chamber floor headquarters fiber fibre labor labour
lesser liver neither favor favour outdoor finger filter slender heavier precursor newspaper tower barrier powder
lighter underwater feather glacier offer younger shoulder fewer cylinder faster frontier stronger superior inferior
farther easier simpler quarter groundwater murder humor humour shelter counter parameter bladder flavor flavour
generator amplifier thereafter saltwater freshwater seawater seafloor leather narrower pepper remainder disaster
rubber refrigerator shower fertilizer skyscraper slower denser closer bitter timber accelerator liquor fastener
charter meteor lever scanner tender warmer harder ginger fodder terror kilometer kilometre whatever thunder
transistor metaphor resonator encounter danger marker colder bigger drier conifer ester darker trigger answer roller
trousers aquifer crater weaker merger caliber browser exterior monster oscillator anger posterior incisor deeper
brighter taller butter thicker polyester softer surrender ladder tensor luster transformer hunger firepower dagger
processor register liner hammer synthesizer filler stinger cooler razor harbor numerator denominator antimatter
barycenter detector supercluster insulator ether oxidizer millimeter millimetre spectrometer photometer thermometer
saltpeter render wastewater typewriter tanker tractor laughter loudspeaker steamer thriller perimeter binder boulder
armor armour sunflower acceptor monomer diaper sweetener controller headwaters anchor buffer takeover scatter
helicopter compressor detonator hydropower server trailer rotor supercomputer hexameter newer cheaper wonder poster
plaster misnomer richer recorder litter blister bilayer tremor photoreceptor sensor capacitor resistor monitor
elevator calculator condenser transmitter conductor indicator inhibitor receptor carrier process business progress
success access address congress fortress wilderness darkness""".split())
_PERSON_WORDS = 4
# Kinds of works and things: a definition naming one defines no person ("a 1975 American thriller film").
_THING_KIND = re.compile(r"^(?:film|movie|novel|novella|book|play|opera|album|song|single|poem|painting|series|"
                         r"symphony|sculpture|fresco|ballet|musical|game|magazine|newspaper|dance|genre|style|form|"
                         r"compound|element|substance|liquid|gas|disease|disorder|condition|drug|molecule|language|"
                         r"quantity|measure|unit|number|term|concept|theory|practice|tradition|religion|"
                         r"ethnic|people|peoples|tribe|tribes)s?$")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s|\n)(?:The\s)?$")
_AFTER_PERSON = frozenset({"from", "born", "who"})
# A common noun right after a name makes the name its modifier: no place, organisation or person is meant.
_MODIFIED = re.compile(r"\s(?:belt|languages?|dialects?|people|peoples|culture|cultures|art|music|literature|poetry|"
                       r"cuisine|script|alphabet|calendar|architecture|mythology|folklore|ships|lace|civili[sz]ations?|"
                       r"accent|sagas?|worship|dragons?|name)\b")
# A document, a plan or an expedition is named by its head, whatever organisation's word it holds ("Standard Oil
# Trust Agreement", "Corps of Discovery Expedition", "Articles of Confederation", "Records of the Three Kingdoms").
_NO_BODY = re.compile(r"(?:^|\s)(?:Agreements?|Accords?|Treat(?:y|ies)|Charter|Declaration|Acts?|Articles|"
                      r"Resolution|Protocol|Statute|Covenant|Manifesto|Doctrine|Plan|Expedition|Reports?|"
                      r"(?<!National )Conventions?)"
                      r"(?:\s(?:of|on|for|against|to)\s.*)?$|^(?:[Tt]he\s)?(?:Records|Annals|Chronicles?)\sof\s")

# A process is named by its head ("the Christianisation of Scandinavia", "the Unification of Nepal"), no place; a
# people by its plural noun ("the Seljuk Turks", "East Slavs"), a group.
_PROCESS = re.compile(r"^(?:[Tt]he\s)?(?!Organi[sz]ation|Civili[sz]ation)[A-Z][a-z]+(?:[iy][sz]ation|ification)s?"
                      r"\sof\s")
_PEOPLE = re.compile(r"^(?!.*\sof\s)(?:.*\s)?(?:Turks|Arabs|Slavs|Greeks|Mongols|Franks|Goths|Moors|Celts|Huns|Tatars|"
                     r"Berbers|Kurds|Persians|Romans|Saxons|Normans|Vikings|Cossacks|Avars|Magyars|Bulgars|Khazars|"
                     r"Cumans|Scythians|Vandals|Visigoths|Ostrogoths|Lombards|Gauls|Britons|Picts)$")


def defined_kind(text: str, m: Span) -> str | None:
    """What the span's sentence defines it as, when it is the sentence's subject: "place" (or an organisation, for
    the model's organisations: "org") when the definition names such a kind, "person" when its first words name a
    kind of person and no place ("Hypatia [GPE] was a Neoplatonist philosopher"), else "other"; None without one."""
    if not _SENTENCE_START.search(text, max(0, m[0] - 6), m[0]):
        return None
    found = _DEFINITION.match(text, m[1], m[1] + 260)
    if not found:
        return None
    if shape_facet(m[3], "person") == "place":
        return "place"  # "Lake Winnipeg", "the Maurya Empire": a place's shape
    if _shaped(m) is not None:
        return None  # the shape decides ("the Boxer Rebellion": an event)
    if found.group("aside") and _WHERE_ASIDE.match(found.group("aside")):
        return "place"
    words = _kind_words(found.group("kind"))
    if (at := next((i for i, w in enumerate(words) if PLACE_KIND.search(w.lower())), None)) is not None:
        # a person's kind before a preposition first: "Heraclitus [ORG] was a Greek philosopher from the city of…"
        lead = words[:at]
        cut = next((i for i, w in enumerate(lead) if w in _AFTER_PERSON), None)
        return "person" if cut and _person_head(lead[:cut]) else "place"
    at = next((i for i, w in enumerate(words) if _ORG_KIND.search(w.lower())), None)
    lead = _kind_words(_PHRASE_END.split(found.group("kind"), 1)[0])  # "a Hindu philosopher| and a scholar of…"
    head = lead[-1].split("-")[-1] if lead else ""  # the first phrase's head ("a Mongol general| and…")
    if m[2] == "ORG" and at is not None and not (0 < len(lead) <= at and (_person_head([head]) or head in _HEAD_ONLY)):
        return "org"  # not "Pliny [ORG] was a Roman author, naturalist… and army commander": a person's kind first
    # A person the model mislabelled ("Nikola Tesla [ORG] was a … engineer", "Subutai [ORG] was a Mongol general").
    return "person" if _person_head(_kind_words(found.group("kind"), owners=False)) or (
        0 < len(lead) <= _PERSON_WORDS and head in _HEAD_ONLY) else "other"


def _kind_words(kind: str, owners: bool = True) -> list[str]:
    """The first words of a kind; an owner's ("the zoologists' name for gills") left blank without `owners`."""
    return ["" if not owners and w.endswith(("'", "’", "'s", "’s")) else w.strip("'’-").removesuffix("'s")
            .removesuffix("’s") for w in _WORD_CASED.findall(_BRACKETS.sub(" ", kind))][:_KIND_WORDS]


def _person_head(words: list[str]) -> bool:
    lead = 0  # "one of the Buddha's closest disciples": the kind's words after "of the"
    while lead < len(words) and words[lead] in ("of", "the"):
        lead += 1
    # an occupation in lower case (not "Russian"), or "the Twelve Olympians"; a coordination widens the window by
    # its two words ("an American jazz and swing music singer")
    ands = words[lead:lead + _PERSON_WORDS].count("and") + words[lead:lead + _PERSON_WORDS].count("or")
    head = words[lead:lead + _PERSON_WORDS + 2 * ands]
    return not any(_THING_KIND.match(w.lower()) for w in head) and any(
        person_word(w) and (w.islower() or w.endswith("ians")) for w in head)


def person_head(word: str) -> bool:
    """A word for a kind of person as the head of a definition: `person_word` or one of `_HEAD_ONLY`."""
    return word in _HEAD_ONLY or person_word(word)


def person_word(word: str) -> bool:
    """A word for a kind of person: an occupation ("painter", "sophist"), a ruler, a god, a kin ("daughter")."""
    word = word.lower()
    if word in _NOT_PERSON or word.endswith("less") \
            or word.endswith("s") and (word[:-1] in _NOT_PERSON or word[:-2] in _NOT_PERSON):
        return False
    return bool(_PERSON_KIND.match(word) or word.endswith("esses") and _PERSON_KIND.match(word[:-2]))


def kind_word(word: str) -> bool:
    """A word for a kind of place, thing or person ("District", "Book", "Professor"), or a people's plural: no
    name's end."""
    low = word.lower()
    return bool(PLACE_KIND.search(low) or _THING_KIND.match(low) or person_word(low) or people(word))


def defines_person(kind: str) -> bool:
    """The first words of a definition name a kind of person and no place ("a pre-Socratic Greek philosopher")."""
    words = _kind_words(kind, owners=False)
    return not any(PLACE_KIND.search(w.lower()) for w in words) and _person_head(words)


def weighty(m: Span) -> bool:
    """A name the passage opens with: its definition is the article's own, of its subject, and weighs five mentions."""
    return m[0] <= 4


def modified(text: str, m: Span) -> bool:
    """A common noun right after the name that makes it a modifier ("the Kuiper belt", "Outsider art"), unless the
    name's shape says what it is ("the Turkic peoples": a group)."""
    return bool(_MODIFIED.match(text, m[1], m[1] + 14)) and _shaped(m) is None


def _shaped(m: Span) -> str | None:
    """The facet the name's own shape decides (names.shape_facet), if any."""
    return shape_facet(m[3], {"ORG": "org", "PERSON": "person"}.get(m[2], "place"))


def no_body(name: str) -> bool:
    """A name headed by a document, a plan, an expedition or a process: no organisation or place."""
    return bool(_NO_BODY.search(name) or _PROCESS.match(name))


def people(name: str) -> bool:
    """A name ending in (or made of) a people's plural noun ("the Seljuk Turks", "the Visigoths"): a group."""
    return bool(_PEOPLE.match(name))


# An other name in apposition is the same kind of thing: "Margaret Court, also known as Margaret Smith Court", "Saint
# Kitts and Nevis (SKN), officially the Federation of Saint Christopher and Nevis".
_ALIAS_GAP = re.compile(r"(?:\s\([^()\n]{1,40}\))?,\s(?:(?:also|officially|formerly|commonly|sometimes|better)\s)?"
                        r"(?:known\sas|called|officially|born)\s(?:the\s)?")
_ALIAS_OF = ("PERSON", "GPE", "LOC")


def _first(name: str, at: int = 0) -> str:
    words = name.split()
    return words[at] if words else ""


def _person_alias(person: str, other: str) -> bool:
    """Another name of a person: by the same first name ("Margaret Court" / "Margaret Smith Court"), or a name of
    two words or more or initials, neither a thing with its article nor an organisation's ("Le Corbusier", "LBJ")."""
    if _first(person) == _first(other) != _first(person, -1):
        return True
    return not other[:4].lower() == "the " and not org_shaped(other) and (" " in other or other.isupper())


def named_alike(text: str, spans: list[Span]) -> list[Span]:
    """The model's organisations that stand in apposition as another name of a place (an official name: "officially
    the Federation of …") or of a person take its label."""
    out = list(spans)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if i > 1 and a[3].isupper() and text[a[0] - 1:a[0]] == "(":
            a = out[i - 2]  # "Saint Kitts and Nevis (SKN), officially …"
        if b[2] == "ORG" and a[2] in _ALIAS_OF and _ALIAS_GAP.fullmatch(text, a[1], b[0]) and (
                org_shaped(b[3]) if a[2] != "PERSON" else _person_alias(a[3], b[3])):
            out[i] = (b[0], b[1], a[2], b[3])
    return out


# A place written with a lower-case word before it is that place: "west Poland", "northern Italy", "later North
# Africa", "united Germany", "pagan Scandinavia" (a name's own bearing is written in capitals: "West Bengal"; a
# particle stays: "van Diemen's Land"); the next sentence's first word glued after an abbreviation is none of it:
# "Washington, D.C. It", "Pa. It".
_LEAD = re.compile(r"^(?:(?:the|a|an)\s)?(?:(?!(?:the|a|an|van|von|de|del|della|di|da|du|le|la|el|al|ibn|bin|der|"
                   r"den|des|do|dos|das)\s)[a-z][a-z-]*\s)+(?=[A-Z])")
_GLUED = re.compile(r"(?<=\.)\s(?:It|Its|This|These|That|The|He|She|They|In|A|An|Estimated)$"
                    r"|:\s.*$")  # "the Strait of Malacca: Penang Island to the west"
_ERA = re.compile(r"^(?:BCE?|AD|CE)\s(?=[A-Z])")  # "the 7th–6th century BC Neo-Babylonian Empire"


def without_lead(m: Span) -> Span:
    """The place without the lower-case words written before it, or the next sentence's first word or a colon's
    clause after it."""
    lead, glued = _LEAD.match(m[3]), _GLUED.search(m[3])
    start = lead.end() if lead else 0
    end = glued.start() if glued else len(m[3])
    return (m[0] + start, m[1] - (len(m[3]) - end), m[2], m[3][start:end]) if lead or glued else m


def without_era(m: Span) -> Span:
    """The name without an era's abbreviation glued before it ("BC Neo-Babylonian Empire")."""
    era = _ERA.match(m[3])
    return (m[0] + era.end(), m[1], m[2], m[3][era.end():]) if era else m
