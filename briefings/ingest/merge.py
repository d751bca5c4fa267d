"""Stage 8, merge: one development, one entry, however many sources report it.

Reports of several sources are one development when their status is the same, their dates are
compatible (the less precise period contains the more precise date: 2025, 2025-07 and 2025-07-18
are compatible) and either their words overlap (thresholds in ``data/settings.yaml``) or, across
languages, they are the same kind of development among the same actors (registry ids; see
:func:`kin`), told first by their sources (the lede: a report further down an article needs
more, :func:`_lead_ok`). A report with no date joins a dated development of other sources
when its source was published within a few days of it, or, its publication date unknown, when
its words or two uncommon actors say so; in both cases only when one development fits best.
Three cases more: a day one source announces (planned) and another reports done is one
development, by actors alone; a day whose year no words give (``text-year``) joins that month
and day of another year that other sources report (:func:`_join_year_less`); and a source
whose dated reports are all history adds its citation through its undated lede
(:func:`undated_lead`), which, joining nothing, is an undated entry that a later run can date
(:func:`absorb`). A source that names the day of its story with no year joins only a
development of that day. On one day, an institution of Kosovo names
Kosovo too (:func:`with_country`). The merged development takes the most precise date and keeps
every source's evidence. Only this run's reports decide the split; :func:`attach` then finds
the entry already in ``content/`` that each development continues (the same evidence, or a new
source reporting an entry's development).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cache

from briefings.ingest.events import categories_of, content_words, default_category, overlap
from briefings.ingest.model import PRECISION_RANK, Event, Source
from briefings.ingest.read import settings
from briefings.model import Entry

LEN = {"day": 10, "month": 7, "year": 4}


@dataclass
class Development:
    events: list[Event] = field(default_factory=list)
    seed: Entry | None = None  # the entry in content/ this development continues, if any
    words: frozenset[str] = frozenset()
    flags: set[str] = field(default_factory=set)
    #: (source, date, precision) of reports of other developments that read alike but give
    #: another day (``conflicting-dates``): the page says which source says what
    disagree: list[tuple[str, dt.date, str]] = field(default_factory=list)
    lede: bool = False  # one of its reports is the first a source gives (its lede)
    #: undated entries in content/ of earlier runs that report it (:func:`absorb`)
    absorbed: list[Entry] = field(default_factory=list)
    #: dated entries of earlier runs, a day or so from the entry it continues, that its new
    #: reports show to be the same development (:func:`bridge`)
    joined: list[Entry] = field(default_factory=list)
    #: the day it is dated by when its sources disagree by a day (:func:`join_next_days`)
    pinned: tuple[dt.date, str] | None = None
    _profile: Profile | None = field(default=None, init=False, repr=False, compare=False)

    def add(self, ev: Event) -> None:
        status = self.status
        self.events.append(ev)
        self.words = self.words | ev.words
        if self.status != status:  # a plan another source reports done: rebuilt once
            self._profile = None
        elif self._profile is not None:  # grown, not rebuilt: a development may have many
            self._profile = self._profile | report_profile(ev)

    @property
    def profile(self) -> Profile:
        """Its :class:`Profile`, kept up to date as reports are added."""
        if self._profile is None:
            self._profile = Profile(
                self.status, frozenset(a for e in self.events for a in e.actors),
                frozenset(c for e in self.events for c in e.categories or {e.category}),
                frozenset(self.sources),
                frozenset(e.location for e in self.events if e.location))
        return self._profile

    @property
    def best(self) -> Event | None:
        """The report that dates it: the most precise, then words that give the date outright
        (not relative, no year inferred)."""
        dated = [e for e in self.events if e.date is not None
                 and (self.pinned is None or (e.date, e.precision) == self.pinned)]
        return min(dated, key=_dating_key) if dated else None

    def source_dates(self) -> list[tuple[str, dt.date, str]]:
        """Each source's own date of it, as its best report gives it (source order)."""
        out: dict[str, Event] = {}
        for e in sorted((e for e in self.events if e.date is not None),
                        key=lambda e: ((e.date, e.precision) != self.pinned, *_dating_key(e))):
            out.setdefault(e.source, e)
        return [(k, e.date, e.precision or "day") for k, e in sorted(out.items())
                if e.date is not None]

    @property
    def date(self) -> dt.date | None:
        b = self.best
        return b.date if b else None

    @property
    def precision(self) -> str | None:
        b = self.best
        return b.precision if b else None

    @property
    def status(self) -> str:
        """``occurred`` once any source reports it done (a day one source announced and
        another reports as past is one development, and it happened), else its reports'."""
        statuses = {e.status for e in self.events}
        return "occurred" if "occurred" in statuses else self.events[0].status

    @property
    def joins_only(self) -> bool:
        """Made only of ledes that may join others' developments but make no entry alone."""
        return all(e.joins_only for e in self.events)

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(e.source for e in self.events))


def _dating_key(e: Event) -> tuple:
    inferred = e.basis != "explicit" or bool({"relative-date", "year-inferred"} & set(e.flags))
    # a year taken from the article's other dates is the least sure (:func:`_join_year_less`)
    return (e.rank, inferred, e.basis == "text-year", e.source, e.start)


def compatible(d1: dt.date | None, p1: str | None, d2: dt.date | None, p2: str | None) -> bool:
    """Same development date at two precisions: the coarser period contains the finer date."""
    if d1 is None or d2 is None or p1 is None or p2 is None:
        return False
    n = min(LEN[p1], LEN[p2])
    return d1.isoformat()[:n] == d2.isoformat()[:n]


def seed_words(entry: Entry) -> frozenset[str]:
    return content_words(" ".join([entry.title, entry.summary, entry.body]))


