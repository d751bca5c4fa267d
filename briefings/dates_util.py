"""Small helpers for partial ISO dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``)."""

from __future__ import annotations

import datetime as dt


def check_partial_date(value: str) -> str | None:
    """``None`` when ``value`` is an existing partial date, else what is wrong with it."""
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        dt.date(year, month, day)
    except ValueError as exc:
        return f"no such date ({exc})"
    return None


def partial_to_date(value: str) -> tuple[dt.date, str]:
    """``"2025-08"`` -> ``(date(2025, 8, 1), "month")``."""
    parts = [int(p) for p in value.split("-")]
    precision = {1: "year", 2: "month", 3: "day"}[len(parts)]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(*parts), precision
