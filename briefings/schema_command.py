"""``briefings schema``: print the entry schema (the field reference of CONTRIBUTING.md)."""

from __future__ import annotations

import argparse

from briefings.schema import field_reference_markdown

HELP = "print the field reference of an entry, generated from the schema"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--markdown", action="store_true", help="Markdown table (the default)")


def main(args: argparse.Namespace) -> int:
    print(field_reference_markdown(), end="")
    return 0
