"""``briefings build``: the whole site, built beside ``output/`` and swapped in only on success.

Steps, in order (each a function taking the build context; later issues add their own):

1. ``pelican``  the pages, feeds and chronology data, with ``--fatal errors``;
2. further steps registered in :data:`STEPS` (search index, PDFs).

A failed step leaves the previous ``output/`` exactly as it was and says why.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HELP = "build the site into output/ (atomically: the old site stays until the new one is whole)"


@dataclass
class BuildContext:
    root: Path  # the project root (where pelican.conf.py is)
    content: Path
    settings: Path
    output: Path  # the final output directory
    staging: Path  # where this build writes
    options: argparse.Namespace | None = None
    timings: dict[str, float] = field(default_factory=dict)


class BuildError(Exception):
    pass


def step_pelican(ctx: BuildContext) -> None:
    cmd = [sys.executable, "-m", "pelican", str(ctx.content), "-s", str(ctx.settings),
           "-o", str(ctx.staging), "--fatal", "errors", "--delete-output-directory"]
    if ctx.options is not None and getattr(ctx.options, "quiet", False):
        cmd.append("-q")
    proc = subprocess.run(cmd, cwd=ctx.root, check=False)
    if proc.returncode != 0:
        raise BuildError(f"pelican exited with {proc.returncode} (its messages are above)")


def step_pdf(ctx: BuildContext) -> None:
    """Briefing books and development PDFs into ``<staging>/pdf`` (see briefings.pdf)."""
    from briefings.pdf.command import step_pdf as run

    run(ctx)


#: (name, function, enabled-by-default). Later steps append here.
STEPS: list[tuple[str, Callable[[BuildContext], None]]] = [
    ("pelican", step_pelican),
]
STEPS.append(("pdf", step_pdf))


def build(root: Path, content: Path, settings: Path, output: Path,
          options: argparse.Namespace | None = None, skip: tuple[str, ...] = ()) -> BuildContext:
    """Run every step into a staging directory, then replace ``output`` with it."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".output-", dir=output.parent))
    ctx = BuildContext(root.resolve(), content.resolve(), settings.resolve(), output, staging,
                       options)
    try:
        for name, func in STEPS:
            if name in skip:
                continue
            t0 = time.perf_counter()
            func(ctx)
            ctx.timings[name] = time.perf_counter() - t0
        swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ctx


def swap_in(staging: Path, output: Path) -> None:
    """Replace ``output`` by ``staging`` with two renames (the old tree is removed after)."""
    old = None
    if output.exists():
        old = output.with_name(f".output-old-{os.getpid()}")
        os.rename(output, old)
    staging.chmod(0o755)
    os.rename(staging, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--settings", type=Path, default=Path("pelican.conf.py"))
    parser.add_argument("--output", "-o", type=Path, default=Path("output"))
    parser.add_argument("--skip", action="append", default=[],
                        help="skip a step by name (" + ", ".join(n for n, _ in STEPS) + ")")
    parser.add_argument("--quiet", "-q", action="store_true")


def main(args: argparse.Namespace) -> int:
    try:
        ctx = build(Path.cwd(), args.content, args.settings, args.output, args, tuple(args.skip))
    except BuildError as exc:
        print(f"build failed: {exc}; {args.output}/ was left as it was", file=sys.stderr)
        return 1
    steps = ", ".join(f"{k} {v:.1f}s" for k, v in ctx.timings.items())
    print(f"built {ctx.output} ({steps})")
    return 0
