"""The ``briefings`` command. Each subcommand is a module with ``HELP``, ``add_arguments(parser)``
and ``main(args) -> int``; heavy libraries are imported inside ``main`` so that ``--help`` and the
other commands stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from briefings import interrupt

#: subcommand -> module. Listed in the order a maintainer meets them.
COMMANDS: dict[str, str] = {
    "ingest": "briefings.ingest.command",
    "new": "briefings.scaffold.new_entry",
    "new-source": "briefings.scaffold.new_source",
    "validate": "briefings.validate.command",
    "build": "briefings.build",
    "serve": "briefings.serve.command",
    "pdf": "briefings.pdf.command",
    "bench": "briefings.bench.command",
    "eval": "briefings.eval.command",
    "dates": "briefings.ingest.dates_command",
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
        with interrupt.as_interrupt():  # SIGTERM and SIGHUP clean up as Ctrl-C does
            return int(args._main(args) or 0)
    except KeyboardInterrupt as exc:
        stopped = f"stopped by {exc}" if isinstance(exc, interrupt.Terminated) else "interrupted"
        print(stopped, file=sys.stderr)
        return interrupt.exit_status(exc)


if __name__ == "__main__":
    sys.exit(main())
