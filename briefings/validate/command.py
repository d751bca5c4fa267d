"""``briefings validate [PATH ...]``: every problem of the entries, bibliography and actor
registry, all at once, as ``path:line:col: CODE message (hint)``; exit 1 on errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "check entries, bibliography and actors against the schema (--fix repairs the safe ones)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="entry files, the bibliography, the actor registry or folders "
                        "(default: the whole content folder)")
    parser.add_argument("--content", type=Path, default=None,
                        help="the content folder whose bibliography, actors and entries the "
                        "paths are checked against (default: found from the paths, else "
                        "content/)")
    parser.add_argument("--format", choices=("text", "github", "json"), default="text",
                        help="github: workflow commands that annotate a pull request")
    parser.add_argument("--fix", action="store_true",
                        help="apply the safe fixes (field order and case, whitespace, dates "
                        "like 2025-3-8, sorted Actors and Flags) and say what changed")
    parser.add_argument("--list-codes", action="store_true",
                        help="print the table of rule codes and exit")


def main(args: argparse.Namespace) -> int:
    from briefings.problems import dumps
    from briefings.validate import find_content_root, select, validate
    from briefings.validate.codes import codes_markdown

    if args.list_codes:
        print(codes_markdown(), end="")
        return 0
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print("briefings validate: no such file or folder: " + ", ".join(map(str, missing)),
              file=sys.stderr)
        return 2
    content = args.content or find_content_root(args.paths)
    if args.fix:
        from briefings.problems import display_path
        from briefings.validate.fix import fix_file

        left_to_ingest = 0
        for path in select(args.paths, content).entries:
            result = fix_file(path)
            if result.ingest_owned:
                left_to_ingest += 1
            elif result.refused:
                print(f"{display_path(path)}: not fixed: {result.refused}", file=sys.stderr)
            elif result.changed:
                print(f"{display_path(path)}: fixed: " + "; ".join(result.changes))
        if left_to_ingest:
            print(f"left {left_to_ingest} entr{'ies' if left_to_ingest > 1 else 'y'} as "
                  "`briefings ingest` wrote them (nobody has edited them since; ingest keeps "
                  "them canonical)", file=sys.stderr)
    problems = validate(args.paths, content)
    if args.format == "json":
        print(dumps(problems))
    else:
        for p in problems:
            print(p.format_github() if args.format == "github" else p.format())
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    files = len({p.path for p in problems})
    if args.format != "json":
        summary = (f"{errors} error{'s' * (errors != 1)}, {warnings} warning"
                   f"{'s' * (warnings != 1)}" + (f" in {files} file{'s' * (files != 1)}"
                                                 if problems else ""))
        print(summary, file=sys.stderr)
    return 1 if errors else 0
