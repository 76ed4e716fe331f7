"""Things the model calls places, organisations or persons: spans the passage itself shows are something else.

The small model tags taxa ("Diplodocus is an extinct genus…", "the subclass Acari", "Dermatobia hominis"), periods
and dynasties ("the Eastern Zhou period"), treaties ("the Peace of Westphalia") and a person's other names
("courtesy name Yuanlang") as places or organisations; works as persons or places ("Tokyo Story is a 1953 Japanese
drama film", 'stories such as "Rumpelstiltskin"'); realms and titles as persons ("the conquest of Silla", "a surgeon
from Madinat al-Zahra", "Duke of Milan"). The tests of `kinds` (a definition naming no kind of
place, a common noun after the name, a document's head, a lower-case bearing) are applied here too. Each rule reads
the words written against the span, as `mentions._not_a_person` does for persons: cheap next to NER.
"""
from __future__ import annotations

import re

from . import bodies, kinds, placekinds, unperson
from .evidence import WORK_CUE, Span, quoted_title
from ..folding import name_key
from .lone import common_noun, sentence
from .names import languages, org_shaped

# The label of a span the passage defines as a thing ("Rum is a liquor", "… is an extinct genus"): weighs five
# mentions, one sense per passage (mentions._one_sense).
DEFINED_THING = "MISC_DEFINED"
NO_FACET = "MISC"  # canon.NOT_A_PERSON: no value, a vote for no facet
_PLACE_LIKE = ("GPE", "LOC", "ORG", "FAC")
# A definition naming a taxon's rank or a kind of organism, heading the phrase (at most four words before it):
# "Diplodocus is an extinct genus of…", "The Plesiosauria or plesiosaurs are an order or clade…", "Algae are any
# of a large and diverse group of photosynthetic organisms".
_DEFINED_TAXON = re.compile(kinds.NAME_GLOSS + r"(?:,[^.;\n]{0,100},|,)?"
                            r"\s+(?:is|was|are|were)\s+(?:a|an|the|one|any)\s+(?:of\s+(?:a|the)\s+)?"
                            r"(?:[\w-]+\s+){0,4}?(?:genus|genera|species|(?<!military\s)(?<!religious\s)"
                            r"(?<!monastic\s)(?<!chivalric\s)(?<!mendicant\s)(?<!Catholic\s)(?<!fraternal\s)order|"
                            r"family|clade|phylum|subclass|superorder|infraorder|"
                            r"suborder|subfamily|superfamily|subphylum|taxon|group of (?:[\w-]+\s+){0,3}?"
                            r"(?:organisms|animals|plants|fungi|bacteria|species))\b")
# A taxonomic rank before the name: "the subclass Acari", "the genus Dermatobia", "species of Borrelia" (not
# "kingdom", "domain" or "tribe", which also name realms and peoples).
_RANK_BEFORE = re.compile(r"\b(?:order|family|genus|genera|species|phylum|phyla|class|subclass|superorder|clade|"
                          r"suborder|superfamily|infraorder|subfamily|subphylum|taxon|species\sof)\s$")
# A genus before its species' epithet: "Dermatobia hominis", "Plasmodium falciparum".
_EPITHET = re.compile(r"\s(?!(?:area|idea|data|stadium|museum|forum|opera|camera|premium|medium|quorum|"
                      r"status|apparatus|hiatus|album|replica|sonata|cantata|famous|various|previous|bonus|campus|"
                      r"virus|genius|serum|sanctum|minimum|maximum)\b)"
                      r"[a-z]{2,}(?:ae|ii|ensis|oides|ata|atus|alis|ifolia|ifera|ius|um|inus|ina|anus|icus|osus|ulus|"
                      r"erus|stomus)\b"
                      r"|\s(?!(?:analysis|basis|crisis|thesis|emphasis|genesis|synthesis|tennis|metropolis|"
                      r"oasis|necropolis|acropolis)\b)[a-z]{4,}is\b"  # "Yersinia pestis"
                      r"|\s[a-z]{3,}[^aeiou\s]i\b")  # "Wuchereria bancrofti"