def lede_words(entry: Entry) -> frozenset[str]:
    """The words of an undated entry as of its report: the source's sentence its first key
    point quotes (its headline when it quotes none), not the drafted headline and summary nor
    the quotes further down, so that it is compared as its report was in the run that wrote
    it (:func:`join_undated`)."""
    point = next((line for line in entry.body.splitlines() if line.startswith("- ")), "")
    return content_words(point.partition(":")[2] or entry.title)


@dataclass(frozen=True)
class Profile:
    """What names a development whatever its sources' language: what kind, who, where."""

    status: str
    actors: frozenset[str]
    categories: frozenset[str]
    sources: frozenset[str]
    places: frozenset[str] = frozenset()  # where its reports say it happened

    def __or__(self, other: Profile) -> Profile:
        return Profile(self.status, self.actors | other.actors,
                       self.categories | other.categories, self.sources | other.sources,
                       self.places | other.places)


def report_profile(ev: Event) -> Profile:
    return Profile(ev.status, frozenset(ev.actors), ev.categories or frozenset({ev.category}),
                   frozenset({ev.source}), frozenset({ev.location}) if ev.location else frozenset())


def entry_profile(e: Entry) -> Profile:
    """An entry's profile; its categories are those whose keywords its words hold (its category
    may have come from another language's event lexicon)."""
    kinds = categories_of(e.title, e.summary, e.body)
    return Profile(e.event_status, frozenset(e.actors), kinds,
                   frozenset(e.sources), frozenset({e.location}) if e.location else frozenset())


def with_country(actors: list[str] | frozenset[str]) -> frozenset[str]:
    """The actors, and Kosovo when one of its institutions is among them (the Assembly, the
    KSF: ``kosovo`` side of ``data/scope.yaml``): a report naming Kosovo's parliament and one
    naming Kosovo tell of the same country, whichever name the words use."""
    out = frozenset(actors)
    return out | {"kosovo"} if out & _institutions() else out


@cache
def _institutions() -> frozenset[str]:
    from briefings.ingest.scope import _data

    return frozenset((_data()[0].get("sides") or {}).get("kosovo") or ())


def kin(a: Profile, b: Profile, country: bool = False) -> int:
    """How surely two reports of different sources tell one development by its kind and its
    actors (registry ids, the same in every language): 0 when the status or the kind differs
    or no actor is shared; else each shared actor counts ``UNCOMMON``, one of the
    ``merge_common_actors`` (named in most reports of the domain) 1: one uncommon actor in common
    says more than all the common ones. ``country``: an institution of Kosovo names Kosovo
    too (:func:`with_country`; for reports of one day). Dates are the caller's to compare."""
    if a.status != b.status or a.sources & b.sources:
        return 0
    if a.places and b.places and not a.places & b.places:  # it happened somewhere else
        return 0
    default = default_category()  # the category of words no rule knows: any kind
    if not (default in a.categories or default in b.categories or a.categories & b.categories):
        return 0
    common = _common_actors()
    shared = with_country(a.actors) & with_country(b.actors) if country else a.actors & b.actors
    return sum(1 if x in common else UNCOMMON for x in shared)


#: what :func:`kin` counts for an actor that is not one of the common ones (more than they all)
UNCOMMON = 10
#: :func:`kin` of two uncommon actors in common (a person and a body): enough for a report
#: with neither a date nor a publication date, when one development fits best
_STRONG = 2 * UNCOMMON


@cache
def _common_actors() -> frozenset[str]:
    return frozenset(settings()["merge_common_actors"])


def published_near(published: str | None, date: dt.date | None, precision: str | None) -> bool:
    """A source published (to the day) on the day of a development (dated to the day) or within a
    few days after it: a report of it with no date of its own (``merge_undated_within_days``)."""
    from briefings.dates_util import partial_to_date

    if not published or date is None or precision != "day":
        return False
    pub, pub_precision = partial_to_date(published)
    days = dt.timedelta(days=int(settings()["merge_undated_within_days"]))
    return pub_precision == "day" and date <= pub <= date + days


def _kin_needed(a_date: dt.date | None, a_precision: str | None, b_date: dt.date | None,
                b_precision: str | None) -> int | None:
    """The least :func:`kin` that makes two dated reports one development without shared
    words: one shared actor on the same day; two (or one uncommon) when a month holds a day or
    both give one month; ``None`` (words needed) for years."""
    if a_precision == b_precision == "day" and a_date == b_date:
        return 1
    if "year" in (a_precision, b_precision):
        return None
    return 2


def _undated_overlap(a: frozenset[str], b: frozenset[str], pub: str | None) -> float:
    """:func:`overlap` of a report with no date and a development; with no publication date
    either, the report may be of any year: one word in common ("forces") tells nothing."""
    return 0.0 if not pub and len(a & b) < 2 else overlap(a, b)


def _fits_undated(d: Profile, mine: Profile, k: int, words: float, pub: str | None,
                  date: dt.date | None, precision: str | None, lede: bool | None,
                  joins_only: bool, named: frozenset[str] = frozenset()) -> bool:
    """Whether a report with no date (profile ``mine``, :func:`kin` ``k``, ``words`` of overlap)
    reports a development dated ``date``. Its source published (to the day) within a few days
    after it: any kin will do, unless the report is a ``joins_only`` lede, which needs more.
    Its publication date unknown (or a ``joins_only`` lede): words in common or two uncommon
    actors; a ``joins_only`` lede (its source's dated reports all history) joins only the lede
    of another source (``lede``; ``None``: not known, as of an entry in content/), and also with
    two actors in common, one uncommon that its headline names (``named``: a body or a country,
    not a person named in many stories), when ``lede`` is known. :func:`kin` has checked the
    kind (an unknown kind, as of most reports not in English, fits any)."""
    if not k or (joins_only and lede is False):  # a lede tells what another source leads with
        return False
    shared = d.actors & mine.actors
    sure = (words >= float(settings()["merge_min_overlap_compatible"]) or k >= _STRONG
            or (joins_only and lede is True and len(shared) >= 2
                and bool((shared & named) - _common_actors())))
    if pub:
        return published_near(pub, date, precision) and (sure or not joins_only)
    return sure


