"""``briefings pdf``: briefing books and development PDFs from the built site.

Without ``-o`` it writes every PDF of the site (what ``briefings build`` runs as its ``pdf``
step, after Pelican and the search index)::

    <site>/pdf/chronology.pdf             the whole chronology as a briefing book
    <site>/pdf/<year>.pdf                 one book per year
    <site>/pdf/briefings/<slug>.pdf       one PDF per development

With ``--lang sq`` (or ``sr``) the same PDFs with their fixed words (cover, contents, part
titles, "Sources", page numbers, dates, categories, notices) in Albanian (Serbian, Latin
script), under that language's root: ``<site>/sq/pdf/…``; ``briefings build`` makes all three.

With ``-o FILE.pdf`` it writes one custom book of a period, an actor or a category::

    briefings pdf --from 2025-01 --to 2025-12 --actor nato --category agreements -o book.pdf

A development is in the period when the days its date covers at its precision overlap the
period (September 2025 is in ``--from 2025-09-15``). Metadata comes from ``content/``, the text
with its citations from the built pages, so build the site first.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from briefings.pdf import LANGUAGES
from briefings.problems import Problem

HELP = "make briefing books (PDF) of the chronology, a year, a period, an actor or a category"


@dataclass
class Inputs:
    corpus: object  # briefings.pdf.content.Corpus
    html_by_slug: dict[str, str | None]
    problems: list[Problem]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        "Without -o: every PDF of the site into SITE/pdf/ (chronology.pdf, YEAR.pdf,\n"
        "briefings/SLUG.pdf); with --lang sq into SITE/sq/pdf/. With -o: one custom book, e.g.\n"
        "  briefings pdf --from 2025-01 --to 2025-12 --actor nato -o nato-2025.pdf\n"
        "A development is in the period when the days its date covers overlap it.")
    parser.add_argument("--site", type=Path, default=Path("output"),
                        help="the built site to read entry pages from and write pdf/ into "
                        "(default: output)")
    parser.add_argument("--content", type=Path, default=Path("content"),
                        help="the content directory (default: content)")
    parser.add_argument("--from", dest="start", metavar="DATE",
                        help="first day, month or year of a custom book (YYYY[-MM[-DD]])")
    parser.add_argument("--to", dest="end", metavar="DATE",
                        help="last day, month or year of a custom book (YYYY[-MM[-DD]])")
    parser.add_argument("--actor", metavar="KEY", help="only developments with this actor")
    parser.add_argument("--category", metavar="NAME",
                        help="only developments of this category (key, e.g. agreements)")
    parser.add_argument("--title", help="the title on the cover of a custom book")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE.pdf",
                        help="write one custom book to this file instead of the site's PDFs")
    parser.add_argument("--lang", choices=LANGUAGES, default="en",
                        help="the language of the books' fixed words (default: en); "
                        "the developments stay as written")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes (default: 2 when there is enough work, else 1)")


def pdf_dir_of(site: Path, lang: str = "en") -> Path:
    """Where a language's PDFs go: ``pdf/`` under its root (``/``, ``/sq/``, ``/sr/``)."""
    return site / "pdf" if lang == "en" else site / lang / "pdf"


def read_inputs(content: Path, site: Path, slugs: set[str] | None = None,
                lang: str = "en") -> Inputs:
    """The corpus and, for each entry (or each of ``slugs``), its built ``<article>`` (in
    ``lang`` where the site has that language's page, see :func:`in_language`)."""
    from briefings.pdf.article import page_path, read_article_html
    from briefings.pdf.content import load_corpus
    from briefings.problems import display_path

    corpus, problems = load_corpus(content)
    html: dict[str, str | None] = {}
    for e in corpus.entries:
        if slugs is not None and e.slug not in slugs:
            continue
        html[e.slug] = read_article_html(site, e.slug)
        if html[e.slug] is None:
            problems.append(Problem(display_path(e.path) if e.path else e.slug, 1,
                                    "E-PDF-NO-PAGE",
                                    f"no built page for '{e.slug}' at "
                                    f"{display_path(page_path(site, e.slug))}",
                                    "build the site first (briefings build), or pass --site"))
    inputs = Inputs(corpus, html, problems)
    return in_language(inputs, site, lang) if lang != "en" else inputs


def in_language(inputs: Inputs, site: Path, lang: str) -> Inputs:
    """``inputs`` with each development's ``<article>`` from the page of ``lang``'s site
    (``<site>/sq/briefings/<slug>/``) where there is one: its interface words are translated,
    and a whole translation's text is there; else the English page's (whose text is English,
    translated or not)."""
    from briefings.pdf.article import read_article_html

    html = {}
    english = set()
    for slug, text in inputs.html_by_slug.items():
        own = read_article_html(site / lang, slug)
        html[slug] = own or text
        if own is None:
            english.add(slug)
    for entry in inputs.corpus.entries:
        if entry.slug in english:
            entry.translations.get(lang, {}).pop("body", None)
    return Inputs(inputs.corpus, html, inputs.problems)