# A common head alone is no name: "The Strait's depth", "the most influential man in the Empire", "having previously
# been Emir, Sultan"; nor a span holding a sentence's end: "Earth's shadow.(joiners) Lunar eclipses".
_BARE_HEAD = re.compile(r"^(?:[Tt]he\s)?(?:Straits?|Empire|Kingdom|Republic|Caliphate|Sultanate|Khanate|Emirate|"
                        r"Delta|Gulf|Sea|Island|River|Valley|Cape|Port|Palace|Sound|Games|Emir|Sultan)$"
                        r"|\b[a-z]{3,}\.[\s\u200b-\u200d\u2060]+[A-Z]")
# A scientist's law: "Faraday's law of induction" (a person); "the Hubble–Lemaître law" (persons joined by a dash).
_EPONYM_AFTER = re.compile(r"(['’]s)?\s(?:laws?|theorems?|equations?|principle|constant|paradox|conjecture|lemma|"
                           r"inequality|formula)\b")
# A saint's name cut before its epithet names no one alone: "Saint Gregory [the Theologian]", "[the Great]".
_SAINT = re.compile(r"^(?:Saint|St\.?)\s[A-Z][a-z]+$")
_EPITHET_AFTER = re.compile(r"\sthe\s[A-Z][a-z]")
# A name in a list its plural kind heads: "Other rat genera include Neotoma, Bandicota", "three living orders: Anura,
# Urodela (salamanders), and Gymnophiona", "five periods: Mamluk (1206–1290), Khalji (1290–1320), Tughlaq", "dwarf
# planets: Orcus, Pluto, Haumea". The list holds only capitalised names, dates in brackets, commas and "and"/"or".
_KIND_LIST = re.compile(r"\b(?:genera|orders|families|species|phyla|classes|clades|subfamilies|suborders|periods|"
                        r"dynasties|emperors|planets|franchises|constellations|peoples|tribes|ethnic groups)\b"
                        r"(?:[^.;:\n]{0,40}:|\s(?:include|"
                        r"including|such as|namely)|)\s*(?:(?:the\s)?[A-Z][\w'’-]*(?:\s\([^()\n]{1,30}\))?,?\s"
                        r"(?:and\s|or\s)?){0,8}$")
# A movement, a contest, a craze, a fair or a holiday is named by its head, not by its place ("the English
# Reformation", "the Investiture Contest", "the Great Exhibition", "Australia Day"): an event; a civilisation is none.
_EVENT_END = re.compile(r"(?:\s|^(?:[Tt]he\s)?)(?:Reformation|Counter-Reformation)$|\s(?:Contest|Controversy|Craze|"
                        r"Exhibition|Day|Conference|Summit|Recession|Depression|Crisis|(?:Vowel|Sound) Shift)$")
_CIVILISATION_END = re.compile(r"\sCivili[sz]ation$", re.I)
# A period or a bloc is no place: "the Old Kingdom", "the New Kingdom" (Egypt's periods), "the Western Bloc".
_PERIOD_OR_BLOC = re.compile(r"^(?:[Tt]he\s)?(?:Old|Middle|New) Kingdom$|\sBloc$|^(?:[Tt]he\s)?(?:First|Second|Third|"
                             r"Fourth|Fifth|Sixth|Seventh)\s(?:[A-Z]\w+\s)?Republic$")  # "the Fifth Philippine Republic"
# Two places joined by a dash before their border's word name the border: "the Ohio–Pennsylvania state line".
_PAIR = re.compile(r"^(?:[Tt]he\s)?[A-Z][^–]*–[A-Z][^–]*$")
_BORDER_AFTER = re.compile(r"\s(?:border|borders|boundary|state line|frontier|relations|rivalry|war)\b")
# A language's name where its sentence speaks of languages, peoples or names: '"capital" in Kazakh', "named Ahmed
# Gragn in Amharic", "the main native languages are Maithili, Magahi and Bhojpuri", "works in Hindi cinema". A
# place's cue beside it keeps the place: "Monroeville, Alabama", "the Braj region", "Tarlac and Pampanga provinces".
_TONGUE_CUE = re.compile(r"\b(?:languages?|dialects?|speak\w*|spoken|speakers|literature|cinema|films?|poet\w*|"
                         r"novelist|writers?|wrote|written|name[ds]?|called|meaning|means|translat\w*|words?|"
                         r"peoples?|ethnic\w*|noble\w*)\b|-led\b")
_PLACE_CUE_BEFORE = re.compile(r"(?:(?P<town>[A-Z][\w.]*),\s|\b(?:borders?|bordering|central|northern|southern|eastern|"
                               r"western|north-?eastern|north-?western|south-?eastern|south-?western)\s)$")
