"""The ``briefings`` command. Each subcommand is a module with ``HELP``, ``add_arguments(parser)``
and ``main(args) -> int``; heavy libraries are imported inside ``main`` so that ``--help`` and the
other commands stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: subcommand -> module. Listed in the order a maintainer meets them.
COMMANDS: dict[str, str] = {
    "ingest": "briefings.ingest.command",
    "new": "briefings.scaffold.new_entry",
    "new-source": "briefings.scaffold.new_source",
    "validate": "briefings.validate.command",
    "build": "briefings.build",
    "pdf": "briefings.pdf.command",
    "bench": "briefings.bench.command",
    "eval": "briefings.eval.command",
    "schema": "briefings.schema_command",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefings",
        description="Build a cited chronology of Kosovo's defence and security cooperation "
        "with the United States and NATO.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in COMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # a command whose module is not part of this checkout
            raise
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_main=module.main)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._main(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