def _leads(events: list[Event]) -> set[int]:
    """The report each source gives first (``id``): its lede, the development it is about.
    Words counting from a date the source gives ("four days after the signing, the text was
    published") lead only when no other date does: the one they count from is the story."""
    first: dict[str, Event] = {}
    for e in sorted(events, key=lambda e: (e.basis == "anchored", e.start)):
        first.setdefault(e.source, e)
    return {id(e) for e in first.values()}


def _lead_ok(ev: Event, d: Development, leads: set[int], k: int) -> bool:
    """A match by kind and actors alone holds between the ledes of two sources; a report
    further down a source needs two shared actors (or one uncommon) and a same-day lede."""
    a = id(ev) in leads or ev.landmark
    b = any(id(e) in leads for e in d.events)
    if a and b:
        return True
    return (a or b) and k >= 2 and d.date == ev.date and d.precision == ev.precision == "day"


def _same_thing(a: Event, b: Event) -> bool:
    """Whether two reports tell the same kind of development about the same kind of thing
    (the head noun of their objects: "signs a declaration", not "signs an agreement"); for a
    landmark named in passing, the kind alone."""
    if not a.kind or a.kind != b.kind:
        return False
    return a.landmark or bool(a.obj and b.obj and a.obj.split()[-1] == b.obj.split()[-1])


def _tie_break(d: Profile, lede: bool, mine: Profile) -> tuple[bool, float]:
    """What settles equal :func:`kin` between developments a report with no date fits: the lede
    of a source first, then the one whose actors the report names most of (shared / all)."""
    every = d.actors | mine.actors
    return lede, len(d.actors & mine.actors) / len(every) if every else 0.0


def _unique(scored: list[tuple]) -> int | None:
    """The index whose score is highest when no other has the same score (a score may be a
    tuple: its later items break ties)."""
    if not scored:
        return None
    scored = sorted(scored, key=lambda t: t[0], reverse=True)
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


def merge(events: list[Event], published: dict[str, str | None] | None = None) -> list[Development]:
    """Group this run's reports into developments (greedy: most precise reports first, best
    overlap wins; a match by kind and actors alone only when it is the one best match). Reports
    with no date come last (:func:`join_undated`); ``published`` gives each source's
    publication date. Only the sources decide: nothing in ``content/`` changes the split."""
    same = float(settings()["merge_min_overlap_same_date"])
    loose = float(settings()["merge_min_overlap_compatible"])
    devs: list[Development] = []
    by_year: dict[int, list[Development]] = {}
    undated: list[Event] = []
    leads = _leads([e for e in events if not e.joins_only])  # the first it dates, if any
    # what sources report as done before what they announce: a plan joins its day's report
    ordered = sorted(events, key=lambda e: (e.rank, e.date or dt.date.max,
                                            e.status != "occurred", e.source, e.start))
    landmarks = [e for e in ordered if e.landmark and e.date is not None]
    ordered = [e for e in ordered if not (e.landmark and e.date is not None)]

    def place(ev: Event) -> None:
        assert ev.date is not None
        best: tuple[float, int, Development] | None = None
        by_kin: list[tuple[tuple[float, bool], int]] = []
        mine = report_profile(ev)
        candidates = by_year.get(ev.date.year, [])
        for i, d in enumerate(candidates):
            if not compatible(d.date, d.precision, ev.date, ev.precision):
                continue
            exact = d.date == ev.date and d.precision == ev.precision
            same_source = any(e.source == ev.source for e in d.events)
            if same_source and any(e.source == ev.source and e.start == ev.start
                                   for e in d.events):
                continue  # one date, two developments ("within weeks of X in June 1999")
            # a day one source announces and another reports as done: one development when
            # other sources tell it and two actors (or an uncommon one) agree, their ledes
            # (words alike are not enough: a plan and its execution read alike)
            crossed = d.status != ev.status
            if crossed and (same_source or not exact or ev.precision != "day"):
                continue
            if same_source and exact and ev.precision != "year":
                score = 1.0 + overlap(d.words, ev.words)
            else:
                score = overlap(d.words, ev.words)
                if crossed or score < (same if exact else loose):
                    needed = _kin_needed(d.date, d.precision, ev.date, ev.precision)
                    if needed is not None and crossed:
                        needed = max(needed, 2)
                    k = 0 if needed is None or same_source else kin(
                        d.profile, replace(mine, status=d.status),
                        country=exact and ev.precision == "day")
                    if needed is not None and k >= needed:
                        # equal kin: the development of its kind and object first ("signed
                        # a declaration in March": the signing on the 18th, not its release)
                        by_kin.append(((k, any(_same_thing(ev, e) for e in d.events)), i))
                    continue
            if best is None or score > best[0]:
                best = (score, -i, d)
        # the one best fit of all, then only if the ledes allow it
        i = _unique(by_kin) if best is None else None
        if i is not None and _lead_ok(ev, candidates[i], leads,
                                      next(k for (k, _kind), j in by_kin if j == i)):
            best = (0.0, -i, candidates[i])
        if best is not None:
            d = best[2]
            d.add(ev)
        else:
            d = Development([ev], words=ev.words)
            devs.append(d)
            by_year.setdefault(ev.date.year, []).append(d)

    for ev in ordered:
        if ev.date is None:
            undated.append(ev)
        else:
            place(ev)
    devs = join_next_days(_join_year_less(devs, leads))
    # a landmark named in passing joins the development as the sources that tell it date it
    by_year.clear()
    for d in devs:
        if d.date is not None:
            by_year.setdefault(d.date.year, []).append(d)
    for ev in landmarks:
        place(ev)
    for d in devs:
        d.lede = any(id(e) in leads for e in d.events)
    return devs + join_undated(undated, devs, published or {})


