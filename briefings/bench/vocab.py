"""Word lists of the synthetic corpus: the knobs of :mod:`briefings.bench.corpus` are data."""

from __future__ import annotations

#: Fixed organisations, countries and places: key -> (name, kind, aliases).
FIXED_ACTORS: dict[str, tuple[str, str, list[str]]] = {
    "kosovo": ("Kosovo", "country", ["Republic of Kosovo", "Kosova"]),
    "united-states": ("United States", "country", ["US", "U.S.", "USA", "America"]),
    "nato": ("NATO", "organisation", ["North Atlantic Treaty Organization", "the Alliance"]),
    "kfor": ("KFOR", "organisation", ["Kosovo Force", "NATO-led Kosovo Force"]),
    "ksf": ("Kosovo Security Force", "organisation", ["KSF", "FSK", "Forca e Sigurisë së Kosovës"]),
    "nlat": ("NATO Liaison and Advisory Team", "organisation", ["NLAT", "NALT"]),
    "us-dod": ("US Department of Defense", "organisation", ["Pentagon", "Department of Defense"]),
    "us-eucom": ("US European Command", "organisation", ["EUCOM"]),
    "iowa-national-guard": ("Iowa National Guard", "organisation", ["Iowa Guard"]),
    "kosovo-mod": ("Ministry of Defence of Kosovo", "organisation",
                   ["Kosovo Ministry of Defence", "MoD Kosovo"]),
    "albania": ("Albania", "country", ["Republic of Albania", "Shqipëri"]),
    "croatia": ("Croatia", "country", ["Republic of Croatia", "Hrvatska"]),
    "north-macedonia": ("North Macedonia", "country", ["Republic of North Macedonia"]),
    "montenegro": ("Montenegro", "country", ["Crna Gora"]),
    "germany": ("Germany", "country", ["Federal Republic of Germany"]),
    "united-kingdom": ("United Kingdom", "country", ["UK", "Britain"]),
    "turkey": ("Türkiye", "country", ["Turkey"]),
    "italy": ("Italy", "country", ["Italian Republic"]),
    "european-union": ("European Union", "organisation", ["EU"]),
    "eulex": ("EULEX", "organisation", ["European Union Rule of Law Mission in Kosovo"]),
    "osce": ("OSCE", "organisation", ["Organization for Security and Co-operation in Europe"]),
    "camp-bondsteel": ("Camp Bondsteel", "place", ["Bondsteel"]),
    "pristina": ("Pristina", "place", ["Prishtina", "Priština"]),
    "state-partnership-program": ("State Partnership Program", "programme", ["SPP"]),
}

#: Names read with "the" in running text ("funded by the European Union").
WITH_ARTICLE = {"united-states", "kfor", "ksf", "nlat", "us-dod", "us-eucom",
                "iowa-national-guard", "kosovo-mod", "united-kingdom", "european-union", "osce",
                "state-partnership-program"}

#: Actors that appear as the first party of a development (weights are implicit in repeats).
MAIN_PARTIES = ["kosovo", "kosovo", "kosovo", "ksf", "ksf", "kosovo-mod", "united-states",
                "nato", "kfor", "us-dod"]
PARTNERS = ["united-states", "nato", "kfor", "nlat", "us-dod", "us-eucom", "iowa-national-guard",
            "albania", "croatia", "north-macedonia", "montenegro", "germany", "united-kingdom",
            "turkey", "italy", "european-union", "eulex", "osce", "state-partnership-program"]

FIRST_NAMES = ["Arben", "Besnik", "Driton", "Fatmir", "Lirim", "Valon", "Agim", "Blerta", "Donika",
               "Teuta", "Jeton", "Ilir", "Kujtim", "Shpend", "Mimoza", "Rrahman", "Arta", "Vlora",
               "Bekim", "Hajredin", "James", "Robert", "Michael", "Sarah", "Jennifer", "Mark",
               "Christopher", "Elizabeth", "Thomas", "Laura", "Daniel", "Karen", "Giuseppe",
               "Anna", "Markus", "Claire", "Piotr", "Ioana", "Stefan", "Helena"]
LAST_NAMES = ["Krasniqi", "Gashi", "Berisha", "Hoxha", "Shala", "Morina", "Hyseni", "Rexhepi",
              "Bytyqi", "Kelmendi", "Mehmeti", "Zeqiri", "Osmani", "Haziri", "Sylejmani",
              "Miller", "Anderson", "Carter", "Walsh", "Hughes", "Bennett", "Reynolds", "Foster",
              "Sullivan", "Harper", "Rossi", "Becker", "Novak", "Kowalski", "Popescu", "Lindqvist"]

