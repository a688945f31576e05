"""Word lists of the rule extractor: general English, never names from any one film or review."""

from __future__ import annotations

#: verb lemma -> (predicate, direction); direction "fwd" is subject -> object, "rev" object -> subject
VERBS: dict[str, tuple[str, str]] = {
    **{
        v: ("killed", "fwd")
        for v in (
            *("kill", "murder", "assassinate", "slay", "execute", "slaughter"),
            *("drown", "strangle", "behead"),
        )
    },
    **{
        v: ("defeated", "fwd")
        for v in ("defeat", "overpower", "vanquish", "overcome", "outfight", "best", "petrify", "maroon")
    },
    **{v: ("fought", "fwd") for v in ("fight", "battle", "duel", "attack", "ambush", "confront")},
    **{v: ("betrayed", "fwd") for v in ("betray", "double-cross", "backstab", "deceive")},
    **{
        v: ("met", "fwd")
        for v in ("meet", "encounter", "visit", "interrogate", "consult", "reunite", "contact", "find")
    },
    **{v: ("trained_by", "rev") for v in ("train", "mentor", "teach", "tutor", "coach")},
    **{v: ("member_of", "fwd") for v in ("join",)},
    **{v: ("ally_of", "fwd") for v in ("befriend",)},
    **{v: ("leads", "fwd") for v in ("lead", "head", "command", "rule")},
    **{v: ("works_for", "rev") for v in ("hire", "employ", "recruit", "bribe", "buy", "pay")},
    # a business or a gang someone owns or runs (only an organization: "runs the inn" names a place)
    **{v: ("leads", "fwd") for v in ("own", "run")},
    **{v: ("resides_in", "fwd") for v in ("live", "reside", "dwell", "hide", "settle")},
    **{v: ("family_of", "fwd") for v in ("marry", "adopt")},
}

#: verbs whose object follows a preposition: (lemma, preposition) -> (predicate, direction)
PREP_VERBS: dict[tuple[str, str], tuple[str, str]] = {
    ("meet", "with"): ("met", "fwd"),
    ("reunite", "with"): ("met", "fwd"),
    ("fight", "against"): ("fought", "fwd"),
    ("fight", "with"): ("fought", "fwd"),
    ("side", "with"): ("ally_of", "fwd"),
    ("team", "with"): ("ally_of", "fwd"),
    ("ally", "with"): ("ally_of", "fwd"),
    ("work", "for"): ("works_for", "fwd"),
    ("work", "under"): ("works_for", "fwd"),
    ("belong", "to"): ("member_of", "fwd"),
    ("live", "in"): ("resides_in", "fwd"),
    ("live", "on"): ("resides_in", "fwd"),  # "lives on the island of X", "on Corran"
    ("live", "at"): ("resides_in", "fwd"),
    ("dwell", "in"): ("resides_in", "fwd"),
    ("dwell", "on"): ("resides_in", "fwd"),
    ("reside", "in"): ("resides_in", "fwd"),
    ("hide", "in"): ("resides_in", "fwd"),
    ("settle", "in"): ("resides_in", "fwd"),
    ("raise", "in"): ("member_of", "fwd"),
    ("train", "in"): ("member_of", "fwd"),
    ("grow", "in"): ("member_of", "fwd"),
    ("serve", "under"): ("works_for", "fwd"),
    ("marry", "to"): ("family_of", "fwd"),
    # a former friend's change of side, and a face-to-face fight: "turns against X", "squares off
    # against X", "faces off with X", "clashes with X"
    ("turn", "against"): ("betrayed", "fwd"),
    ("turn", "on"): ("betrayed", "fwd"),
    # an insider who gives evidence against his own side: "testifies against X", "informs on X"
    ("testify", "against"): ("betrayed", "fwd"),
    ("inform", "on"): ("betrayed", "fwd"),
    ("face", "against"): ("fought", "fwd"),
    ("square", "against"): ("fought", "fwd"),
    ("square", "with"): ("fought", "fwd"),
    ("clash", "with"): ("fought", "fwd"),
}
#: the verbs of `PREP_VERBS`
PREP_VERB_LEMMAS = frozenset(verb for verb, _ in PREP_VERBS)
#: plural nouns for the people who act for someone ("Lund's men kill Ivo": a killing by Lund's crew)
CREW_NOUNS = frozenset(
    {"man", "men", "soldier", "soldiers", "thug", "thugs", "goon", "goons", "henchman", "henchmen",
     "troops", "gunman", "gunmen", "hitman", "hitmen", "enforcer", "enforcers", "minion", "minions"}
)  # fmt: skip
#: participles that give a group its leader ("a ring run by X", "a band of rebels led by X")
GROUP_LEAD_VERBS = frozenset({"run", "lead", "head", "command", "rule"})
#: verbs of bringing a group together: its subject leads it ("X assembles a crew, the Y: A, B")
ASSEMBLE_VERBS = frozenset({"assemble", "form", "found", "gather", "recruit", "build", "raise"})
#: verbs of living somewhere ("lives with X in Y", "who lives above a shop in Y")
RESIDE_VERBS = frozenset({"live", "reside", "dwell"})
#: verbs whose "to be" complement is asserted of their subject: "X is revealed to be / turns out to
#: be / proves to be Y's son" (not "claims to be", "seems to be", "pretends to be")
REVEAL_RAISING = frozenset({"reveal", "turn", "prove", "confirm", "discover", "find", "show"})

