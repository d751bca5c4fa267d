#!/usr/bin/env python3
"""Record a built site as a manifest (path -> sha256) and compare a site with one.

    scripts/site-manifest.py write output > before.json    # before a change
    scripts/site-manifest.py compare before.json output    # after it: exit 1 on a difference

A refactoring of the build must leave the site byte for byte as it was (issue 28); this is the
check, run on the seed content and on a bench corpus (``briefings.bench.corpus``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path


def manifest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def differences(want: dict[str, str], got: dict[str, str]) -> list[str]:
    lines = [f"missing: {p}" for p in sorted(set(want) - set(got))]
    lines += [f"extra: {p}" for p in sorted(set(got) - set(want))]
    lines += [f"changed: {p}" for p in sorted(set(want) & set(got)) if want[p] != got[p]]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="print the manifest of SITE as JSON")
    w.add_argument("site", type=Path)
    c = sub.add_parser("compare", help="compare SITE with MANIFEST; exit 1 if they differ")
    c.add_argument("manifest", type=Path)
    c.add_argument("site", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        json.dump(manifest(args.site), sys.stdout, indent=0, sort_keys=True)
        print()
        return 0
    want = json.loads(args.manifest.read_text(encoding="utf-8"))
    got = manifest(args.site)
    found = differences(want, got)
    for line in found:
        print(line)
    print(f"{len(got)} files; {len(found)} difference(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
