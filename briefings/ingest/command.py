"""``briefings ingest``: source articles become dated, cited entries in ``content/``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "turn source articles (sources/) into dated, cited entries in content/"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="*", metavar="SOURCE",
                        help="source files (.txt, .md, .html), folders (default: sources/) or "
                        "http(s) URLs (fetched and archived in sources/: briefings/fetch.py)")
    parser.add_argument("--sources", dest="sources_dir", type=Path, default=Path("sources"),
                        metavar="DIR", help="where the page of a URL is archived "
                        "(default: sources/)")
    parser.add_argument("--content", type=Path, default=Path("content"),
                        help="where entries, bibliography.bib and actors.yaml live "
                        "(default: content/)")
    parser.add_argument("--report", type=Path, metavar="FILE.json",
                        help="write a JSON description of the content directory after the run")
    parser.add_argument("--url", help="the URL of the single SOURCE")
    parser.add_argument("--publisher", help="the publisher of the single SOURCE")
    parser.add_argument("--published", metavar="DATE",
                        help="publication date of the single SOURCE: YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--title", help="the title of the single SOURCE")
    parser.add_argument("--retire", action="store_true",
                        help="move the entries ingest wrote whose sources no longer give them "
                        "(reported as W-NOT-GIVEN) to content/retired/, out of the site")
    parser.add_argument("--jobs", "-j", type=int, default=None,
                        help="worker processes (default: one per core)")


def main(args: argparse.Namespace) -> int:
    from briefings.ingest.pipeline import run
    from briefings.ingest.read import (
        check_published_option,
        check_text_options,
        check_url_option,
    )
    from briefings.ingest.report import write_report
    from briefings.problems import display_path
    from briefings.urls import link_scheme

    # a URL: anything with a scheme that is not a file (url_problem then checks it)
    urls = [s for s in args.sources if link_scheme(s) and not Path(s).exists()]
    paths = [Path(s) for s in args.sources if s not in urls] or ([] if urls else [Path("sources")])
    overrides = {"url": args.url, "publisher": args.publisher, "published": args.published,
                 "title": args.title}
    if any(overrides.values()) and (len(paths) + len(urls) != 1 or (paths and paths[0].is_dir())
                                    or (urls and args.url)):
        print("briefings ingest: --url, --publisher, --published and --title describe one "
              "source: give exactly one SOURCE file (or one URL, without --url)",
              file=sys.stderr)
        return 2
    for url in urls:
        err = check_url_option(url)
        if err:
            print(f"briefings ingest: {err.replace('--url ', '', 1)} (give a file, a folder or "
                  "an https://… address)", file=sys.stderr)
            return 2
    err = check_published_option(args.published)
    if err:
        print(f"briefings ingest: {err} (write YYYY, YYYY-MM or YYYY-MM-DD)", file=sys.stderr)
        return 2
    err = check_url_option(args.url)
    if err:
        print(f"briefings ingest: {err} (write the address the source was published at, "
              "https://…)", file=sys.stderr)
        return 2
    err = check_text_options({"publisher": args.publisher, "title": args.title})
    if err:
        print(f"briefings ingest: {err} (delete it)", file=sys.stderr)
        return 2
    if urls:
        from briefings.fetch import FetchErrors, sources_for_urls

        try:
            fetched = sources_for_urls(urls, args.sources_dir, args.content / "bibliography.bib",
                                       {k: v for k, v in overrides.items() if k != "url"})
        except FetchErrors as exc:  # nothing is written when a page cannot be had
            for error in exc.errors:
                print(f"briefings ingest: {error}", file=sys.stderr)
            return 1
        for url, path, written in fetched:
            print(f"{url}: {'archived as' if written else 'already archived:'} "
                  f"{display_path(path)}", file=sys.stderr)
        given = [p.resolve() for p in paths]  # a folder given already holds its archive
        paths += [path for _url, path, _written in fetched
                  if not any(path.resolve().is_relative_to(g) for g in given)]
        overrides = {}  # they are in the sidecar now
    result = run(paths, args.content, overrides, jobs=args.jobs, retire=args.retire)
    for p in sorted(result.problems, key=lambda p: (p.severity != "error", p.path, p.line)):
        print(p.format(), file=sys.stderr)
    o = result.outcome
    ok = len(result.sources) - len(result.failed)
    counts = [(len(o.new), "new"), (len(o.updated), "updated"), (len(o.unchanged), "unchanged"),
              (len(o.kept), "kept because a person edited them"), (len(o.moved), "moved"),
              (len(o.stale), "no longer given by their sources"), (len(o.retired), "retired")]
    print(f"ingested {ok} of {len(result.sources)} sources into {display_path(args.content)}: "
          + ", ".join(f"{n} {what}" for n, what in counts if n or what in ("new", "updated"))
          + f"; bibliography {'updated' if result.bibliography_changed else 'unchanged'}; "
          f"{sum(1 for p in result.problems if not p.is_error)} warnings")
    for path in o.kept:
        print(f"  kept (edited by a person): {display_path(path)}")
    for old, new in o.moved:
        print(f"  moved (dated anew): {display_path(old)} -> {display_path(new)}")
    for path in o.stale:
        print(f"  kept, no longer given by its sources: {display_path(path)}")
    for old, new in o.retired:
        print(f"  retired: {display_path(old)} -> {display_path(new)}")
    if args.report:
        write_report(args.report, args.content, result.problems)
    errors = [p for p in result.problems if p.is_error]
    return 1 if errors else 0
