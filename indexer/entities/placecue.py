"""Names of several words, and the model's LOC and FAC spans, that their passage shows no sign of a place for.

`lone` reads one-word GPE spans. The rest of the place facet's tail is names of several words and LOC or FAC
spans named once: real places ("Southern England", "the Akosombo Dam", "Exhibition Road"), and as many things the
small model calls places — festivals ("Mardi Gras"), journeys ("Grand Tour"), works ("Homeric Hymns"), alliances
and stations, and one-word LOC names of peoples or adjectives ("Masoretes", "Mysorean"). What a right place of one
mention has that these lack is read here: a place's preposition or verb before it, the kind of place it is after
"of" ("the city of", "Duke of"), a place's head word in the name ("… Dam", "… Road", "… Sultanate"), a bearing
before a country or region ("Northern Ethiopia"), a state or country after it ("Manchester, New Hampshire"), or a
sentence about places (`lone.PLACE_TALK`). A span with none gets the weak label `lone.LONE_PLACE`: named once so,
no facet; twice, or beside any other place mention, a place.
"""
from __future__ import annotations

import re

from .evidence import Span
from .names import is_territory, shape_facet
from .realms import is_title
from .weaksigns import modifier

# A place's preposition, or a verb or noun that takes a place, just before the name ("the" between).
_PLACE_BEFORE = re.compile(
    r"\b(?i:in|at|near|from|to|into|onto|across|throughout|within|around|outside|towards?|via|through|along|atop|off|"
    r"on|past|beyond|between|over|under|inside|northwards?|southwards?|(?:north|south|east|west)(?:ern|wards?)?|central|"
    r"borders?|bordering|neighbou?ring|capital|city|town|village|officially|conquered|invaded|annexed|settled|"
    r"reached|visited|explored|besieged|sacked|raided|captured|occupied|coloni[sz]ed|crossed|entered|ruled|governed|"
    r"founded|moved|emigrated|migrated|returned|travell?ed|fled|born|died|lived|located|situated|based|"
    r"headquartered|stationed|exiled|as\sfar\s\w+\sas|(?:known|referred\sto)(?:\s\w+){0,3}\sas|called|named)\s(?:simply\s)?(?:the\s)?$")
# The kind of place before "of", or a title held of a place ("Duke of Bronte", "King Taksin of Thonburi").
_OF_BEFORE = re.compile(
    r"\b(?i:city|town|village|capital|island|islands|province|region|state|county|kingdom|duchy|principality|"
    r"republic|coast|part|parts|north|south|east|west|centre|center|outskirts|suburb|heart|borders?|area|"
    r"territory|siege|sack|conquest|dissolution|fall|collapse|partition|unification|founding|battle|mayor|governor|bishop|archbishop|patriarch|king|queen|emperor|empress|"
    r"ruler|prince|princess|duke|duchess|earl|count|countess|marquess|marquis|viscount|baron|baroness|lord|lady|sultan|"
    r"emir|khan|shah|rajah?|elector|margrave|landgrave)(?:\s[A-Z][\w'’-]*){0,2}\sof\s(?:the\s)?$")
# A place's head word in the name itself.
HEAD = re.compile(
    r"\b(?:Rivers?|Mountains?|Mount|Mt|Lakes?|Sea|Ocean|Gulf|Bay|Islands?|Isles?|Atoll|Reef|Archipelago|Peninsula|"
    r"Strait|Straits|Channel|Sound|Coast|Cape|Valley|Desert|Basin|Plains?|Plateau|Highlands?|Lowlands?|Hills?|"
    r"Heights|Range|Ridge|Glacier|Volcano|Crater|Canyon|Gorge|Falls|Delta|Forest|Park|Canal|Dam|Reservoir|Road|"
    r"Street|Avenue|Boulevard|Square|Bridge|Tunnel|Airport|Port|Harbou?r|Castle|Palace|Fortress|Fort|Tower|Pavilion|"
    r"Cathedral|Abbey|Museum|Opera\sHouse|Basilica|Mosque|Pagoda|Shrine|Monastery|Cemetery|Stadium|Arena|Area|Zone|Province|County|"
    r"Oblast|Krai|Region|Municipality|Department|Protectorate|Khaganate|Tsardom|Trail|Littoral|Kremlin|Shelf|Rift|Bank|District|Prefecture|Governorate|Territory|Territories|Colony|Colonies|Chiefdoms?|"
    r"Khanate|Sultanate|Caliphate|Emirate|Principality|Duchy|Kingdom|Empire|Republic|City|Town|Village|Borough)\b")
