"""A time budget per page: past it, the page is given up with a clear reason.

The budget is an alarm signal, so it applies where a page is read on a process's main
thread (the ingest workers, which a server's ingest jobs use too, and `quotidien extract`);
elsewhere (the server's `POST /extract`, on its threads) pages run without one. The alarm
interrupts Python code, not a long call inside a C library: such a call ends first, then
the page is given up.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from quotidien.errors import InputError

#: Seconds before the alarm fires again when its exception was dropped (see `dropped`).
RETRY = 0.01


class _Expired(BaseException):
    """Raised by the alarm; a BaseException so that no `except Exception` swallows it."""


class PageTimeout(InputError):
    """A page took longer than its time budget."""


@contextmanager
def page_budget(seconds: float, name: str) -> Iterator[None]:
    """Raise PageTimeout(name) if the block runs longer than `seconds` (0: no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if seconds <= 0 or not usable:
        yield
        return

    def expired(_signal: int, _frame: FrameType | None) -> None:
        raise _Expired

    def dropped(unraisable: sys.UnraisableHookArgs) -> None:
        # An exception raised while Python runs a finaliser or a weakref callback is dropped
        # (and printed): the page would go on for ever. Ours fires again, silently.
        if isinstance(unraisable.exc_value, _Expired):
            signal.setitimer(signal.ITIMER_REAL, RETRY)
        else:
            previous_hook(unraisable)

    previous_hook, sys.unraisablehook = sys.unraisablehook, dropped
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise PageTimeout(name, f"took longer than {seconds:g} s (the page time budget)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = previous_hook
