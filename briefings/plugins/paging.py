"""Long lists cut into pages: the Sources list (citations plugin), an actor's and a year's
developments (chronology plugin). Templates show them with ``partials/pager.html``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass
class Page:
    number: int  # 1-based
    count: int  # pages of the list
    url: str  # "actors/nato/", then "actors/nato/2/", …
    save_as: str
    items: list
    first: int  # position of its first item in the whole list (1-based)
    last: int
    total: int  # items of the whole list
    label: str  # what its first and last item are ("18 March 2025 – September 2025")


def paginate(items: Sequence, size: int, url: str, label: Callable[[object], str],
             save_as: str | None = None) -> list[Page]:
    """``items`` in pages of ``size``, in the order given: the first at ``url`` (saved as
    ``save_as``, by default ``url`` + ``index.html``), the next ones at ``url`` + ``2/``, …
    An empty list still has its one (empty) page."""
    size = max(1, int(size))
    starts = range(0, max(len(items), 1), size)
    pages = []
    for n, start in enumerate(starts, 1):
        chunk = list(items[start:start + size])
        page_url = url if n == 1 else f"{url}{n}/"
        ends = dict.fromkeys(label(x) for x in chunk[:1] + chunk[-1:])
        pages.append(Page(n, len(starts), page_url,
                          (save_as or f"{url}index.html") if n == 1 else f"{page_url}index.html",
                          chunk, start + 1, start + len(chunk), len(items), " – ".join(ends)))
    return pages
