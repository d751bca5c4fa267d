"""The bibliography order (``cache._compare`` on keys made once by ``cache._sortable``) is the
order of the comparison it replaced, which lowered and tried numbers on every comparison, as
citeproc-py's ``Sort.sort`` does."""

from __future__ import annotations

import contextlib
from functools import cmp_to_key

from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.plugins.citations.cache import _compare, _sortable


def _compare_as_before(left, right, descending):
    for j, desc in enumerate(descending):
        lk, rk = left[j], right[j]
        if lk is not None and rk is not None:
            lk, rk = lk.lower(), rk.lower()
            with contextlib.suppress(ValueError):
                lk, rk = int(lk), int(rk)
            result = (lk > rk) - (lk < rk)
            if result:
                return -result if desc else result
        elif lk is not None:
            return -1
        elif rk is not None:
            return 1
    return 0


# sort keys as citeproc-py renders them: names, years, numbers (some with spaces or signs),
# titles in any case, and missing keys
KEY = st.one_of(st.none(), st.sampled_from(["NATO", "nato", "Kfor", "RKS News", "10", "9", " 12",
                                            "-3", "0010", "1_000", "2025", "2025a", "ü", "Ü"]),
                st.text(alphabet="aAbB019 -_", max_size=4))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(KEY, KEY, KEY), min_size=2, max_size=30),
       st.lists(st.booleans(), min_size=3, max_size=3))
def test_same_order_as_the_comparison_it_replaced(sources, descending):
    before = sorted(range(len(sources)), key=cmp_to_key(
        lambda a, b: _compare_as_before(sources[a], sources[b], descending)))
    sortable = [[_sortable(k) for k in keys] for keys in sources]
    after = sorted(range(len(sources)), key=cmp_to_key(
        lambda a, b: _compare(sortable[a], sortable[b], descending)))
    assert after == before