def site_books(inputs: Inputs, pdf_dir: Path, lang: str = "en") -> list[tuple[object, Path]]:
    """The books of a whole site in ``lang``, with where each goes: the chronology, one book
    per year, one PDF per development."""
    import datetime as dt

    from briefings.pdf.book import development_book, make_book, words
    from briefings.pdf.content import select, years_of

    _ = words(lang)
    corpus = inputs.corpus
    entries = corpus.entries
    common = {"sources": corpus.sources, "actor_names": corpus.names_in(lang), "lang": lang}
    books = [(make_book(entries, inputs.html_by_slug, kind="chronology",
                        subtitle=_("The whole chronology"), **common),
              pdf_dir / "chronology.pdf")]
    for year in years_of(entries):
        chosen = select(entries, dt.date(year, 1, 1), dt.date(year, 12, 31))
        books.append((make_book(chosen, inputs.html_by_slug, kind="year",
                                subtitle=_("Developments of %(year)s") % {"year": year},
                                kicker=_("Briefing book · %(year)s") % {"year": year},
                                **common),
                      pdf_dir / f"{year}.pdf"))
    for e in entries:
        books.append((development_book(e, inputs.html_by_slug.get(e.slug), **common),
                      pdf_dir / "briefings" / f"{e.slug}.pdf"))
    return books


def render_books(books: list[tuple[object, Path]], workers: int | None = None,
                 pdf_dir: Path | None = None, previous: Path | None = None) -> list:
    """Long books in parts on both cores, one after the other; then every other document,
    shared by the worker pool. With ``previous`` (the ``pdf`` directory of the last build),
    a PDF whose content has not changed is copied from there (see briefings.pdf.reuse)."""
    return render_sets([(books, pdf_dir, previous)], workers)


def render_sets(sets: list[tuple[list[tuple[object, Path]], Path | None, Path | None]],
                workers: int | None = None) -> list:
    """:func:`render_books` for several sets of books (one per language), each with its
    ``pdf_dir`` and ``previous``: the short documents of all sets share one worker pool."""
    from briefings.pdf.book import book_html, render
    from briefings.pdf.chunked import PARTS_FROM
    from briefings.pdf.render import Job, Result, render_jobs
    from briefings.pdf.reuse import fingerprint, read_manifest, try_reuse, write_manifest

    results = []
    small = []
    manifests = []
    for books, pdf_dir, previous in sets:
        old = read_manifest(previous)
        prints: dict[str, str] = {}
        for book, out in books:
            html = book_html(book)
            rel = out.relative_to(pdf_dir).as_posix() if pdf_dir else out.name
            prints[rel] = fingerprint(html, (book.generated_display, book.generated_iso))
            if try_reuse(previous, old, rel, prints[rel], out):
                results.append(Result(out, 0, 0.0, "reused"))
            elif book.kind != "development" and book.count > PARTS_FROM:
                t0 = time.perf_counter()
                pages = render(book, out, workers=workers)
                results.append(Result(out, pages, time.perf_counter() - t0, out.stem))
            else:
                small.append(Job(html, out, book.count, out.stem))
        if pdf_dir is not None:
            manifests.append((pdf_dir, prints))
    results += render_jobs(small, workers)
    for pdf_dir, prints in manifests:
        write_manifest(pdf_dir, prints)
    return results


def remove_stale(pdf_dir: Path, written: list[Path]) -> list[Path]:
    """Remove the PDFs under ``pdf_dir`` this run did not write (a deleted entry, a gone
    year); returns them."""
    wanted = {p.resolve() for p in written}
    stale = [p for p in pdf_dir.rglob("*.pdf") if p.resolve() not in wanted]
    for p in stale:
        p.unlink()
    return stale


def build_site_pdfs(content: Path, site: Path, workers: int | None = None,
                    quiet: bool = False, pdf_dir: Path | None = None,
                    previous: Path | None = None, langs: tuple[str, ...] = ("en",),
                    previous_site: Path | None = None) -> list:
    """Every PDF of the site in each of ``langs`` into its ``pdf/`` (:func:`pdf_dir_of`; for
    one language, ``pdf_dir`` may say where), reusing those that have not changed of
    ``previous`` (for one language; default: the same directory) or of the same language's
    directory in ``previous_site``. Raises ProblemError."""
    from briefings.problems import ProblemError

    t0 = time.perf_counter()
    inputs = read_inputs(content, site)
    _report(inputs.problems)
    if any(p.is_error for p in inputs.problems):
        raise ProblemError([p for p in inputs.problems if p.is_error])
    if pdf_dir and len(langs) > 1:
        raise ValueError("pdf_dir is for one language; the others go under the site")
    sets, written = [], {}
    for lang in langs:
        out_dir = pdf_dir or pdf_dir_of(site, lang)
        before = previous or (pdf_dir_of(previous_site, lang) if previous_site else out_dir)
        books = in_language(inputs, site, lang) if lang != "en" else inputs
        written[out_dir] = site_books(books, out_dir, lang)
        sets.append((written[out_dir], out_dir, before))
    results = render_sets(sets, workers)
    for out_dir, books in written.items():
        remove_stale(out_dir, [out for _book, out in books])
    if not quiet:
        made = [r for r in results if r.label != "reused"]
        print(f"pdf: {len(made)} PDFs rendered ({sum(r.pages for r in made)} pages), "
              f"{len(results) - len(made)} unchanged, in {time.perf_counter() - t0:.1f}s "
              f"({', '.join(str(d) for d in written)})")
    return results


