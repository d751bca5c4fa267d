"""briefings/interrupt.py: SIGTERM and SIGHUP as Ctrl-C, and signals held back for a few lines."""

from __future__ import annotations

import os
import signal

import pytest

from briefings import interrupt


def test_sigterm_raises_terminated_inside_and_nothing_outside():
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(interrupt.Terminated) as caught, interrupt.as_interrupt():
        os.kill(os.getpid(), signal.SIGTERM)
    assert isinstance(caught.value, KeyboardInterrupt)  # every Ctrl-C clean-up runs for it
    assert interrupt.exit_status(caught.value) == 143
    assert interrupt.exit_status(KeyboardInterrupt()) == 130
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_deferred_signal_is_raised_when_the_lines_are_done():
    done = []
    with pytest.raises(interrupt.Terminated), interrupt.as_interrupt(), interrupt.deferred():
        os.kill(os.getpid(), signal.SIGTERM)
        os.kill(os.getpid(), signal.SIGINT)
        done.append("the renames")
    assert done == ["the renames"]


def test_ctrl_c_deferred_is_a_keyboard_interrupt():
    with pytest.raises(KeyboardInterrupt) as caught, interrupt.deferred():
        os.kill(os.getpid(), signal.SIGINT)
    assert not isinstance(caught.value, interrupt.Terminated)