def _join_year_less(devs: list[Development], leads: set[int]) -> list[Development]:
    """A day whose year no words give (``text-year``: taken from another date of the article)
    is the same day of another year as far as its source says: a development that only such
    reports of one source date joins the one development of other sources dated that month
    and day in another year, when both are ledes and they share two actors, one uncommon (or
    two uncommon ones). Its reports take the other's year: the source never gave one."""
    by_day: dict[tuple[int, int], list[int]] = {}
    for i, d in enumerate(devs):
        if d.date is not None and d.precision == "day" and not _year_less(d):
            by_day.setdefault((d.date.month, d.date.day), []).append(i)
    gone: set[int] = set()
    for i, d in enumerate(devs):
        if not _year_less(d) or not any(id(e) in leads for e in d.events):
            continue
        assert d.date is not None
        scored: list[tuple] = []
        for j in by_day.get((d.date.month, d.date.day), []):
            other = devs[j]
            if other.date is None or other.date.year == d.date.year or \
                    not any(id(e) in leads for e in other.events):
                continue
            if _another_year(other.profile, d.profile):
                scored.append(((kin(other.profile, d.profile),
                                *_tie_break(other.profile, True, d.profile)), j))
        j = _unique(scored)
        if j is None:
            continue
        target = devs[j]
        for ev in d.events:
            ev.date = ev.date.replace(year=target.date.year)  # type: ignore[union-attr]
            target.add(ev)
        gone.add(i)
    return [d for i, d in enumerate(devs) if i not in gone]


def _year_less(d: Development) -> bool:
    """Dated to a day only by a year taken from its source's other dates (``text-year``)."""
    return len(d.sources) == 1 and d.precision == "day" and all(
        e.basis == "text-year" for e in d.events)


def _another_year(other: Profile, mine: Profile) -> bool:
    """Whether a year-less day (``mine``) tells the development ``other`` of that month and
    day in another year: two uncommon actors in common, or two and one of them uncommon."""
    shared = other.actors & mine.actors
    return kin(other, mine) >= _STRONG or (len(shared) >= 2 and bool(shared - _common_actors()))


def join_next_days(devs: list[Development]) -> list[Development]:
    """Sources that disagree by a day or so (``merge_conflict_days``) on one development make one
    entry flagged ``conflicting-dates``: two developments dated to the day join when a report of
    each, by sources that give only that development's day, names the same kind of development
    (event lexicon) among two shared actors (or one uncommon). The day more sources give dates
    it (then the one more give outright, not inferred); each source's own day is kept. Reports
    of a source that dates both days stay where they are: theirs are two developments."""
    days = dt.timedelta(days=int(settings()["merge_conflict_days"]))
    gone: set[int] = set()
    by_day: dict[dt.date, list[int]] = {}  # only developments a few days apart are compared
    for i, d in enumerate(devs):
        if d.date is not None and d.precision == "day":
            by_day.setdefault(d.date, []).append(i)
    for i in sorted(k for ks in by_day.values() for k in ks):
        a = devs[i]
        assert a.date is not None
        near = sorted(j for n in range(-days.days, days.days + 1) if n
                      for j in by_day.get(a.date + dt.timedelta(days=n), []) if j > i)
        for j in near:
            b = devs[j]
            if i in gone or j in gone or not _next_days(devs[i], b, days):
                continue
            a = devs[i]
            keep, drop = (a, b) if _votes(a) >= _votes(b) else (b, a)
            assert keep.date is not None and keep.precision is not None
            keep.pinned = (keep.date, keep.precision)
            keep.flags.add("conflicting-dates")
            # a source that also gives the kept day tells of something else on its other day
            stay = [e for e in drop.events if e.source in keep.sources]
            for ev in drop.events:
                if ev.source not in keep.sources:
                    keep.add(ev)
            if stay:
                devs[j if drop is b else i] = Development(stay, words=frozenset().union(
                    *(e.words for e in stay)), flags=set(drop.flags))
            else:
                gone.add(j if drop is b else i)
    return [d for i, d in enumerate(devs) if i not in gone]


def _next_days(a: Development, b: Development, days: dt.timedelta) -> bool:
    if a.date is None or b.date is None or a.precision != "day" or b.precision != "day" \
            or a.status != b.status or a.date == b.date or abs(a.date - b.date) > days:
        return False
    return any(ra.kind and ra.kind == rb.kind and ra.source != rb.source
               and ra.source not in b.sources and rb.source not in a.sources
               and kin(report_profile(ra), report_profile(rb)) >= 2
               for ra in a.events for rb in b.events)


def _votes(d: Development) -> tuple[int, int, int]:
    """How many sources give its day, how many of them outright, then the earlier day first."""
    given = d.source_dates()
    sure = sum(1 for k, _d, _p in given if not _dating_key(
        next(e for e in d.events if e.source == k and e.date is not None))[1])
    assert d.date is not None
    return len(given), sure, -d.date.toordinal()