#: "seek counsel from X", "ask X for help": a noun object that turns the verb into a meeting
COUNSEL_NOUNS = frozenset({"counsel", "advice", "help", "guidance", "aid", "refuge", "shelter", "answers"})
COUNSEL_VERBS = frozenset({"seek", "ask", "get", "receive", "request", "beg"})

#: "in X's pay", "on X's payroll", "in the pay of X": the subject works for X
PAY_NOUNS = frozenset({"pay", "payroll", "employ"})

#: "under the (watchful) eye / tutelage / guidance of X": X trained the subject
TUTELAGE_NOUNS = frozenset({"eye", "tutelage", "guidance", "wing", "training", "mentorship", "care"})

#: nouns for the relation of a possessor to a person ("X's mother"): predicate, direction from X
RELATIONAL_NOUNS: dict[str, tuple[str, str]] = {
    **{
        n: ("family_of", "sym")
        for n in (
            "family",
            "mother",
            "father",
            "parent",
            "parents",
            "brother",
            "sister",
            "son",
            "daughter",
            "wife",
            "husband",
            "uncle",
            "aunt",
            "cousin",
            "grandmother",
            "grandfather",
            "grandchild",
            "grandchildren",
            "grandson",
            "granddaughter",
            "grandparent",
            "grandparents",
            "sibling",
            "siblings",
            "twin",
            "twins",
            "brothers",
            "sisters",
            "sons",
            "daughters",
            "cousins",
            "niece",
            "nephew",
            "stepmother",
            "stepfather",
            "stepson",
            "stepdaughter",
            "child",
            "children",
            "mom",
            "dad",
            "fiancee",
            "fiance",
            "grandson",
            "granddaughter",
            "half-brother",
            "half-sister",
            "stepbrother",
            "stepsister",
            "father-in-law",
            "mother-in-law",
            "brother-in-law",
            "sister-in-law",
            "son-in-law",
            "daughter-in-law",
            "spouse",
            "widow",
            "widower",
            "fiancé",
            "fiancée",
        )
    },
    **{
        n: ("works_for", "rev")
        for n in (
            "lieutenant",
            "lieutenants",
            "henchman",
            "henchmen",
            "enforcer",
            "enforcers",
            "bodyguard",
            "bodyguards",
            "guard",
            "guards",
            "assistant",
            "deputy",
            "employee",
            "servant",
            "agent",
            "agents",
            "soldier",
            "soldiers",
            "thug",
            "thugs",
            "goon",
            "goons",
            "minion",
            "minions",
            "right-hand",
            "underling",
            "underlings",
            "hitman",
            "hitmen",
            "manservant",
            "butler",
            "valet",
            "maid",
            "squire",
            "aide",
            "general",
            "generals",
            "bookkeeper",
            "accountant",
            "driver",
            "chauffeur",
            "secretary",
            "housekeeper",
            "steward",
            "informant",
            "informants",
            "spy",
            "spies",
        )
    },
    **{
        n: ("ally_of", "sym")
        for n in ("ally", "allies", "friend", "friends", "partner", "comrade", "accomplice", "sidekick")
    },
    **{n: ("works_for", "fwd") for n in ("boss", "superior", "employer", "captain", "commander", "handler")},
    **{n: ("enemy_of", "sym") for n in ("enemy", "enemies", "nemesis", "rival", "archenemy", "foe")},
    **{n: ("trained_by", "fwd") for n in ("mentor", "trainer", "teacher", "master", "sensei")},
    **{n: ("trained_by", "rev") for n in ("student", "apprentice", "protege", "pupil", "disciple")},
}