#: Offices a generated person may hold, with the organisation they belong to.
OFFICES = [
    ("Minister of Defence of Kosovo", "kosovo-mod"),
    ("Deputy Minister of Defence of Kosovo", "kosovo-mod"),
    ("Commander of the Kosovo Security Force", "ksf"),
    ("Deputy Commander of the Kosovo Security Force", "ksf"),
    ("Prime Minister of Kosovo", "kosovo"),
    ("President of Kosovo", "kosovo"),
    ("Minister of Foreign Affairs of Kosovo", "kosovo"),
    ("United States Ambassador to Kosovo", "united-states"),
    ("Commander of KFOR", "kfor"),
    ("Head of the NATO Liaison and Advisory Team", "nlat"),
    ("Deputy Assistant Secretary of Defense for European Affairs", "us-dod"),
    ("Adjutant General of the Iowa National Guard", "iowa-national-guard"),
    ("NATO Deputy Secretary General", "nato"),
    ("Commander of US European Command", "us-eucom"),
]

PLACES = ["Pristina", "Prizren", "Peja", "Mitrovica", "Ferizaj", "Gjilan", "Camp Bondsteel",
          "Camp Film City", "Tirana", "Skopje", "Zagreb", "Podgorica", "Brussels", "Washington",
          "Des Moines", "Stuttgart", "Naples", "Grafenwöhr", "Hohenfels", "Vienna"]

PUBLISHERS = [
    ("RKS News", "rksnews", "https://rks.news/"),
    ("Office of the Prime Minister of Kosovo", "kosovo-pmo", "https://kryeministri.rks-gov.net/en/"),
    ("Ministry of Defence of Kosovo", "kosovo-mod", "https://mod.rks-gov.net/"),
    ("KFOR", "kfor", "https://jfcnaples.nato.int/kfor/media/"),
    ("NATO", "nato", "https://www.nato.int/cps/en/natohq/news_"),
    ("US Embassy Pristina", "us-embassy-pristina", "https://xk.usembassy.gov/"),
    ("US Department of Defense", "us-dod", "https://www.defense.gov/News/Releases/"),
    ("BalkanEU", "balkaneu", "https://balkaneu.com/"),
    ("Balkan Insight", "balkan-insight", "https://balkaninsight.com/"),
    ("Koha Ditore", "koha", "https://www.koha.net/en/"),
    ("Kosovo Online", "kosovo-online", "https://www.kosovo-online.com/en/news/"),
    ("Iowa National Guard", "iowa-guard", "https://www.iowanationalguard.com/news/"),
    ("The Defense Post", "defense-post", "https://thedefensepost.com/"),
    ("europ.info", "europ-info", "https://europ.info/?p="),
]

TOPICS = ["defence cooperation", "interoperability with NATO forces", "the transition of the "
          "Kosovo Security Force", "border security", "cyber defence", "countering hybrid threats",
          "civil emergency planning", "military education", "the State Partnership Program",
          "demining and explosive ordnance disposal", "regional security", "peacekeeping "
          "deployments", "defence procurement", "military medicine", "logistics and maintenance",
          "search and rescue", "the defence budget", "Euro-Atlantic integration",
          "non-commissioned officer training", "air surveillance"]

ITEMS = ["armoured vehicles", "Humvees", "night-vision equipment", "body armour", "Javelin "
         "anti-tank systems", "communications equipment", "field ambulances", "engineering "
         "equipment", "drones", "firefighting vehicles", "training ammunition", "radars",
         "helicopter simulators", "medical supplies", "cold-weather uniforms"]

EXERCISES = ["Defender Europe", "Saber Junction", "Combined Resolve", "Swift Response",
             "Immediate Response", "Adriatic Strike", "Kosovo Shield", "Eagle Partner",
             "Allied Spirit", "Balkan Sentinel"]

AGREEMENTS = ["a memorandum of understanding", "a defence cooperation declaration",
              "a framework agreement", "a status of forces agreement", "a letter of intent",
              "a bilateral defence cooperation plan", "an implementation plan",
              "a training cooperation agreement"]

MISSIONS = ["the coalition mission in Kuwait", "the NATO mission in Iraq", "the peacekeeping "
            "mission in Lebanon", "the training mission in Germany", "an engineering "
            "deployment in Albania"]

