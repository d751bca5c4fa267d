"""The memo of citeproc-py's macro renders (briefings/plugins/citations/macromemo.py) gives what
citeproc-py gives without it: on sources of many types and shapes, in four styles, with the
memo's trial and path limits at their defaults and at their smallest."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: CSL items of many types and shapes: names and literal names, no author (a substitute, which
#: suppresses the variable it used for the rest of the reference), editor = translator,
#: date ranges, no date, no URL (Chicago's in-text forms of interviews and personal
#: communications depend on the citation's position), the same values shared between items.
ITEMS = [
    {"id": "book1", "type": "book", "title": "The Balkans after the war",
     "author": [{"family": "Hoxha", "given": "Arta"}, {"family": "Smith", "given": "John"}],
     "publisher": "Routledge", "publisher-place": "London", "issued": {"date-parts": [[2019]]}},
    {"id": "book2", "type": "book", "title": "Security sector reform",
     "author": [{"family": "Hoxha", "given": "Arta"}], "publisher": "Routledge",
     "publisher-place": "London", "issued": {"date-parts": [[2019]]}, "edition": "2"},
    {"id": "edited", "type": "book", "title": "Kosovo and NATO",
     "editor": [{"family": "Berisha", "given": "Dren"}],
     "translator": [{"family": "Berisha", "given": "Dren"}],
     "publisher": "Routledge", "issued": {"date-parts": [[2020, 3]]}},
    {"id": "untitled-author", "type": "report", "title": "Annual report on KFOR",
     "publisher": "NATO", "issued": {"date-parts": [[2021, 1, 19]]}, "number": "12"},
    {"id": "chapter", "type": "chapter", "title": "Partnership for Peace",
     "author": [{"family": "Krasniqi", "given": "Lule"}],
     "editor": [{"family": "Berisha", "given": "Dren"}],
     "container-title": "Kosovo and NATO", "publisher": "Routledge", "page": "101-123",
     "issued": {"date-parts": [[2020]]}},
    {"id": "journal", "type": "article-journal", "title": "A small army",
     "author": [{"family": "Gashi", "given": "Ilir"}], "container-title": "Survival",
     "volume": "61", "issue": "4", "page": "55-70", "DOI": "10.1080/0000",
     "issued": {"date-parts": [[2019, 8]]}},
    {"id": "range", "type": "article-journal", "title": "Two years of cooperation",
     "author": [{"family": "Gashi", "given": "Ilir"}], "container-title": "Survival",
     "issued": {"date-parts": [[2019, 8], [2020, 9]]}},
    {"id": "magazine", "type": "article-magazine", "title": "Winter drills",
     "author": [{"literal": "NATO Public Diplomacy Division"}], "container-title": "NATO Review",
     "issued": {"date-parts": [[2018, 12]]}},
    {"id": "news1", "type": "article-newspaper", "title": "Troops arrive",
     "author": [{"literal": "RKS News"}], "container-title": "RKS News",
     "issued": {"date-parts": [[2025, 3, 1]]}, "URL": "https://rks.example/1"},
    {"id": "news2", "type": "article-newspaper", "title": "Troops leave",
     "author": [{"literal": "RKS News"}], "container-title": "RKS News",
     "issued": {"date-parts": [[2025, 3, 1]]}, "URL": "https://rks.example/2"},
    {"id": "web-no-date", "type": "webpage", "title": "KFOR factsheet", "publisher": "NATO",
     "URL": "https://nato.example/kfor", "accessed": {"date-parts": [[2026, 11, 1]]}},
    {"id": "interview1", "type": "interview", "author": [{"family": "Kurti", "given": "Albin"}],
     "interviewer": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2024, 5, 2]]}},
    {"id": "interview2", "type": "interview", "author": [{"family": "Kurti", "given": "Albin"}],
     "interviewer": [{"family": "Roe", "given": "Rick"}], "title": "On the army",
     "container-title": "Kosovo Online", "URL": "https://ko.example/i",
     "issued": {"date-parts": [[2024, 5, 2]]}},
    {"id": "letter", "type": "personal_communication",
     "author": [{"family": "Stoltenberg", "given": "Jens"}],
     "recipient": [{"family": "Osmani", "given": "Vjosa"}], "issued": {"date-parts": [[2022]]}},
    {"id": "thesis", "type": "thesis", "title": "Civil control of the KSF", "genre": "PhD diss.",
     "author": [{"family": "Bytyqi", "given": "Era", "non-dropping-particle": "van"}],
     "publisher": "University of Prishtina", "issued": {"date-parts": [[2023]]}},
    {"id": "no-author-no-publisher", "type": "webpage", "title": "Untitled page",
     "URL": "https://x.example/", "issued": {"date-parts": [[2023, 2]]}},
]

SCRIPT = """
import json, sys
from briefings.citesyntax import CiteItem
from briefings.plugins.citations import macromemo, render
mode, styles = sys.argv[1], sys.argv[2].split(",")
items = json.loads(sys.stdin.read())
if mode == "plain":
    macromemo.install = lambda: None