#: the kind of kinship a family noun names, and each kind's converse ("X's daughter Y": Y's father X)
KIN_CLASS: dict[str, str] = {
    **dict.fromkeys(
        ("mother", "father", "parent", "parents", "mom", "dad", "stepmother", "stepfather"), "parent"
    ),
    **dict.fromkeys(
        ("son", "daughter", "child", "children", "sons", "daughters", "stepson", "stepdaughter"), "child"
    ),
    **dict.fromkeys(
        (
            "brother",
            "sister",
            "sibling",
            "siblings",
            "brothers",
            "sisters",
            "twin",
            "twins",
            "half-brother",
            "half-sister",
            "stepbrother",
            "stepsister",
        ),
        "sibling",
    ),
    **dict.fromkeys(
        ("wife", "husband", "spouse", "widow", "widower", "fiance", "fiancee", "fiancé", "fiancée"), "spouse"
    ),
    **dict.fromkeys(("grandmother", "grandfather"), "grandparent"),
    **dict.fromkeys(("grandson", "granddaughter"), "grandchild"),
    **dict.fromkeys(("uncle", "aunt"), "uncle"),
    **dict.fromkeys(("niece", "nephew"), "nibling"),
    **dict.fromkeys(("cousin", "cousins"), "cousin"),
}
KIN_CONVERSE = {
    "parent": "child", "child": "parent", "sibling": "sibling", "spouse": "spouse",
    "grandparent": "grandchild", "grandchild": "grandparent", "uncle": "nibling", "nibling": "uncle",
    "cousin": "cousin",
}  # fmt: skip

#: nouns for a person's place in an organisation: "leader of X", "a member of X"
LEADER_NOUNS = frozenset(
    {"leader", "head", "boss", "chief", "founder", "ruler", "commander", "kingpin", "executive", "ceo",
     "president", "chairman", "chairwoman", "owner", "prophet", "matriarch", "patriarch", "warlord",
     "chieftain", "ringleader", "mastermind", "king", "queen", "emperor", "empress", "monarch",
     "sultan", "pharaoh", "tsar", "czar", "overlord"}
)  # fmt: skip
MEMBER_NOUNS = frozenset(
    {
        "member", "members", "agent", "agents", "operative", "operatives", "soldier", "soldiers",
        "officer", "officers", "assassin", "assassins", "enforcer", "enforcers", "recruit", "recruits",
        "initiate", "part",
    }
)  # fmt: skip

#: common nouns naming a group (a "hidden guild", "a rival cartel")
ORG_NOUNS = frozenset(
    {
        "faction", "cartel", "gang", "syndicate", "cult", "guild", "clan", "brotherhood", "sisterhood",
        "society", "council", "agency", "organization", "organisation", "order", "mafia", "mob",
        "cabal", "league", "network", "cell", "crew", "triad", "army", "militia", "tribe", "company", "firm",
        "corporation", "conglomerate",
    }
)  # fmt: skip

#: groups a person's possessive makes theirs to run ("his company, X", "her gang, the Y")
OWNED_GROUP_NOUNS = frozenset({"company", "firm", "gang", "crew", "cartel", "syndicate", "corporation"})