_PLACE_CUE_AFTER = re.compile(r"\s(?:region|provinces?|count(?:y|ies)|states?|islands?|districts?|city|"
                              r"city-states?)\b|,?\s(?:and|or)\s[A-Z][\w-]+\s(?:provinces|counties|states)\b")
# Who did a deed is a person, not a place: "first published in Paris by Sylvia Beach", "the murder of Agamemnon by
# Clytemnestra", "re-discovered in 1900 by Hugo de Vries"; a person word in apposition after the name: "after Carl G.
# Vinson, United States congressman", "Maria Amalia, Duchess of Parma".
_AGENT_BEFORE = re.compile(r"\b(?:written|published|discovered|re-?discovered|murdered|killed|slain|assassinated|"
                           r"painted|composed|directed|narrated|translated|invented|betrayed|murder of [A-Z]\w+)"
                           r"(?:\s(?:in|on)\s[\w ]{1,20})?\sby\s$")
# A kin's, a friend's or a character's word right before the name, or "married": "his wife Penelope", "a teenage girl
# named Bulma", "his friend Obelix", "the fictional character Phileas Fogg", "He married Gisela of Bavaria"; the other
# parent after "son of X and", a sibling: "the son of Henry III and Agnes of Poitou", "sibling to Lucrezia Borgia".
_KIN_BEFORE = re.compile(r"\b(?:(?:girl|boy|man|woman|son|daughter|wife|husband|friend|brother|sister|mother|father|"
                         r"character|hero|heroine|god|goddess|deity|spouse|consort|nephew|niece|uncle|aunt|"
                         r"protagonist)(?:\snamed|\scalled|,)?|married|marrying|sibling\sto|"
                         r"(?:son|daughter|child)\sof\s[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2}\sand)\s$")
# A chemical element's symbol or a word's translation is no place: "it has symbol Zn", "its German translation Kreide".
_SYMBOL_BEFORE = re.compile(r"\b(?:symbol|translation|moons?)\s$")  # "its moon Titan"
# A being of myth is a person (as gods are): "the personification of Death", "an avatar of Vayu", "forms of Horus", "the Gigantes of Greek
# mythology".
_BEING_BEFORE = re.compile(r"\b(?:personification|incarnation|avatar|forms)\sof\s$")
_MYTH_AFTER = re.compile(r"\s(?:of|in)\s(?:the\s)?(?:[A-Z]\w+\s)?(?:mythology|religion|folklore|pantheon)\b")
# A person word over a realm before the name: "the heroic king of Ithaca, Odysseus".
_RULER_OF_BEFORE = re.compile(r"\b(?:king|queen|ruler|lord|lady|prince|princess|duke|duchess|count|countess|emperor|"
                              r"empress|sultan|pharaoh|chief|chieftain|tyrant|regent|son|daughter) of (?:the )?[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?,\s$")
_NAME_OF = re.compile(r"[A-Z][\w'’-]*\sof\s$")  # "Charlotte of Savoy, daughter of…": Savoy is no person
_PERSON_APPOSITION = re.compile(r",\s(?:the\s)?(?:[A-Z][\w.]*\s){0,3}(?:([a-z]+[^s\W])(?=\s(?:of|from|who)\b|[,.;])|"
                                r"(?:Duke|Duchess|Count|Countess|Prince|Princess|King|Queen)\sof\b)")
# A period named after a realm or a ruler: "the Eastern Zhou period", "the Meiji era", "the Chauhan (Chahamana)
# dynasty", "the Rurikid or Riurikid dynasty".
_PERIOD_AFTER = re.compile(r"(?:\s\([^()]{1,30}\)|\sor\s[A-Z][\w'’-]*)?\s(?:period|era|epoch|age|dynast(?:y|ie))s?\b")
# A treaty named after where it was signed names the treaty, not the place: "the Peace of Westphalia", "the Treaty
# of London".
_TREATY_OF = re.compile(r"\b(?:Treaty|Treaties|Peace|Edict|Concordat|Convention) of (?:the )?$")
_PERIOD_NAMED = re.compile(r"\b(?:period|era|epoch|age)\s(?:is\s|was\s)?(?:known|referred\sto|called)\sas\s(?:the\s)?$",
                           re.I)
