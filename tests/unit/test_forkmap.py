"""fork_map (briefings/plugins/cores/forkmap.py): a loop shared with forked copies gives what the
plain loop gives, in order; a copy that fails has its share done by the caller; an error in the
caller's share is raised and leaves no copy behind; with other threads it does not fork.

Each case runs in a new Python process: fork_map does not fork where other threads run, and
other tests may leave some in this one."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(code: str) -> dict:
    script = "import json, os, threading\nfrom briefings.plugins.cores.forkmap import fork_map\n"
    proc = subprocess.run([sys.executable, "-c", script + textwrap.dedent(code)], cwd=ROOT,
                          capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_results_in_order_and_made_in_several_processes():
    got = run("""
        results, afters = fork_map(lambda x: (x * x, os.getpid()), list(range(53)), 3,
                                   after=lambda: os.getpid())
        print(json.dumps({"results": results, "afters": afters, "me": os.getpid()}))
    """)
    results = got["results"]
    assert [r for r, _pid in results] == [x * x for x in range(53)]
    pids = {pid for _r, pid in results}
    assert len(pids) == 3 and got["me"] in pids
    assert sorted(got["afters"]) == sorted(pids - {got["me"]})  # one per copy, from the copy
    # every third item from the same process: the shares are interleaved
    assert all(results[i][1] == results[i % 3][1] for i in range(53))


def test_a_failed_copy_has_its_share_done_here():
    got = run("""
        parent = os.getpid()
        def func(x):
            if os.getpid() != parent and x == 5:
                os._exit(3)  # a copy dies without sending anything
            return [x + 1, os.getpid()]
        results, afters = fork_map(func, list(range(10)), 2)
        print(json.dumps({"results": results, "afters": afters, "me": parent}))
    """)
    assert [r for r, _pid in got["results"]] == list(range(1, 11))
    assert {pid for _r, pid in got["results"]} == {got["me"]}  # the copy's share redone here
    assert got["afters"] == []  # nothing came back from the copy


def test_an_error_here_is_raised_and_the_copies_are_stopped():
    got = run("""
        parent = os.getpid()
        def func(x):
            if os.getpid() == parent and x == 2:
                raise ValueError("bad item")
            return x
        try:
            fork_map(func, list(range(10)), 2)
            raised = None
        except ValueError as exc:
            raised = str(exc)
        try:
            os.waitpid(-1, os.WNOHANG)
            left = True
        except ChildProcessError:
            left = False
        print(json.dumps({"raised": raised, "left": left}))
    """)
    assert got == {"raised": "bad item", "left": False}


def test_no_fork_with_other_threads_or_for_one_process():
    got = run("""
        stop = threading.Event()
        other = threading.Thread(target=stop.wait)
        other.start()
        threaded = fork_map(lambda x: os.getpid(), list(range(6)), 2)[0]
        stop.set()
        other.join()
        alone = fork_map(lambda x: os.getpid(), [1, 2, 3], 1)[0]
        forked = fork_map(lambda x: os.getpid(), [1, 2, 3], 2)[0]
        print(json.dumps({"threaded": threaded, "alone": alone, "forked": forked,
                          "me": os.getpid()}))
    """)
    assert set(got["threaded"]) == {got["me"]}
    assert set(got["alone"]) == {got["me"]}
    assert len(set(got["forked"])) == 2  # the same call forks once the thread is gone