#: common nouns naming a place an event can be set in ("a derelict warehouse")
PLACE_NOUNS = frozenset(
    {
        "theater", "theatre", "warehouse", "church", "cathedral", "hotel", "station", "club", "nightclub",
        "mansion", "prison", "hospital", "factory", "temple", "castle", "palace", "fortress", "bunker",
        "monastery", "casino", "museum", "opera", "library", "harbor", "harbour", "dock", "docks",
        "airport", "lighthouse", "compound", "estate", "villa", "cabin", "farmhouse", "mine", "arena",
        "stadium", "subway", "sewer", "sewers", "shipyard", "port", "market", "bazaar", "cemetery",
        "graveyard", "school", "academy", "laboratory", "lab", "base", "tower", "skyscraper", "ballroom",
        "bank", "vault", "abbey", "citadel", "keep", "manor", "chapel", "inn", "tavern", "bar", "saloon",
        "restaurant", "hideout", "safehouse", "outpost", "garrison", "camp", "ranch", "plantation",
        "fort",
    }
)  # fmt: skip
#: nouns that type a name in apposition as a place, too general to stand for a place on their own
#: ("X, an abandoned army post"; "Y, a mining platform"; "Z, a spring hidden in the woods")
PLACE_APPOS_NOUNS = frozenset(
    {"post", "platform", "village", "settlement", "colony", "battery", "fortification", "installation",
     "spring", "well", "pool", "lake", "pond", "cave", "cavern", "glade", "clearing", "grove",
     "meadow", "marsh", "swamp", "ruin", "ruins", "oasis", "waterfall", "canyon", "valley", "island",
     "forest", "wood", "woods", "burrow", "den", "lair", "chapel", "mill", "barn", "orchard", "farm",
     "quarry"}
)  # fmt: skip

#: the last word of a place name ("the Orvel River", "Baker Street")
PLACE_HEADS = frozenset(
    {
        "river", "mountains", "mountain", "mount", "sea", "lake", "ocean", "street", "avenue", "road",
        "island", "islands", "bay", "valley", "desert", "forest", "city", "county", "kingdom",
        "province", "republic", "square", "bridge", "canyon", "coast", "peninsula", "gulf", "falls",
        "hills", "park", "quarter", "district", "plains", "woods", "strait", "canal", "abbey",
        "citadel", "keep", "fortress", "monastery", "cathedral", "palace", "manor", "harbor", "harbour",
        "station", "outpost",
    }
)  # fmt: skip

#: capitalised words that open an "X of (the) Y" name: "the Order of the Tide", "the Isle of Rook"
OF_NAME_HEADS = frozenset(
    {"order", "house", "isle", "island", "islands", "bay", "sea", "gulf", "kingdom", "city", "court",
     "league", "knights", "brotherhood", "sisterhood", "guild", "church", "temple", "council", "society",
     "sons", "daughters", "children", "army", "legion", "circle", "cult", "college", "bank", "republic",
     "empire", "valley", "lake", "mount", "straits", "hall", "halls", "tower", "vale", "lords"}
)  # fmt: skip

#: the first word of a place name ("Fort Ardel", "Port Lune", "Camp Nine")
PLACE_PREFIXES = frozenset({"fort", "port", "camp", "cape", "mount", "lake"})

#: endings of common nouns for a person ("ferrywoman", "innkeeper", "watchman")
PERSON_SUFFIXES = ("woman", "man", "keeper")

#: place nouns that introduce a named place ("the town of X")
PLACE_INTRO = frozenset(
    {"town", "city", "village", "country", "capital", "region", "island", "streets", "state", "planet",
     "moon", "spaceport", "port", "harbor", "harbour", "kingdom", "realm", "continent", "province", "county",
     "world"}
)  # fmt: skip

#: the last word of a group's name ("the Rebel Alliance", "the Iron Guild")
ORG_HEADS = frozenset(
    {"alliance", "empire", "order", "council", "guild", "federation", "league", "society", "agency",
     "corporation", "company", "corp", "inc", "syndicate", "cartel", "gang", "clan", "brotherhood",
     "sisterhood", "army", "resistance", "rebellion", "circle", "cult", "brigade", "legion", "bureau",
     "institute", "foundation", "family", "church", "party", "union", "coalition", "consortium", "crew",
     "enterprises", "industries", "incorporated", "holdings", "laboratories", "labs", "unit", "division",
     "department", "squad", "police", "academy", "navy", "marines", "corps", "university", "college",
     "pharmaceuticals", "studios", "ministry", "conservatory"}
)  # fmt: skip

