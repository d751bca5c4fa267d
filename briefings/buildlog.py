"""What ``briefings build`` prints: each problem once, as ``path:line:col: CODE message (hint)``.

Validation and Pelican's plugins check some things twice (a citation key that is not in the
bibliography is an error of both), each in its own words, and a failed Pelican run ends with its
log and a traceback. So the build runs Pelican with its output captured (:func:`capture`) and,
once validation is done, passes on only what the reader needs (:meth:`Printed.relay`):

- validation's problems, printed as it finds them (:meth:`Printed.problem`);
- Pelican's problem lines (the plugins print them on stderr), except one already printed for
  the same file, line and code;
- on success, the rest of Pelican's output as it was; on failure, nothing else (``briefings
  build --verbose`` runs Pelican without capture: every message, traceback included);
- GitHub Actions annotations (``::error …``), which a workflow shows on the pull request
  rather than in the log.
"""

from __future__ import annotations

import contextlib
import re
import sys
import tempfile
from collections.abc import Iterator
from typing import IO

from briefings.problems import Problem

#: ``path:line:col: CODE message``: a problem line, as Problem.format writes it.
PROBLEM_RE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[EW]-[A-Z0-9-]+) ")
ANNOTATION_RE = re.compile(r"^::(error|warning|notice) ")


class Printed:
    """The problems a build has printed, by file, line and code."""

    def __init__(self) -> None:
        self.seen: set[tuple[str, int, str]] = set()
        self.lines: set[str] = set()

    def problem(self, p: Problem) -> None:
        """Print a problem of the build's own checks (they report each once)."""
        self.seen.add((p.path, p.line, p.code))
        self._print(p.format(), sys.stderr)

    def relay(self, out: str, err: str, ok: bool) -> int:
        """Pass on Pelican's captured ``out`` and ``err``; returns how many problem lines were
        printed from them."""
        shown = 0
        for line in err.splitlines():
            m = PROBLEM_RE.match(line)
            if m:
                if (m["path"], int(m["line"]), m["code"]) in self.seen or line in self.lines:
                    continue  # validation said it
                self._print(line, sys.stderr)
                shown += 1
            elif ok:
                print(line, file=sys.stderr)
        for line in out.splitlines():
            if ok or ANNOTATION_RE.match(line):
                print(line)
        sys.stdout.flush()
        sys.stderr.flush()
        return shown

    def _print(self, line: str, stream: IO[str]) -> None:
        self.lines.add(line)
        print(line, file=stream)


@contextlib.contextmanager
def capture() -> Iterator[tuple[IO[bytes], IO[bytes]]]:
    """Two temporary files for a subprocess's stdout and stderr (read with :func:`text`)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        yield out, err


def text(files: tuple[IO[bytes], IO[bytes]]) -> tuple[str, str]:
    """What was written to the files of :func:`capture`."""
    texts = []
    for f in files:
        f.seek(0)
        texts.append(f.read().decode("utf-8", errors="replace"))
    return texts[0], texts[1]
