"""The headline checks (briefings/headline_checks.py): each with titles where it must fire and
titles where it must not. The titles are invented."""

from __future__ import annotations

import pytest
import yaml

from briefings.headline_checks import CHECKS, DATA, failures

FIRES: dict[str, list[str]] = {
    "starts-with-date": ["May 4, 2021: engineers reach the border", "On 4 May KFOR moves east",
                         "Since Oct. 3 the patrols have tripled", "Yesterday the alliance agreed",
                         "2021-05 lease signed for the depot", "Date 2017 the talks went on",
                         "4. maja 2021. ministar je stigao"],
    "starts-with-preposition": ["Under the new plan, depots open", "Ahead of the vote, envoys talk",
                                "Following the talks in Skopje",
                                "Once the envoys agree, depots open"],
    "starts-with-quote": ["“We will stay,” the general says", "\"Hold the line\" says the envoy"],
    "starts-with-dash": ["– Alliance agrees on more engineers", "- Ministers sign the memorandum"],
    "too-short": ["Envoy arrives", "KFOR", "Skopje 2021"],
    "handle": ["@SomeEmbassy praises the engineers", "Ministry thanks @field_medics for help"],
    "published": ["Published: 4 May, the ministry says", "Wire Updated: 07:45 CET item",
                  "Last modified by the web team"],
    "dateline": ["ROME, May 4 – the envoy backs more engineers",
                 "SKOPJE, Macedonia (AFP) envoys meet",
                 "VIENNA, 3 October engineers arrive", "Gjakova, 4 May the mayor opens a depot"],
    "bare-number": ["Wire item 07:45 CET", "Ministers meet on 04.05.2021 in Skopje",
                    "Since May 4, 2021", "The depot turns 30"],
    "not-english": ["Ministri i brendshëm inspekton depon në jug të vendit",
                    "Ministar je obišao skladište kod granice",
                    "Министар је обишао складиште код границе",
                    "Inženjeri stižu kod granice"],
    "unfinished": ["Envoys agree ( ) to widen the patrols", "Engineers reach the depot that the",
                   "The ministry says the plan would", "Envoys meet the mayor of …"],
    "says-nothing": ["Daily Gazette reports a development in statements and positions",
                     "A development reported by the Wire Service"],
}

PASSES: dict[str, list[str]] = {
    "starts-with-date": ["Ministers sign a memorandum on 4 May", "Mayors welcome the envoy",
                         "Inside the new depot", "3,000 volunteers join the drill"],
    "starts-with-preposition": ["Inspectors reach the depot", "Onward plans approved",
                                "Undersea cable protected"],
    "starts-with-quote": ["General says “we will stay”", "KFOR’s engineers return"],
    "starts-with-dash": ["Alliance-led engineers reach the border", "Skopje – Tirana line opens"],
    "too-short": ["Engineers reach Gjakova", "Depot formally opened"],
    "handle": ["Write to desk@ministry.example for passes", "Embassy praises the engineers"],
    "published": ["Ministry publishes its procurement plan", "Plan updated after the audit"],
    "dateline": ["NATO, Skopje and Tirana agree a plan", "Rome approves the engineer mission",
                 "EU, US envoys visit the depot", "AFP reports a new contract"],
    "bare-number": ["Alliance adds 3,000 engineers in the east",
                    "Exercise Northern Shield 21 begins",
                    "Allies invoke Article 5", "Ministry receives 12 trucks from Italy",
                    "Engineers recall the 2010-15 programme"],
    "not-english": ["Envoy meets Minister Gashi in Skopje",
                    "Ministry offers a new depot to the allies",
                    "Depot expansion approved", "FSK i AAF: joint drill in the east"],
    "unfinished": ["Engineers reach the depot", "Envoys agree (again) to widen the patrols",
                   "Ministry names the engineers it will send"],
    "says-nothing": ["Daily Gazette reports a new contract for the depot",
                     "Envoys discuss the development of the depot"],
}


def _cases(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(code, title) for code, titles in table.items() for title in titles]


@pytest.mark.parametrize(("code", "title"), _cases(FIRES))
def test_check_fires(code: str, title: str) -> None:
    assert code in failures(title)


@pytest.mark.parametrize(("code", "title"), _cases(PASSES))
def test_check_does_not_fire(code: str, title: str) -> None:
    assert code not in failures(title)


def test_every_check_has_cases_both_ways() -> None:
    assert set(FIRES) == set(PASSES) == set(CHECKS)


def test_a_plain_headline_passes_every_check() -> None:
    assert failures("The Kosovo Security Force sends a platoon to Kuwait") == []


def test_word_lists_are_words() -> None:
    """YAML reads a bare on/off/yes/no as a boolean: every list item must stay a string."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    items = [w for v in data.values() if isinstance(v, list) for w in v]
    items += [w for v in data.values() if isinstance(v, dict) for ws in v.values() for w in ws]
    assert items and all(isinstance(w, str) for w in items)
    assert "on" in data["prepositions"] and "on" in data["english"]