# A person's other names are names, not places: "courtesy name Yuanlang", "his pen name was Mir".
_OTHER_NAME = re.compile(r"\b(?:courtesy|pen|art|temple|posthumous|regnal|stage|era|religious|Dharma)\s(?:name|names)"
                         r"(?:\s\([^()\n]{1,30}\))?,?\s(?:was\s|is\s)?$")
# A name its sentence defines as a work: "Tokyo Story is a 1953 Japanese drama film", "Cinderella is a folk tale".
# The kind heads the phrase (at most five words before it) and ends it, so that "a German comic actor" is no comic;
# nor is "a superheroine appearing in American comic books" one ("in" and "appearing" lead away from the head).
_WORK_KIND = (r"novel|novella|play|film|movie|song|single|album|poem|painting|opera|ballet|symphony|book|"
              r"musical|sitcom|video game|story|epic|treatise|essay|magazine|newspaper|journal|tragedy|comedy|drama|"
              r"fairy tale|folk tale|fable|saga|manga|anime|cantata|oratorio|concerto|sonata|suite|franchise|"
              r"television series|miniseries|comic strip|comic book|media franchise")
DEFINED_WORK = re.compile(r"[\"”]?(?:\s\([^()\n]{1,60}\))?(?:,[^.;\n]{0,100},|,)?\s+(?:is|was)\s+(?:a|an|the|one)\s+"
                           rf"(?:(?!in\s|appearing\s)[\w'’-]+\s+){{0,5}}?(?:{_WORK_KIND})s?(?=\s(?:by|written|directed|"
                           r"composed|of|in|that|which|about|from|first|created|based|released|published|set|"
                           r"starring|produced|with)\b|[.;,])")

_SENTENCE_START = re.compile(r"(?:^|[.!?]\s|\n)$")  # a place defined as a work is so only as the sentence's subject
# Not the subject a definition speaks of: "Romeo and Juliet is a tragedy" (the title is longer than the span); a
# by-line's author ("Travels into … Nations. By Lemuel Gulliver, First a Surgeon, …, is a 1726 … novel").
_NOT_SUBJECT = re.compile(r"\s(?:and|[Bb]y)\s$")
# Where a realm's name stands, not a person's: "the conquest of Silla", "the establishment of Shu Han", "Muslim-ruled
# Granada".
_REALM_BEFORE = re.compile(r"(?:\b(?:conquest|invasion|annexation|occupation|partition|unification|reunification|"
                           r"establishment|usurpation|dissolution|territory|territories|borders|frontiers?|throne|"
                           r"monarchs?|rulers|kings|queens|provinces|vassal|vassals) of (?:the )?|"
                           r"\w-ruled )$")
# Where a person came from: "a Muslim philosopher from al-Andalus", "a chemist from Córdoba".
_ORIGIN_BEFORE = re.compile(r"\b(?:philosopher|poet|scholar|physician|chemist|surgeon|writer|painter|artist|composer|"
                            r"merchant|merchants|family|immigrants?|refugees?|settlers|native|natives|people|"
                            r"traveller|traveler|monk|missionary|missionaries) from (?:the )?$")
# A name of several words whose last word is a place's head no surname is: "Stavropol Krai", "St George's Channel",
# "the Roman and Byzantine Empires", "Vostok Station", "Aïr Massif", "Ngorongoro Crater", "Ho Chi Minh Mausoleum",
# "Chobe Rivers" (a plural: "Joan Rivers" is one river); a rock unit's ("Pierre Shale", "Niobrara Formation") is none.
_PLACE_END = re.compile(r"\s(?:Empires|Channel|Krai|Oblast|Station|Massif|Crater|Mausoleum|Canton|Region|Kingdom|"
                        r"Harbou?r|Colony|Museum|Reserve|Range|Ranges|Oceans?|Seas|Straits?|Deserts?|Port|Peninsula|"
                        r"Prefecture|Province|Governorate|Municipality|Plateau|Glacier|Volcano|Tepe|Setu|Capitale|"
                        r"State)$|"
                        r"\s\w+\s(?:Rivers|Hills)$|"
                        # or a place's head first, in English or another language ("Nusa Lembongan", "Morne Diablotins",
                        # "Ciudad de Puerto Rico", "Cape Kormakitis"); not "Rio" nor "Isla", first names as well
                        r"^(?:Nusa|Pulau|Tanjung|Gunung|Bukit|Danau|Selat|Ciudad|Cerro|Morne|Fleuve|Ilha|Jabal|Jebel|"
                        r"Wadi|Tell|Lago|Lac|Cape|Lake|Mount|Port)\s(?=[A-Z])")