def join_undated(undated: list[Event], devs: list[Development],
                 published: dict[str, str | None]) -> list[Development]:
    """Add each report with no date to the dated development of other sources it reports (the
    one that fits best, when only one does): same kind, a shared actor, and its source
    published within a few days of the development, or (publication date unknown) words in
    common or two uncommon actors. Each is compared with the dated reports only, so that
    reports with no date never draw in one another. Returns the developments of the reports
    that joined none."""
    alone: list[Development] = []
    joins: list[tuple[int, Event]] = []
    by_year: dict[int, list[int]] = {}  # a source published in a year reports that year's or
    for i, d in enumerate(devs):        # the year before's developments
        if d.date is not None:
            by_year.setdefault(d.date.year, []).append(i)
    # a source that reports a development of others already has it: its lede joins no other
    told = {k for d in devs if len(d.sources) > 1 for k in d.sources}
    for ev in undated:
        if ev.joins_only and ev.source in told:
            alone.append(Development([ev], words=ev.words, lede=True))
            continue
        mine = report_profile(ev)
        pub = published.get(ev.source)
        scored: list[tuple[float, int]] = []
        near = range(len(devs)) if not pub else (
            by_year.get(int(pub[:4]) - 1, []) + by_year.get(int(pub[:4]), []))
        for i in near:
            d = devs[i]
            # an incident others count from ("after the attack of 24 September") is not the
            # story of a report that names its day among others
            days = frozenset() if all(e.incident for e in d.events) else ev.month_days
            day, k = _day_kin(days, d.profile, d.date, d.precision, mine)
            if not k or (ev.month_days and not day):  # a source naming days tells of one
                continue
            words = _undated_overlap(d.words, ev.words, pub)
            if day or _fits_undated(d.profile, mine, k, words, pub, d.date, d.precision, d.lede,
                                    ev.joins_only, frozenset(ev.named)):
                scored.append(((day, k + words, *_tie_break(d.profile, d.lede, mine)), i))
        i = _unique(scored)
        if i is None:
            alone.append(Development([ev], words=ev.words, lede=True))
        else:
            joins.append((i, ev))
    for i, ev in joins:
        ev.flags = [f for f in ev.flags if f != "undated"]  # the development has a date
        devs[i].add(ev)
    return alone


def _day_kin(days: frozenset[tuple[int, int]], other: Profile, date: dt.date | None,
             precision: str | None, mine: Profile) -> tuple[bool, int]:
    """Whether an undated report naming ``days`` names the day of ``other`` (dated ``date``),
    and their :func:`kin`: a report naming the day may tell as planned what others report
    done."""
    day = _names_day(days, date, precision)
    return day, kin(other, replace(mine, status=other.status) if day else mine)


def _names_day(days: frozenset[tuple[int, int]], date: dt.date | None,
               precision: str | None) -> bool:
    """Whether a report whose source gives no year, naming ``days`` (month, day), names the
    development's day (or the day after: "yesterday" counts from the day a statement names)."""
    if not days or date is None or precision != "day":
        return False
    after = date + dt.timedelta(days=1)
    return (date.month, date.day) in days or (after.month, after.day) in days


def undated_lead(src: Source, actors: dict, reg: object, people: object = None) -> None:
    """Give ``src`` its lede as a report with no date (``joins_only``) when every development it
    dates is background (history told as context): the article reports its own development
    without a date. The report joins a development of other sources (:func:`join_undated`,
    :func:`attach`) on more evidence than other reports with no date; when it joins none, its
    source is cited by no other development and its first sentence dates nothing (``stands``:
    what it dates came before its story), it makes an undated entry, flagged and kept off the
    timeline, so that its citation is not lost and a later run can date it (:func:`absorb`).
    ``people``: as for :func:`frames.settle`, which drafts its headline."""
    from briefings.ingest import actors_stage, frames
    from briefings.ingest import scope as scope_stage
    from briefings.ingest.events import undated_event

    if not src.events or any(e.date is None or e.scope != "background" for e in src.events):
        return
    lead = undated_event(src)
    lead.joins_only = True
    probe = copy.copy(src)  # tagged as the source's other reports, its warnings not repeated
    probe.events, probe.problems, probe.flags = [lead], [], []
    actors_stage.tag(probe, actors, reg)  # type: ignore[arg-type]
    if people is not None:  # an English headline and a scope, as its other reports have
        frames.settle(probe, people)  # type: ignore[arg-type]
        scope_stage.decide_all(probe, actors, reg)  # type: ignore[arg-type]
        lead = probe.events[0]
        lead.joins_only = True
    from briefings.ingest import actors as match
    from briefings.ingest.events import sentences

    spans = sentences(src.text)
    first = spans[:1]
    lede = " ".join(filter(None, [src.title, *(src.text[a:b] for a, b in first)]))
    story = next((b for a, b in spans if len(src.text[a:b].split()) >= 6), 0)
    lead.stands = all(e.start >= story for e in src.events if e is not lead)
    lead.named = [a for a in dict.fromkeys(match.tag(lede, reg))  # type: ignore[arg-type]
                  if actors[a].kind not in ("person", "place")]
    src.events.append(lead)


def _evidence(text: str) -> str:
    return " ".join(text.split())