# A bearing before a country's or region's name ("Northern Ethiopia", "South-East Europe", "Inner Asia").
_BEARING = re.compile(r"^(?:the\s)?(?:(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Upper|Lower|"
                      r"Inner|Outer|Greater|Far|Northwest|Northeast|Southwest|Southeast|North-?[Ee]ast|"
                      r"North-?[Ww]est|South-?[Ee]ast|South-?[Ww]est)[\s-])+(?P<rest>.+)$")
# What follows a bearing in a faith's, a people's, a tongue's or a period's name ("Eastern Orthodox", "Northern
# Renaissance", "Eastern Sudanic"): no place.
_NO_PLACE_REST = re.compile(r"(?:ic|ics|ian|ians|ism|ist|ists|odox|ance|ese|ish)$|^(?:North|South|East|West|Central)$")
# A state or country after the name ("Manchester, New Hampshire"), or a place it lies in ("Iolcos in Thessaly").
_AFTER = re.compile(r",\s(?:the\s)?(?P<where>[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2})(?=[,.;:)]|\s[a-z(]|$)")
# The kind of place after the name, in lower case ("the Øresund strait", "the Bas-Rhin department").
_KIND_AFTER = re.compile(r"(?:'s?)?\s(?:strait|department|region|megaregion|river|province|district|county|state|city|"
                         r"town|village|valley|mountains?|range|island|peninsula|area|coast|basin|delta|estuary|sea|lake|"
                         r"desert|plateau|plain)\b")
_IN_AFTER = re.compile(r"(?:'s?)?\s(?:in|on|near|off)\s(?:the\s)?[A-Z]")
# More words of a sentence about places than `lone.PLACE_TALK` reads.
MORE_TALK = re.compile(r"\b(?:urban|lakes|areas|sections|municipalit(?:y|ies)|metropolitan|suburbs?|"
                       r"neighbou?rhoods?|territor(?:y|ies)|colon(?:y|ies)|continent|coastline|archipelago|peninsula|sites|locations)\b")


def unshown(text: str, m: Span, talk: re.Pattern, sentence) -> bool:
    """Whether a place span of several words has no sign of a place around or inside it (`talk`: a sentence about
    places, which `sentence` finds)."""
    if m[0] == 0 or text[:m[0]] in ("The ", "the ") or HEAD.search(m[3]) or is_title(m[3]) \
            or shape_facet(m[3], "place") not in (None, "place"):
        return False  # a name whose shape makes it a person, an event or a group is judged by its shape
    name = re.sub(r"^the\s|['’]s?$", "", m[3])
    if is_territory(name) or (b := _BEARING.match(name)) and not _NO_PLACE_REST.search(b.group("rest")):
        return False
    if (_PLACE_BEFORE.search(text, max(0, m[0] - 30), m[0]) or _OF_BEFORE.search(text, max(0, m[0] - 60), m[0])) \
            and not modifier(text, m[1], m[3]):
        return False
    after = _AFTER.match(text, m[1], m[1] + 50)
    if after and is_territory(after.group("where")) or _IN_AFTER.match(text, m[1], m[1] + 20) \
            or _KIND_AFTER.match(text, m[1], m[1] + 20):
        return False
    start, end = sentence(text, m)
    return not (talk.search(text, start, end) or MORE_TALK.search(text, start, end))