#: nouns for a person: an apposition with one of these makes a name a character
PERSON_NOUNS = frozenset(
    {
        "man", "woman", "girl", "boy", "person", "assassin", "killer", "mercenary", "hitman", "agent",
        "officer", "detective", "cop", "soldier", "warrior", "thief", "broker", "dealer", "spy", "hero",
        "heroine", "villain", "protagonist", "antagonist", "leader", "boss", "king", "queen", "prince",
        "princess", "lord", "lady", "doctor", "scientist", "mentor", "teacher", "student", "sister",
        "brother", "mother", "father", "daughter", "son", "wife", "husband", "friend", "ally", "enemy",
        "rival", "partner", "widow", "orphan", "dancer", "fighter", "gunman", "bodyguard",
        "lieutenant", "henchman", "enforcer", "sniper", "hacker", "pilot", "captain", "general",
        "sergeant", "colonel", "commander", "criminal", "gangster", "don", "kingpin", "mobster", "knight",
        "wizard", "witch", "sorcerer", "hunter", "bounty", "smuggler", "lawyer", "journalist", "reporter",
        "nurse", "priest", "monk", "nun", "farmer", "kid", "child", "teenager", "veteran",
        "legend", "face", "figure", "character", "operative", "informant", "contact", "boxer", "samurai",
        "ninja", "cowboy", "sheriff", "outlaw", "pirate", "vampire", "robot", "android", "alien",
        "guardian", "ruler", "emperor", "empress", "chancellor", "senator", "president", "director",
        "manager", "owner", "founder", "chief", "head", "member", "sibling", "twin", "aunt", "uncle",
        "cousin", "grandmother", "grandfather", "mercenaries", "killers", "assassins", "executive", "ceo",
        "geologist", "engineer", "firefighter", "guard", "courier", "chef",
        "professor", "surgeon", "medic", "mechanic", "driver", "miner", "fisherman", "sailor",
        "worker", "clerk", "banker", "accountant", "programmer", "artist", "singer", "musician", "writer",
        "painter", "photographer", "investigator", "marshal", "ranger", "deputy", "inspector",
        "keeper", "stranger", "butler", "maid", "servant", "housekeeper", "chauffeur", "nanny", "tutor",
        "psychiatrist", "therapist", "attorney", "prosecutor", "judge", "commissioner", "mayor", "governor",
        "trainee", "recruit", "rookie", "bartender", "waitress", "waiter", "landlord", "neighbour",
        "neighbor", "hostage", "prisoner", "inmate", "warden", "villainess", "girlfriend", "boyfriend",
        "fiancee", "fiance", "lover", "robber", "crook", "burglar", "con", "fixer", "hustler", "thug",
        "associate", "colleague", "accomplice", "roommate", "godmother", "godfather", "drummer", "pianist",
        "guitarist", "violinist", "cellist", "saxophonist", "trumpeter", "bassist",
    }
)  # fmt: skip

#: nouns for a creature that acts like a person in a story (animated and fantasy films): an apposition
#: with one of these, or "a young otter named X", makes a name a character
CREATURE_NOUNS = frozenset(
    {
        "animal", "creature", "beast", "monster", "dragon", "otter", "hedgehog", "mouse", "rat", "fox",
        "wolf", "weasel", "badger", "rabbit", "hare", "bear", "cat", "kitten", "dog", "puppy", "pup", "owl",
        "bird", "crow", "raven", "hawk", "eagle", "duck", "frog", "toad", "squirrel", "mole", "deer", "horse",
        "pony", "lion", "tiger", "monkey", "ape", "pig", "goat", "sheep", "cow", "bull", "snake", "spider",
        "fish", "shark", "whale", "dolphin", "penguin", "turtle", "lizard", "bat", "beetle", "bee", "ant",
        "elf", "dwarf", "goblin", "troll", "ogre", "giant", "fairy", "sprite", "ghost", "spirit", "demon",
        "zombie", "werewolf", "unicorn", "griffin", "golem", "cyborg", "droid", "toy", "doll", "puppet",
    }
)  # fmt: skip

FEMALE_NOUNS = frozenset(
    {"woman", "girl", "heroine", "queen", "princess", "lady", "sister", "mother", "daughter", "wife",
     "widow", "witch", "nun", "empress", "actress", "aunt", "grandmother", "mrs", "ms"}
)  # fmt: skip
MALE_NOUNS = frozenset(
    {"man", "boy", "king", "prince", "lord", "brother", "father", "son", "husband", "monk", "emperor",
     "uncle", "grandfather", "mr", "don", "gunman", "henchman", "hitman"}
)  # fmt: skip

FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
#: either gender's (a name's stand-ins)
GENDERED_PRONOUNS = FEMALE_PRONOUNS | MALE_PRONOUNS

#: adverbs that open a sentence and never a name ("Meanwhile Bill waits", "Later Ada leaves")
OPENING_ADVERBS = frozenset(
    {"meanwhile", "later", "eventually", "then", "however", "soon", "finally", "afterwards", "afterward",
     "suddenly", "instead", "still", "now", "yet", "also", "together", "again", "ultimately", "elsewhere",
     "nearby", "inside", "outside", "there", "here"}
)  # fmt: skip

#: first pieces of English hyphenated words ("Ex-wife", "Co-star", "Half-blood"), never of a given name
#: ("Ki-taek") whose second piece is in lower case
HYPHEN_PREFIXES = frozenset(
    {"anti", "ex", "re", "co", "mid", "non", "half", "well", "self", "pre", "post", "semi", "multi", "sub",
     "over", "under", "cross", "step", "great", "grand", "vice", "pro", "one", "two", "three", "four",
     "five", "six", "seven", "eight", "nine", "ten", "first", "all", "long", "short", "high", "low", "old",
     "new", "big", "would", "x", "t", "e", "u", "mr", "mrs", "ms", "dr", "part", "full", "hand", "home"}
)  # fmt: skip

#: first words of many-word place names ("San Diego", "Fort Worth", "Lake Geneva"): the name's last
#: word alone is someone else ("Diego")
PLACE_PREFIXES = frozenset(
    {"san", "santa", "santo", "los", "las", "new", "fort", "port", "mount", "saint", "st", "st.", "lake",
     "cape", "puerto", "porto", "north", "south", "east", "west", "upper", "lower", "glen"}
)  # fmt: skip

#: verbs after which "as X" is a guise or a job in the story, never an actor's part ("poses as X",
#: "goes undercover as X", "works as X's driver")
GUISE_VERBS = frozenset(
    {"pose", "masquerade", "pass", "disguise", "dress", "impersonate", "live", "travel", "register",
     "introduce", "present", "serve", "work", "act", "identify", "sign", "enlist", "go", "hide"}
)  # fmt: skip

#: words that open a comparison with something outside the story
COMPARISON_CUES = frozenset(
    {"think", "like", "reminiscent", "akin", "similar", "unlike", "vein", "echoes", "shades"}
)
COMPARISON_PHRASES = (
    "mixed with", "crossed with", "meets", "a la", "à la", "in the vein of", "reminiscent of",
    "compared to", "compared with", "comparisons to", "echoes of", "shades of", "homage to",
    "nod to", "a riff on", "similar to", "akin to", "like watching", "recalls", "evokes",
)  # fmt: skip

#: verbs after which what the reviewer grew up on names something outside the story ("I grew up on X",
#: "someone who was raised on X and Y"); the work under review is loved and watched, so not those
REVIEWER_VERBS = frozenset({"grow", "raise", "bring", "wean", "feed"})

#: cue words that mark the lead of the story ("X is the lead now", "X's journey")
LEAD_NOUNS = frozenset({"lead", "protagonist", "heroine", "hero", "center", "centre", "heart", "star"})
JOURNEY_NOUNS = frozenset({"journey", "story", "arc", "quest", "mission", "revenge", "path", "odyssey"})

#: words for the work itself
WORK_NOUNS = frozenset(
    {"movie", "film", "picture", "flick", "feature", "series", "show", "sequel", "spin-off"}
)
#: nouns after a name that make it a universe ("the Tessel saga", "the Harrow cycle")
UNIVERSE_NAME_NOUNS = frozenset({"universe", "franchise", "saga", "multiverse", "cycle"})
SERIES_NOUNS = frozenset({"series", "show", "season", "episode", "miniseries"})
UNIVERSE_NOUNS = frozenset(
    {"universe", "franchise", "saga", "world", "multiverse", "mythos", "canon", "cycle"}
)