elif mode == "smallest":
    macromemo.TRIAL, macromemo.MIN_HIT_SHARE, macromemo.MAX_PATHS = 3, 1.0, 1
out = {}
for style in styles:
    core = render.Core(style, None, {i["id"]: i for i in items})
    for n, key in enumerate(core.items):
        # the citation with a locator first (position "first") for two sources in three, after
        # one of the same source ("subsequent") for the others (n % 3: the 16 items repeat)
        cites = [(CiteItem(key, locator="12-14", locator_term="page"), True),
                 (CiteItem(key), False), (CiteItem(key, prefix="see", suffix="map 2"), False)]
        cites = cites if n % 3 else cites[1:] + cites[:1]
        out[style + " " + key] = [core.sort_keys(key), core.reference(key),
                                  *(core.cite(item, in_text) for item, in_text in cites)]
sites = getattr(macromemo, "SITES", {})
print(json.dumps({"out": out, "hits": sum(s.hits for s in sites.values()),
                  "off": sum(not s.on for s in sites.values())}))
"""

STYLES = "chicago-author-date,apa,ieee,modern-language-association"


def _run(mode: str, items: list[dict], styles: str = STYLES) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode, styles], input=json.dumps(items),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _variety(copies: int) -> list[dict]:
    """:data:`ITEMS`, then ``copies`` more of each with another key and title (so that both
    the memo's hits and its misses are exercised, and its trial ends)."""
    out = list(ITEMS)
    for n in range(copies):
        for item in ITEMS:
            copy = dict(item, id=f"{item['id']}-{n}")
            if "title" in item and n % 2:
                copy["title"] = f"{item['title']}, part {n}"
            out.append(copy)
    return out


@pytest.mark.parametrize("mode", ["memo", "smallest"])
def test_memo_renders_what_citeproc_renders(mode):
    items = _variety(14)  # 240 items: past the trial (200 renders) at every call site
    plain = _run("plain", items)
    memo = _run(mode, items)
    assert len(plain["out"]) == 4 * len(items)
    assert memo["out"] == plain["out"]
    assert plain["hits"] == 0
    if mode == "memo":
        assert memo["hits"] > 10_000  # the memo was used, not bypassed
        assert memo["off"] > 0  # and some call sites were given up (their values are unique)
    else:  # nearly every call site given up after 3 renders, one path each: still the same
        assert 0 < memo["hits"] < 1_000
        assert memo["off"] > 300


#: A style whose ``cs:substitute`` names a variable, which citeproc-py then suppresses in the
#: rest of the reference (the four styles above substitute through macros, which it does not).
SUBSTITUTE_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Substitute test</title><id>substitute-test</id>
    <updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="author">
    <names variable="author"><name/><substitute><text variable="title"/></substitute></names>
  </macro>
  <macro name="title"><text variable="title" font-style="italic"/></macro>
  <macro name="publisher"><text variable="publisher"/></macro>
  <citation><layout><text macro="author"/></layout></citation>
  <bibliography><layout delimiter=". ">
    <text macro="author"/><text macro="title"/><text macro="publisher"/>
  </layout></bibliography>
</style>
"""


def test_substitute_suppression_is_part_of_the_key(tmp_path):
    """A source without an author is listed under its title, which is then not printed again;
    the same ``title`` macro prints it for a source with an author. Both the state a macro
    starts from and the state it leaves are part of what the memo keeps."""
    style = tmp_path / "substitute.csl"
    style.write_text(SUBSTITUTE_STYLE, encoding="utf-8")
    one = {"type": "book", "title": "Same title", "publisher": "P"}
    items = [dict(one, id="a"), dict(one, id="b", author=[{"family": "Doe", "given": "Jane"}])]
    items += [dict(i, id=i["id"] + "2") for i in items]
    plain = _run("plain", items, str(style))
    memo = _run("memo", items, str(style))
    assert memo["out"] == plain["out"]
    assert memo["hits"] > 0
    references = {k.rsplit(" ", 1)[1]: v[1] for k, v in memo["out"].items()}
    # (citeproc-py does not put a layout's delimiter between its children)
    assert references == {"a": "Same titleP", "a2": "Same titleP",
                          "b": "Jane Doe<i>Same title</i>P", "b2": "Jane Doe<i>Same title</i>P"}