def attach(devs: list[Development], entries: list[Entry], run_keys: set[str],
           published: dict[str, str | None] | None = None,
           edited: frozenset[int] = frozenset()) -> None:
    """Set ``seed`` on each development that continues an entry already in ``content/``.

    Identity first: the entry cites one of the development's sources and gives the same words
    as date evidence, or the same date, precision and status, or (for an undated development)
    no date evidence of those sources. Then, for an entry citing a source not read in this run,
    a later report of it, as :func:`merge` and :func:`join_undated` decide: compatible date and
    words that overlap, or the same kind and actors (the one best entry), or no date of its own
    and a source published within a few days of the entry's date (a new source joins the
    entry), or a day or so from the entry's day, of the kind its headline names
    (:func:`_next_day_entry`). One entry continues at most one development, so an entry a
    person edited (``edited``: indices into ``entries``) can never take in the reports of its
    neighbours; two developments of this run that both fit an entry nobody edited are one
    (:func:`_share_entries`).
    """
    same = float(settings()["merge_min_overlap_same_date"])
    loose = float(settings()["merge_min_overlap_compatible"])
    by_source: dict[str, list[int]] = {}
    for j, e in enumerate(entries):
        for key in dict.fromkeys(e.sources):
            by_source.setdefault(key, []).append(j)
    scored: list[tuple[float, int, int]] = []
    for i, d in enumerate(devs):
        said = {(e.source, _evidence(w)) for e in d.events for w in e.evidence}
        for j in dict.fromkeys(j for key in d.sources for j in by_source.get(key, [])):
            entry = entries[j]
            given = {(ev.source, _evidence(ev.text)) for ev in entry.date_evidence}
            shared = said & given
            when = (entry.date, entry.date_precision, entry.event_status) == (
                d.date, d.precision, d.status)
            # an undated report, and an entry none of its sources dates (a person may have)
            undated = d.date is None and not {k for k, _w in given} & set(d.sources)
            if shared or when or undated:
                scored.append((2.0 + 2 * len(shared) + when + undated / 2, i, j))
    claimed = _assign(scored)
    continued = {i for i, _score in claimed.values()}
    # a development whose own words an entry another development continues gives (two
    # developments of earlier runs made one there): one development again
    for _score, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        won = claimed[j][0]
        if i not in continued and won != i and not set(devs[i].sources) & set(devs[won].sources):
            for ev in devs[i].events:
                devs[won].add(ev)
            devs[i].events = []
            continued.add(i)
    # a report of a source that an entry cites without its date (an undated source taken in;
    # a day a day away from the entry's): told there already
    held: dict[int, int] = {}
    for i, d in enumerate(devs):
        if i not in continued:
            j = next((j for j in claimed if _told_in(d, entries[j])), None)
            if j is None:
                j = next((j for key in d.sources for j in by_source.get(key, [])
                          if _told_in(d, entries[j])), None)
            if j is not None:
                held[i] = j
    joinable = [j for j, e in enumerate(entries) if e.date is not None
                and j not in claimed and not set(e.sources) <= run_keys]
    by_year: dict[int, list[int]] = {}  # dated entries by year: a report looks at few
    for j in joinable:
        by_year.setdefault(entries[j].date.year, []).append(j)  # type: ignore[union-attr]
    words = {j: seed_words(entries[j]) for j in joinable}
    profiles = {j: entry_profile(entries[j]) for j in joinable}
    for i, d in enumerate(devs):
        if i in continued or i in held:
            continue
        mine = d.profile
        pub = (published or {}).get(d.sources[0]) if d.date is None else None
        days = frozenset().union(*(e.month_days for e in d.events))
        # a source naming days with no year joins an entry of one of them, or none
        named = bool(days) and d.date is None
        if d.date is not None:
            near = by_year.get(d.date.year, [])
            if _year_less(d):  # and that month and day of other years
                near = near + [j for j in joinable if j not in near and (
                    entries[j].date.month, entries[j].date.day) == (  # type: ignore[union-attr]
                    d.date.month, d.date.day)]
        elif pub:
            year = int(pub[:4])
            near = by_year.get(year - 1, []) + by_year.get(year, [])
        else:
            near = joinable
        by_kin: list[tuple[tuple[float, float, int, float], int]] = []
        for j in near:
            e = entries[j]
            if d.date is None:  # a report with no date: as join_undated() decides (the
                score = _undated_overlap(words[j], d.words, pub)  # ledes are not known)
                # (an incident's entry is not the story of a report naming its day)
                day, k = _day_kin(frozenset() if _incident_entry(e.title) else days,
                                  profiles[j], e.date, e.date_precision, mine)
                # an entry that several sources date is their lede as far as can be known
                lede = True if len({x.source for x in e.date_evidence}) >= 2 else None
                if (day and k) or (not named and _fits_undated(
                        profiles[j], mine, k, score, pub, e.date, e.date_precision, lede,
                        d.joins_only, frozenset(a for x in d.events for a in x.named))):
                    # the day it names first, then the one it shares most actors with, then
                    # whose headline it echoes
                    by_kin.append(((day, k + score, len(profiles[j].actors & mine.actors),
                                    overlap(content_words(e.title), d.words)), j))
                continue
            k = kin(profiles[j], mine)
            kind = _kind_of(e.title) in {x.kind for x in d.events if x.kind}
            if not compatible(e.date, e.date_precision, d.date, d.precision):
                # a day whose year no words give: that month and day of another year
                if _year_less(d) and d.lede and e.date_precision == "day" and (
                        e.date.month, e.date.day) == (d.date.month, d.date.day) \
                        and _another_year(profiles[j], mine):
                    by_kin.append(((kind, k, False, 0, 0.0), j))
                elif _next_day_entry(e, profiles[j], d):  # sources a day apart: as in one run
                    by_kin.append(((True, k, False, 0, 0.0), j))
                continue
            exact = (e.date, e.date_precision) == (d.date, d.precision)
            # a later report of a plan for a day an entry reports done, or of a plan's day
            # done: as in merge(), by actors alone (the entry then tells it done: write.py)
            crossed = e.event_status != d.status
            if crossed and not (exact and d.precision == "day"):
                continue
            day = exact and d.precision == "day"  # as in merge(): Kosovo's bodies name it
            if crossed or day:
                k = kin(profiles[j], replace(mine, status=e.event_status), country=day)
            score = overlap(words[j], d.words)
            # words alike, a finer date that would date the entry, but the kinds the entry's
            # headline and the reports name differ (an account holds many words): not enough
            other_kind = rank_of(d.precision) < rank_of(e.date_precision) and not kind \
                and _kind_of(e.title) is not None and any(x.kind for x in d.events)
            if not crossed and not other_kind and score >= (same if exact else loose):
                scored.append((score, i, j))
                continue
            # the entry's ledes are not known: the report must be its source's, with two
            # shared actors (or one uncommon)
            needed = _kin_needed(e.date, e.date_precision, d.date, d.precision)
            # …or, on the same day, the kind of development the entry's headline names (then
            # one actor in common will do, as between two ledes in one run)
            same_kind = exact and d.precision == "day" and kind
            # (a landmark named in passing counts as a lede, as in merge())
            lede = d.lede or any(x.landmark for x in d.events)
            if needed is not None and (lede or same_kind) \
                    and k >= (needed if same_kind else max(needed, 2)):
                # the kind its headline names first, then the entry of that very day
                by_kin.append(((kind, k, exact, 0, 0.0), j))
        if (j := _unique(by_kin)) is not None:
            # below every match of words; of developments that fit one entry by their actors,
            # a dated one of the kind its headline names, then another dated one, then one
            # with no date (which then joins the dated one: _share_entries)
            kind = d.date is not None and max(by_kin)[0][0]
            scored.append((-1.0 if d.date is None else 0.0 if kind else -0.5, i, j))
    final = _assign(scored)
    _share_entries(devs, scored, {j: x for j, x in final.items() if j not in edited}, continued)
    for i, j in held.items():  # it continues the entry when no other development does
        if j not in final:
            final[j] = (i, 0.0)
    for j, (i, _score) in final.items():
        devs[i].seed = entries[j]
        seed_date = entries[j].date
        if seed_date is not None and _year_less(devs[i]) and devs[i].date is not None \
                and devs[i].date.year != seed_date.year:
            for ev in devs[i].events:  # the source never gave a year: the entry's it is
                ev.date = ev.date.replace(year=seed_date.year)  # type: ignore[union-attr]
    # a source whose report continues another source's entry, or joins another source's
    # development, has its development: its lede joins no other and makes no entry; a lede
    # that joined nothing is an undated entry of its own (its citation is not lost)
    told = {k for d in devs if not d.joins_only and (
        len(d.sources) > 1 or (d.seed is not None and set(d.seed.sources) - set(d.sources)))
        for k in d.sources}
    for d in devs:
        if d.joins_only and set(d.sources) & told:
            d.seed = None
    gone = {id(devs[i]) for i in held if devs[i].seed is None}  # (the entry cites it)
    devs[:] = [d for d in devs if id(d) not in gone and d.events]
    devs[:] = [d for d in devs if d.seed is not None or not d.joins_only
               or (all(e.stands for e in d.events) and not set(d.sources) & told)]