def step_pdf(ctx) -> None:
    """The ``pdf`` step of ``briefings build``: every PDF in every language, over the staging
    directory."""
    from briefings.build import BuildError
    from briefings.problems import ProblemError

    quiet = ctx.options is not None and getattr(ctx.options, "quiet", False)
    try:
        build_site_pdfs(ctx.content, ctx.staging, quiet=quiet, langs=LANGUAGES,
                        previous_site=ctx.output)
    except ProblemError as exc:
        raise BuildError(f"pdf: {len(exc.problems)} problem(s) (listed above)") from None


def custom_book(args: argparse.Namespace) -> int:
    from briefings.dates_util import partial_to_date
    from briefings.model import display_date
    from briefings.pdf.book import make_book, render, words
    from briefings.pdf.content import parse_period_bound, select
    from briefings.schema import CATEGORIES

    errors: list[str] = []
    start = end = None
    try:
        start = parse_period_bound(args.start, end=False) if args.start else None
        end = parse_period_bound(args.end, end=True) if args.end else None
    except ValueError as exc:
        errors.append(f"E-PDF-PERIOD {exc}")
    if start and end and start > end:
        errors.append(f"E-PDF-PERIOD --from {args.start} is after --to {args.end}")
    if args.category and args.category not in CATEGORIES:
        errors.append(f"E-PDF-CATEGORY unknown category '{args.category}' (one of: "
                      + ", ".join(CATEGORIES) + ")")
    if errors:
        for e in errors:
            print(f"briefings pdf: {e}", file=sys.stderr)
        return 2
    from briefings.pdf.content import load_corpus

    corpus, problems = load_corpus(args.content)
    if args.actor and args.actor not in corpus.actor_names:
        problems.append(Problem("briefings pdf", 1, "E-PDF-ACTOR",
                                f"unknown actor '{args.actor}'",
                                "use a key of content/actors.yaml"))
    chosen = select(corpus.entries, start, end, args.actor, args.category)
    if not chosen and not any(p.is_error for p in problems):
        problems.append(Problem("briefings pdf", 1, "E-PDF-EMPTY",
                                "no development matches the period, actor and category",
                                "widen the period or drop a filter"))
    inputs = read_inputs(args.content, args.site, {e.slug for e in chosen}, args.lang)
    problems += [p for p in inputs.problems if p.code == "E-PDF-NO-PAGE"]
    _report(problems)
    if any(p.is_error for p in problems):
        return 1

    lang = args.lang
    _ = words(lang)
    names = corpus.names_in(lang)

    def shown(value: str) -> str:
        return display_date(*partial_to_date(value), lang=lang)

    filters = []
    if args.actor:
        filters.append((_("Actor"), names.get(args.actor, args.actor)))
    if args.category:
        filters.append((_("Category"), _(CATEGORIES[args.category])))
    if start or end:
        period = (f"{shown(args.start) if args.start else _('the beginning')} – "
                  f"{shown(args.end) if args.end else _('today')}")
    else:
        period = None
    subtitle = _("Selected developments") if not filters else \
        " · ".join(value for _label, value in filters)
    book = make_book(chosen, inputs.html_by_slug, kind="custom",
                     title=args.title, subtitle=subtitle,
                     sources=corpus.sources, actor_names=names,
                     period=period, filters=filters, lang=lang)
    t0 = time.perf_counter()
    pages = render(book, args.output, workers=args.workers or 2)
    print(f"{args.output}: {book.count} developments, {pages} pages "
          f"in {time.perf_counter() - t0:.1f}s")
    return 0


def _report(problems: list[Problem]) -> None:
    for p in sorted(problems):
        print(p.format(), file=sys.stderr)


def main(args: argparse.Namespace) -> int:
    from briefings.problems import ProblemError

    custom = any([args.start, args.end, args.actor, args.category, args.title])
    if custom or args.output:
        if not args.output:
            print("briefings pdf: a custom book needs -o FILE.pdf", file=sys.stderr)
            return 2
        return custom_book(args)
    try:
        build_site_pdfs(args.content, args.site, args.workers, langs=(args.lang,))
    except ProblemError:
        return 1
    return 0