#: Category -> title templates. Slots: {a} {b} (actor names), {place}, {topic}, {item},
#: {exercise}, {agreement}, {mission}, {person}, {office}.
TITLES: dict[str, list[str]] = {
    "agreements": [
        "{a} and {b} sign {agreement} on {topic}",
        "{a} and {b} agree on {agreement} covering {topic}",
        "{a} signs {agreement} with {b} in {place}",
    ],
    "meetings-and-visits": [
        "{person} visits {place} to discuss {topic}",
        "{a} and {b} hold talks on {topic} in {place}",
        "{person} meets the {office} in {place}",
        "Delegation of {b} visits the Kosovo Security Force in {place}",
    ],
    "exercises-and-training": [
        "Kosovo Security Force takes part in exercise {exercise} in {place}",
        "{b} trains Kosovo Security Force units in {topic}",
        "Joint exercise {exercise} brings {a} and {b} troops together in {place}",
    ],
    "procurement-and-donations": [
        "{b} donates {item} to the Kosovo Security Force",
        "Kosovo orders {item} from {b}",
        "{b} hands over {item} to {a} in {place}",
    ],
    "defence-industry": [
        "{a} and {b} discuss joint production of {item}",
        "Kosovo plans a state defence factory with investors from {b}",
    ],
    "missions-and-deployments": [
        "Kosovo Security Force contingent deploys to {mission}",
        "Kosovo Security Force unit returns from {mission}",
        "{b} extends its contribution to KFOR",
    ],
    "institutions-and-decisions": [
        "Kosovo Assembly approves law on {topic}",
        "{a} adopts a strategy on {topic}",
        "{b} decides to strengthen cooperation with {a} on {topic}",
    ],
    "statements": [
        "{person} says {b} remains committed to {topic}",
        "{b} welcomes progress of {a} in {topic}",
        "{person} calls for closer cooperation with {b} on {topic}",
    ],
}

SENTENCES_CONTEXT = [
    "Officials described the {event} as a step towards {topic}.",
    "The {event} follows several years of cooperation between {a} and {b} on {topic}.",
    "According to the statement, the two sides reviewed progress on {topic} and agreed to meet "
    "again within six months.",
    "Representatives of {c} attended as observers.",
    "The programme is funded partly by {b} and partly from the Kosovo defence budget.",
    "Analysts noted that the {event} fits a longer pattern of engagement between {a} and {b}.",
    "The ministry said the arrangements would be reviewed annually by a joint working group.",
    "Participants discussed training, equipment standards and the exchange of liaison officers.",
    "Earlier rounds of talks had focused on {topic2} rather than on {topic}.",
    "No financial figures were disclosed at the time of the announcement.",
    "The {office} said the cooperation had produced measurable results for both sides.",
    "Local media reported that the {event} took place in {place} in the presence of senior "
    "officers from {c}.",
    "Further details are expected to be published by the Ministry of Defence.",
    "The initiative remains open to other partners in the region.",
    "Both delegations underlined that the cooperation complements, and does not replace, the "
    "mandate of KFOR.",
    "A spokesperson for {b} said the next steps would be agreed at the technical level.",
    "The opposition in the Kosovo Assembly asked the government to publish the full text.",
    "Observers in {place} said the timetable was ambitious but achievable.",
    "Previous commitments on {topic2} were reported to be largely on schedule.",
    "The {office}, {person}, is expected to report to the Assembly on the outcome.",
    "Training is to be delivered in Kosovo and at facilities of {b} abroad.",
    "The arrangement builds on a series of earlier exchanges between staff officers.",
]

QUOTES = [
    "Our cooperation with {b} is built on shared values and a common commitment to security.",
    "This is a concrete step that makes our forces more capable and more interoperable.",
    "We will continue to support Kosovo's security institutions on their path of development.",
    "The results we see today are the product of many years of joint work.",
    "Training together is the best way to learn to operate together.",
]

POINTS = [
    "The parties agreed to expand joint training on {topic}.",
    "{b} will provide advisers and technical assistance.",
    "A joint working group will report on implementation.",
    "The cooperation covers {topic2} as well as {topic}.",
    "Costs are shared between {a} and {b}.",
    "The next review is planned in {place}.",
]

BOILERPLATE_HEADERS = [
    "Home » News » Defence and Security",
    "Zyra e Kryeministrit",
    "Skip to main content | Menu | Search",
    "NEWS | Politics | Security | Region",
]
BOILERPLATE_FOOTERS = [
    "Share this: Facebook Twitter LinkedIn Email",
    "Tags: NATO, KFOR, Kosovo Security Force, defence",
    "Last modified: {footer_date}",
    "Comments are closed.",
    "Leave a Reply. Your email address will not be published.",
    "© {footer_year} All rights reserved.",
    "Related: {other_headline}",
]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