def _told_in(d: Development, e: Entry) -> bool:
    """Whether every source of ``d`` is one ``e`` cites without its date evidence, and ``d``
    has no date or one ``e`` holds (its date's period, or a day or so from its day)."""
    if not set(d.sources) <= set(e.sources) - {x.source for x in e.date_evidence}:
        return False
    if d.date is None or compatible(d.date, d.precision, e.date, e.date_precision):
        return True
    near = dt.timedelta(days=int(settings()["merge_conflict_days"]))
    return e.date is not None and d.precision == e.date_precision == "day" \
        and abs(d.date - e.date) <= near


def _share_entries(devs: list[Development], scored: list[tuple[float, int, int]],
                   final: dict[int, tuple[int, float]], continued: set[int]) -> None:
    """Two developments of this run that a new source's reports make of one entry of earlier
    runs are one development, as they would be had they come in two runs: one that fits an
    entry another continues (by words, or kind and actors) joins that other, when they share
    no source (a source's two developments stay two), their dates are compatible and, a plan
    and its execution, of one day; or when neither has a date. Its reports move; it is left
    empty (the caller drops it)."""
    winner = {j: i for j, (i, _score) in final.items()}
    taken = set(winner.values())
    for _score, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        i2 = winner.get(j)
        if i in taken or i in continued or i2 is None or i2 in continued or i2 == i:
            continue
        a, b = devs[i2], devs[i]
        if not a.events or not b.events or set(a.sources) & set(b.sources) \
                or (a.date is None and b.date is not None):
            continue  # (two reports with no date that one entry takes in are one)
        if b.date is not None and not (
                compatible(a.date, a.precision, b.date, b.precision)
                and (a.status == b.status or (a.date, a.precision) == (b.date, "day")
                     == (b.date, b.precision))):
            continue
        for ev in b.events:
            if ev.date is None:  # the development has a date
                ev.flags = [f for f in ev.flags if f != "undated"]
            a.add(ev)
        b.events = []
        taken.add(i)


def _next_day_entry(e: Entry, profile: Profile, d: Development) -> bool:
    """Whether a development of this run dated to a day continues an entry of another day a
    day or so away (``merge_conflict_days``), as :func:`join_next_days` joins two in one run:
    the same status, no source in common, and a report of the kind the entry's headline names
    among two actors it shares (or one uncommon)."""
    if e.date is None or d.date is None or e.date_precision != "day" or d.precision != "day" \
            or e.event_status != d.status or e.date == d.date:
        return False
    # a source of both that gives the entry's day tells of two developments (one that gives
    # the other day, not its evidence, is this one read again)
    if set(e.sources) & set(d.sources) & {x.source for x in e.date_evidence}:
        return False
    if abs(e.date - d.date) > dt.timedelta(days=int(settings()["merge_conflict_days"])):
        return False
    kind = _kind_of(e.title)
    return bool(kind) and any(x.kind == kind and kin(profile, report_profile(x)) >= 2
                              for x in d.events)


