"""Errors are data with a place: every problem names its file, line, a stable code and a fix."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    hint: str = ""
    severity: str = ERROR
    col: int = 1

    def format(self) -> str:
        """``path:line:col: CODE message (hint)`` — the one human format of the project."""
        text = f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def format_github(self) -> str:
        """A GitHub Actions workflow command, shown as an annotation on the pull request."""
        kind = "error" if self.severity == ERROR else "warning"
        msg = self.message + (f" ({self.hint})" if self.hint else "")
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = (self.path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
                .replace(":", "%3A").replace(",", "%2C"))  # property values escape these too
        return f"::{kind} file={path},line={self.line},col={self.col},title={self.code}::{msg}"

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def display_path(path: str | Path, root: Path | None = None) -> str:
    """A path as a maintainer would type it: relative to the working directory when possible."""
    cwd = os.getcwd()
    return _display_path(str(path), str(root) if root else cwd, cwd)


@lru_cache(maxsize=65536)
def _display_path(path: str, base: str, cwd: str) -> str:
    # Cached: a file with several problems is shown several times. Resolving costs a system
    # call per path component, so each folder is resolved once and the file's name put after
    # it (a file that is itself a symbolic link is shown where it is, not where it points).
    p = Path(path)
    try:
        here = _resolved(os.path.join(cwd, base))
        if p.name in ("", ".", ".."):
            return str(p.resolve().relative_to(here))
        return str((_resolved(os.path.join(cwd, p.parent)) / p.name).relative_to(here))
    except ValueError:
        return str(p)


@lru_cache(maxsize=4096)
def _resolved(folder: str) -> Path:  # an absolute path
    return Path(folder).resolve()


class ProblemError(Exception):
    """Raised when a stage cannot go on; carries every problem found so far."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


def dumps(problems: list[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False)