# A rock unit's head, a language's ("a Tai language"), or a bare number ("53.8 ± 0.3 Mly", "Peter 1:4") is no name.
_ROCK_END = re.compile(r"\s(?:Formation|Shale|language|dialect)$|(?:^|\s)\d[\d.,:]*(?:\s|$)")
# A company's head ends the name: "the Great Western Railway", "the City of London Corporation".
_COMPANY_END = re.compile(r"\s(?:Company|Airlines|Airways|Railway|Railways|Corporation|Inc\.?|Ltd\.?)$")
# A star or a constellation: a Greek letter before a constellation's Latin genitive or abbreviation ("Alpha Canis
# Majoris", "Lambda Scorpii", "Alpha CMi"), "Canis Minor", "Ursa Major".
_SKY_NAME = re.compile(r"^(?:Alpha|Beta|Gamma|Delta|Epsilon|Zeta|Eta|Theta|Iota|Kappa|Lambda|Mu|Nu|Xi|Omicron|Pi|"
                       r"Rho|Sigma|Tau|Upsilon|Phi|Chi|Psi|Omega)\s(?:[A-Z][a-z]+(?:is|ae|i|orum|us)|[A-Z][A-Za-z]{2})"
                       r"(?:\s[A-Z][a-z]+(?:is|ae|i|orum))?$|^(?:Canis|Ursa|Leo)\s(?:Major|Minor)$|\sStar$|^non-")
# A work's head ends the name ("The Divine Comedy", "Nutcracker Suite", "Piano Concerto"); a kind of work stands
# right before it ("the short film Steamboat Willie", "the literary journal The Russian Messenger"), or a plural
# one right after it makes it a franchise's modifier ("the five Dirty Harry films").
_WORK_END = re.compile(r"\s(?:Suite|Symphony|Concerto|Sonata|Requiem|Overture|Rhapsody|Comedy|Tragedy|Oratorio|"
                       r"Cantata|Trilogy)$|"
                       # or starts it: "Song of Roland", "Tale of Genji", a Latin title ("Historia Regum Britanniae")
                       r"^(?:The\s)?(?:(?:Song|Songs|Ballad|Tale|Tales|Legend|Epic|Lay|Chronicles?|Gospel|Epistle|Ode|"
                       r"Hymn|Rime|Lament)\sof\s|(?:Historia|Genera|Liber|Codex|Summa|Tractatus|Principia|Carmina)\s)")
_WORK_BEFORE = re.compile(r"\b(?:film|movie|novel|novella|play|poem|book|opera|ballet|album|song|series|sitcom|"
                          r"journal|magazine|newspaper|treatise|epic|painting|work|musical|comic|manga|anime|"
                          r"symphony|short)\s$")
# A title dated in brackets where its sentence speaks of works or roles, or in a list of dated titles: "his silent
# films Strike (1925), Battleship Potemkin (1925)", "The Music Room (1958), Big City (1963)", "the heroine in Fire Over
# England (1937)". A place inside a title ("A Passage to India (1984)") is left alone.
_DATED = re.compile(r"\s\((?:1[0-9]|20)\d\d\)")
_DATED_TITLE_BEFORE = re.compile(r"(?:\b(?:films?|movies?|novels?|books?|plays?|works?|roles?|sequel|directed|starring|"
                                 r"trilogy|stories|poems?|operas?|musicals?|heroine|hero)\b[^.;]{0,80}|"
                                 r"\((?:1[0-9]|20)\d\d(?:–\d{4})?\),\s(?:and\s)?)$")
_IN_TITLE = re.compile(r"[A-Z][\w'’-]*\s(?:to|in|at|of|from|the|a|an|and)\s$")  # "A Passage to India (1984)"
_WORKS_AFTER = re.compile(r"\s(?:films|movies|novels|books|franchise|trilogy|stories|comics|games|albums)\b")
# A noble title alone before "of" is the title, not a person: "he was Duke of Milan" (the model tags "Duke").
TITLE_OF = re.compile(r"^(?:Duke|Duchess|Count|Countess|Earl|Margrave|Prince|Princess|King|Queen|Emperor|Empress|Lord|"
                       r"Lady|Baron|Baroness|Marquis|Marquess|Elector|Archduke|Grand Duke|Viscount|Khan|Sultan|Shah)$")