@cache
def _incident_entry(title: str) -> bool:
    from briefings.ingest.headline import is_incident_title

    return is_incident_title(title)


@cache
def _kind_of(title: str) -> str | None:
    """The kind of development an entry's (English) headline names first."""
    from briefings.ingest.events import first_kind

    return first_kind(title, "en")


def absorb(devs: list[Development], entries: list[Entry], movable: set[int],
           run_keys: set[str], published: dict[str, str],
           unnamed: frozenset[str] = frozenset()) -> None:
    """An undated entry an earlier run wrote (``movable``: by ingest, nobody edited it), whose
    sources this run did not read, joins the dated development of this run it reports, as a
    report with no date joins one in a single run (:func:`join_undated`): the one that fits
    best, when only one does. ``published``: each source's publication date (bibliography).
    The undated lede of a source whose other entries are all dated background (history:
    :func:`undated_lead`) joins as such a lede does, its actors but ``unnamed`` ones (people,
    places) taken for those its headline names."""
    from briefings.ingest.write import days_named_in  # write uses this module

    taken = {id(d.seed) for d in devs if d.seed is not None}
    dated = [d for d in devs if d.date is not None]
    others: dict[str, list[Entry]] = {}
    for e in entries:
        for key in dict.fromkeys(e.sources):
            others.setdefault(key, []).append(e)
    for j in sorted(movable):
        e = entries[j]
        if e.date is not None or id(e) in taken or set(e.sources) & run_keys or not e.sources:
            continue
        # no publication date: as in one run, words in common or two uncommon actors decide,
        # or the day its source names with no year (join_undated)
        pub = published.get(e.sources[0]) or None
        mine = entry_profile(e)
        words = lede_words(e)
        days = days_named_in(e.body) if not pub else frozenset()
        told = [x for x in others.get(e.sources[0], []) if x is not e]
        lede = bool(told) and all(x.date is not None and x.background for x in told)
        named = frozenset(a for a in e.actors if a not in unnamed) if lede else frozenset()
        scored: list[tuple[tuple[bool, float], int]] = []
        for i, d in enumerate(dated):
            day, k = _day_kin(days, d.profile, d.date, d.precision, mine)
            score = overlap(d.words, words)
            if (day and k) or (not days and _fits_undated(
                    d.profile, mine, k, score, pub, d.date, d.precision, d.lede, lede, named)):
                scored.append(((day, k + score), i))
        i = _unique(scored)
        if i is not None:
            dated[i].absorbed.append(e)


def bridge(devs: list[Development], entries: list[Entry], movable: set[int],
           run_keys: set[str]) -> None:
    """A dated entry an earlier run wrote (``movable``: nobody edited it), whose sources this
    run did not read, joins the development of this run that continues another such entry of
    its day or a day or so away, when a new report of that development is of the kind its
    headline names, among two actors it shares (or one uncommon): as :func:`join_next_days`
    makes one development of reports that came in one run. The one development that fits, if
    only one does; written by :func:`briefings.ingest.write.with_joined`."""
    near = dt.timedelta(days=int(settings()["merge_conflict_days"]))
    free = {id(entries[j]) for j in movable}
    taken = {id(d.seed) for d in devs if d.seed is not None}
    for j in sorted(movable):
        e = entries[j]
        kind = _kind_of(e.title)
        if e.date is None or e.date_precision != "day" or id(e) in taken or not kind \
                or set(e.sources) & run_keys:
            continue
        profile = entry_profile(e)
        fits = []
        for i, d in enumerate(devs):
            s = d.seed
            if s is None or id(s) not in free or s.date is None or s.date_precision != "day" \
                    or (d.date, d.precision) != (s.date, "day") or d.status != e.event_status \
                    or abs(e.date - s.date) > near or set(e.sources) & set(s.sources):
                continue
            if any(x.kind == kind and x.source not in s.sources
                   and kin(profile, report_profile(x)) >= 2 for x in d.events):
                fits.append(i)
        if len(fits) == 1:
            devs[fits[0]].joined.append(e)
            taken.add(id(e))


def _assign(scored: list[tuple[float, int, int]]) -> dict[int, tuple[int, float]]:
    """Best pairs first, each development and each entry used once: entry -> (dev, score)."""
    taken: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for score, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if i in used or j in taken:
            continue
        taken[j] = (i, score)
        used.add(i)
    return taken


def flag_date_conflicts(devs: list[Development], threshold: float = 0.6) -> None:
    """``conflicting-dates`` on developments of different sources that read alike but carry
    different day-precision dates in the same month; each keeps the others' dates."""
    by_month: dict[tuple[str, str], list[Development]] = {}
    for d in devs:
        if d.date is not None and d.precision == "day" and d.events:
            by_month.setdefault((d.status, d.date.isoformat()[:7]), []).append(d)
    for group in by_month.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.date == b.date or set(a.sources) & set(b.sources):
                    continue
                if overlap(a.words, b.words) >= threshold:
                    a.flags.add("conflicting-dates")
                    b.flags.add("conflicting-dates")
                    a.disagree += [x for x in b.source_dates() if x not in a.disagree]
                    b.disagree += [x for x in a.source_dates() if x not in b.disagree]


def rank_of(precision: str | None) -> int:
    return PRECISION_RANK.get(precision or "", 3)