#: verbs whose subject uncovers something (an investigation) or learns it (a revelation)
INVESTIGATION_VERBS = frozenset(
    {"track", "investigate", "search", "uncover", "trace", "interrogate", "question", "hunt", "follow",
     "probe", "dig", "bribe", "infiltrate", "stake"}
)  # fmt: skip
REVELATION_VERBS = frozenset({"learn", "discover", "realize", "realise", "find", "uncover", "reveal"})
CHASE_VERBS = frozenset({"chase", "stalk", "pursue", "hunt", "corner", "tail"})
ESCAPE_VERBS = frozenset({"escape", "flee"})
RESCUE_VERBS = frozenset({"rescue", "save", "free", "liberate"})
#: verbs whose agent and object are then allies, or enemies: "Tomas rescues Viktor", "Bo kidnaps Ann"
ALLY_VERBS = frozenset({"rescue", "save"})
ENEMY_VERBS = frozenset({"kidnap", "abduct", "capture", "torture", "imprison", "hunt"})
CAPTURE_VERBS = frozenset({"capture", "kidnap", "abduct", "imprison", "arrest", "seize"})

#: action verbs outside the relation lexicon, by the kind of event they make ("X steals Y's map")
_ATTACKS = (
    "shoot", "stab", "poison", "strike", "wound", "beat", "punch", "strangle", "shove", "choke", "slash",
    "maim", "torture", "assault", "raid", "hit", "kick", "bludgeon",
)  # fmt: skip
#: attacks on a person's body, which make attacker and victim fighters ("shoots", "stabs", "beats")
BLOW_VERBS = frozenset(
    {"shoot", "stab", "strike", "beat", "punch", "strangle", "choke", "slash", "kick", "bludgeon", "assault"}
)
ACTION_KINDS: dict[str, str] = {
    **{v: "theft" for v in ("steal", "rob", "loot", "snatch", "pilfer", "swipe", "pickpocket")},
    **{v: "fight" for v in _ATTACKS},
    **{v: "punishment" for v in ("punish", "banish", "exile", "sentence", "condemn", "expel")},
}
#: verbs of being, having, perceiving, feeling and thinking, and the reviewer's verbs of making and
#: playing: with a character on both sides they are no plot event ("Ann loves Bo", "Jo Roe plays Ann")
NON_ACTION_VERBS = frozenset(
    {"be", "have", "do", "become", "seem", "appear", "look", "see", "watch", "hear", "know", "think",
     "believe", "feel", "want", "need", "love", "like", "hate", "fear", "trust", "distrust", "remember",
     "forget", "wish", "hope", "owe", "play", "portray", "make", "let", "get", "call", "name", "resemble",
     "remind", "deserve", "mean", "miss", "admire", "respect", "envy", "pity", "prefer", "recognize",
     "recognise", "notice", "imagine", "dream", "blame", "suspect", "doubt", "understand", "resent",
     "star", "cast", "feature", "show", "include", "describe", "write", "direct",
     "film", "frame"}
)  # fmt: skip
#: prepositions whose object takes part in an action ("sends X to Y", "trades it to Y")
ACTION_PREPS = frozenset(
    {"to", "with", "from", "against", "at", "for", "into", "toward", "towards", "on", "after"}
)
#: what after an attack verb makes it a killing ("shoots him dead", "beats him to death")
DEAD_WORDS = frozenset({"dead", "death"})
#: adverbs that make an attack a killing ("fatally shoots him", "mortally wounds her")
FATAL_ADVERBS = frozenset({"fatally", "mortally"})

#: nouns for events stated without a verb ("the betrayal is painful")
EVENT_NOUNS: dict[str, str] = {
    "betrayal": "betrayal",
    "murder": "killing",
    "killing": "killing",
    "assassination": "killing",
    "fight": "fight",
    "duel": "fight",
    "showdown": "fight",
    "confrontation": "fight",
    "battle": "fight",
    "chase": "chase",
    "meeting": "meeting",
    "reunion": "meeting",
}

#: modifiers that keep a negated verb asserted: "didn't just kill" still kills
NOT_JUST = frozenset({"just", "only", "merely", "simply"})
#: heads whose complement is not asserted: "tries to kill", "wants to kill"
UNREAL_HEADS = frozenset(
    {"try", "attempt", "fail", "want", "plan", "hope", "wish", "threaten", "refuse", "pretend", "vow",
     "swear", "intend", "seek", "need", "have", "decide", "promise", "expect"}
)  # fmt: skip