def relabel(text: str, m: Span) -> Span:
    """The span relabelled when the words against it show it is no place, organisation or person."""
    one_word = " " not in m[3] and m[3][:1].isupper()
    if m[1] - m[0] <= 2 and _SYMBOL_BEFORE.search(text, max(0, m[0] - 12), m[0]):
        return (m[0], m[1], NO_FACET, m[3])  # an element's symbol, whatever the label: "symbol [Ra]" (NORP), "[Ho]"
    if m[2] == "PERSON":
        if one_word and (_EPITHET.match(text, m[1], m[1] + 24) or kinds.modified(text, m)):
            return (m[0], m[1], NO_FACET, m[3])  # "Equus africanus", "Broomstick lace"
        if DEFINED_WORK.match(text, m[1], m[1] + 200) and not _NOT_SUBJECT.search(text, max(0, m[0] - 5), m[0]) \
                or quoted_title(text, m):
            return (m[0], m[1], WORK_CUE, m[3])  # 'his tales include "Little Red Riding Hood", "Cinderella"'
        if " " in m[3]:  # a name of several words
            if _PLACE_END.search(m[3]):
                return (m[0], m[1], "GPE", m[3])
            if _ROCK_END.search(m[3]) or _SKY_NAME.match(m[3]) or _WORKS_AFTER.match(text, m[1], m[1] + 12):
                return (m[0], m[1], NO_FACET, m[3])
            if _WORK_END.search(m[3]) or _WORK_BEFORE.search(text, max(0, m[0] - 12), m[0]):
                return (m[0], m[1], WORK_CUE, m[3])
            if kinds.people(m[3]):
                return (m[0], m[1], "NORP", m[3])  # "the Oghuz Turks"
        if (other := unperson.relabel(text, m)) is not None:
            return other
        if TITLE_OF.match(m[3]) and text.startswith(" of ", m[1]):
            return (m[0], m[1], NO_FACET, m[3])
        if _REALM_BEFORE.search(text, max(0, m[0] - 32), m[0]) \
                or _ORIGIN_BEFORE.search(text, max(0, m[0] - 24), m[0]):
            return (m[0], m[1], "GPE", m[3])
        return m
    if m[2] not in _PLACE_LIKE:
        return m
    m = kinds.without_era(m)  # "the 7th–6th century BC Neo-Babylonian Empire"
    if m[2] != "ORG":
        m = kinds.without_lead(m)  # "west Poland"
    elif (body := bodies.relabel_org(text, m)) is not None:
        return body  # "the First Turkic Khaganate", "the Frankfurt School of critical theory"
    if (other := placekinds.relabel(text, m)) is not None:
        return other  # "descended from Old Gujarati", "Mealy machines", "Berbers, also known as Amazighs, are…"
    if _BARE_HEAD.search(m[3]) or m[2] != "ORG" and common_noun(text, m) \
            or _SAINT.match(m[3]) and _EPITHET_AFTER.match(text, m[1]):
        return (m[0], m[1], NO_FACET, m[3])
    if (eponym := _EPONYM_AFTER.match(text, m[1])) and (eponym.group(1) or "–" in m[3]):
        return (m[0], m[1], "PERSON" if eponym.group(1) else NO_FACET, m[3])
    if quoted_title(text, m):
        return (m[0], m[1], WORK_CUE, m[3])  # 'such tales as "Thumbelina"'
    if m[2] != "ORG" and _COMPANY_END.search(m[3]):
        return (m[0], m[1], "ORG", m[3])
    if m[2] != "ORG" and (_PERIOD_OR_BLOC.search(m[3]) or _a_tongue(text, m) or _SKY_NAME.search(m[3])
                          or _PAIR.match(m[3]) and _BORDER_AFTER.match(text, m[1])
                          or _SYMBOL_BEFORE.search(text, max(0, m[0] - 12), m[0])):
        return (m[0], m[1], NO_FACET, m[3])
    if _CIVILISATION_END.search(m[3]) or m[2] != "ORG" and _EVENT_END.search(m[3]):
        return (m[0], m[1], "EVENT" if _EVENT_END.search(m[3]) else NO_FACET, m[3])
    if m[2] != "ORG" and _DATED.match(text, m[1]) and not _IN_TITLE.search(text, max(0, m[0] - 40), m[0]) \
            and _DATED_TITLE_BEFORE.search(text, max(0, m[0] - 100), m[0]):
        return (m[0], m[1], WORK_CUE, m[3])  # "his silent films Strike (1925)"
    if m[2] != "ORG" and (a_person(text, m) or _BEING_BEFORE.search(text, max(0, m[0] - 20), m[0])
                          or _MYTH_AFTER.match(text, m[1])):
        return (m[0], m[1], "PERSON", m[3])
    if m[2] != "ORG" and _SENTENCE_START.search(text, max(0, m[0] - 4), m[0]) \
            and DEFINED_WORK.match(text, m[1], m[1] + 200):
        return (m[0], m[1], WORK_CUE, m[3])  # "Pinocchio is a fairy tale by Carlo Collodi"
    if _DEFINED_TAXON.match(text, m[1], m[1] + 240) and not org_shaped(m[3]):  # "a family of five organisations"
        return (m[0], m[1], DEFINED_THING, m[3])
    if one_word and (_RANK_BEFORE.search(text, max(0, m[0] - 14), m[0]) or _EPITHET.match(text, m[1], m[1] + 24)):
        return (m[0], m[1], NO_FACET, m[3])
    if one_word and (listed := _KIND_LIST.search(text, max(0, m[0] - 200), m[0])):  # emperors are persons
        return (m[0], m[1], "PERSON" if listed.group().startswith("emperors") else NO_FACET, m[3])
    if _PERIOD_AFTER.match(text, m[1], m[1] + 50) or _PERIOD_NAMED.search(text, max(0, m[0] - 40), m[0]) \
            or _TREATY_OF.search(text, max(0, m[0] - 16), m[0]):
        return (m[0], m[1], NO_FACET, m[3])
    if _OTHER_NAME.search(text, max(0, m[0] - 40), m[0]):
        return (m[0], m[1], NO_FACET, m[3])
    if kinds.people(m[3]):
        return (m[0], m[1], "NORP", m[3])  # "the Seljuk Turks"
    if kinds.no_body(m[3]) or kinds.modified(text, m):
        return (m[0], m[1], NO_FACET, m[3])  # "the Asia-Pacific Trade Agreement", "the Kuiper belt"
    if (kind := kinds.defined_kind(text, m)) == "other":  # "Ghazal is a form of amatory poem": the article's own
        return (m[0], m[1], kinds.OTHER_KIND if kinds.weighty(m) else NO_FACET, m[3])  # definition weighs five
    if kind == "person":
        return (m[0], m[1], "PERSON", m[3])  # "Hypatia [GPE] was a Neoplatonist philosopher"
    return m