#: capitalised words that are never names on their own
NOT_NAMES = frozenset(
    {"i", "i'm", "god", "mr", "mrs", "ms", "dr", "oh", "ok", "okay", "wow", "act", "part",
     "chapter", "scene", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "english", "final", "thoughts", "conclusion", "verdict", "review"}
)  # fmt: skip

#: act cues: phrase -> act number
ACT_CUES: tuple[tuple[str, int], ...] = (
    ("opens", 1), ("opening", 1), ("first act", 1), ("begins", 1), ("second act", 2), ("midpoint", 2),
    ("middle act", 2), ("third act", 3), ("final act", 3), ("climax", 3), ("final confrontation", 3),
    ("finale", 3), ("showdown", 3), ("ends with", 3), ("end with", 3),
)  # fmt: skip

#: verbs whose subject and object are people ("X kills Y", "X is betrayed by Y")
PERSON_VERBS = frozenset(
    {
        v
        for v, (p, _) in VERBS.items()
        if p in ("killed", "defeated", "fought", "betrayed", "met", "trained_by")
    }
    | {"rob", "marry", "rescue", "save", "stalk", "chase", "hunt", "love", "kiss", "protect"}
)

#: verbs whose subject is a being, never a place or a thing ("X lives with her uncle", "X vows to")
ANIMATE_SUBJECT_VERBS = frozenset(
    {"live", "dwell", "decide", "refuse", "want", "vow", "swear", "agree", "realize", "realise", "learn",
     "fear", "believe", "pretend", "promise", "confess", "admit", "beg", "insist", "sneak", "whisper"}
)  # fmt: skip

#: titles after which the parser may wrongly end a sentence ("The story follows Sgt. Anya Kovac")
ABBREVIATIONS = frozenset(
    {"sgt.", "dr.", "mr.", "mrs.", "ms.", "lt.", "capt.", "col.", "gen.", "prof.", "st.", "det."}
)
#: adjectives of a character's name or repute in the story, never a verdict on an actor: "Ann Roe is
#: famous as the Gray Widow", "is disguised as Bo"
REPUTE_ADJECTIVES = frozenset(
    {"famous", "notorious", "infamous", "known", "renowned", "disguised", "dressed", "revered", "feared",
     "celebrated", "remembered", "reborn", "safe", "alive", "dead", "unknown", "hidden", "recognizable",
     "recognisable", "masked"}
)  # fmt: skip
#: crafts credited with "by" to a person who is not in the story ("the score by Jo Roe")
CRAFT_NOUNS = frozenset(
    {"score", "music", "soundtrack", "cinematography", "photography", "editing", "costumes", "design",
     "choreography", "effects", "production"}
)  # fmt: skip
#: credit words before a person's name ("director Jane Roe", "Director Jane Roe")
CREW_WORDS = frozenset(
    {"director", "writer", "screenwriter", "filmmaker", "showrunner", "directors", "writers", "screenwriters",
     "filmmakers"}
)  # fmt: skip
#: the plural credit words, before a list of names ("directors A and B", "writers A, B and C")
CREW_PLURALS = frozenset({"directors", "writers", "screenwriters", "filmmakers"})

#: names of languages that are no nationality ("a 2014 Malayalam film" is in Malayalam; "a Japanese
#: film" may be Japan's in any language, so nationality words are not here)
LANGUAGE_NAMES = frozenset(
    {"malayalam", "tamil", "telugu", "kannada", "hindi", "bengali", "marathi", "gujarati", "punjabi",
     "urdu", "odia", "oriya", "assamese", "bhojpuri", "konkani", "tulu", "sanskrit", "cantonese",
     "mandarin", "hokkien", "tagalog", "yiddish", "latin", "esperanto", "swahili", "sinhala", "pashto"}
)  # fmt: skip

#: verbs of acting a part: "A plays X", "X, played (voiced) by A"
CREDIT_LEMMAS = frozenset({"play", "portray", "voice"})

#: nouns of a group's leaders or members ("the boss of Z", "a member of Z"), one set for the tests
#: that take either
LEADER_OR_MEMBER_NOUNS = LEADER_NOUNS | MEMBER_NOUNS