def a_person(text: str, m: Span) -> bool:
    """The words against a place-tagged span show a person: a deed's doer, a kin's or a ruler's word before it
    ("his wife Penelope", "king of Ithaca, Odysseus"), a person word in apposition."""
    apposed = _PERSON_APPOSITION.match(text, m[1], m[1] + 60)
    before = max(0, m[0] - 50)
    return bool(_AGENT_BEFORE.search(text, before, m[0]) or _RULER_OF_BEFORE.search(text, before, m[0])
                or _KIN_BEFORE.search(text, max(0, m[0] - 24), m[0])
                or apposed and not _NAME_OF.search(text, max(0, m[0] - 30), m[0])
                and (not apposed.group(1) or kinds.person_word(apposed.group(1))))


def _a_tongue(text: str, m: Span) -> bool:
    """A language's name (or its variety's) in a sentence about languages, peoples or names, with no place's cue."""
    words = m[3].split()
    if name_key(m[3]) not in languages() and not (len(words) == 2 and name_key(words[1]) in languages()
                                                  and words[0][:1].isupper()):
        return False  # "Southern Azerbaijani", "Ganjami Odia": a language's variety
    start, end = sentence(text, m)
    before = _PLACE_CUE_BEFORE.search(text, max(0, m[0] - 40), m[0])  # "Selma, Alabama"; not "Tamil, Urdu"
    return bool(_TONGUE_CUE.search(text, start, end)) and not _PLACE_CUE_AFTER.match(text, m[1], m[1] + 40) \
        and not (before and not (before.group("town") and name_key(before.group("town")) in languages()))
