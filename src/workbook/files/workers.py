"""Worker processes that never outlive the run that started them.

Workers only render into memory; the parent alone writes files. So a worker may be killed
at any moment without leaving anything behind, and after an interruption nothing more is
written. On Linux a worker asks the kernel to kill it when its parent dies, whatever
killed the parent (SIGKILL included); elsewhere the parent stops its workers on the way out.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import sys
from collections.abc import Callable, Iterator
from multiprocessing.pool import Pool
from typing import Any

_PR_SET_PDEATHSIG = 1


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled like Ctrl-C.

    Libraries may re-raise it as a new instance with another message (ReportLab does, to
    say which flowable it was drawing), so the signal is remembered in ``_received``.
    """


_received: list[int] = []


def interrupted_by() -> int | None:
    """The signal (SIGTERM or SIGHUP) that interrupted the run, if one did."""
    return _received[-1] if _received else None


def interrupted_exit_code() -> int:
    """128 + the signal that interrupted the run; 130 (SIGINT) for Ctrl-C."""
    return 128 + (_received[-1] if _received else signal.SIGINT)


@contextlib.contextmanager
def signals_as_interrupts() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP unwind like Ctrl-C, so temporary files go.

    Only the first signal interrupts; more while cleaning up are ignored so the clean-up
    itself is not cut short.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    def interrupt(signum: int, _: Any) -> None:
        for other in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(other, signal.SIG_IGN)
        _received.append(signum)
        raise Interrupted(signal.Signals(signum).name)

    _received.clear()
    previous = {s: signal.signal(s, interrupt) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _start(parent: int, initializer: Callable[[], None] | None) -> None:
    """Run first in every worker."""
    # Interruptions are the parent's to handle: it stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    if initializer is not None:
        initializer()


@contextlib.contextmanager
def pool(
    size: int, start_method: str | None = None, initializer: Callable[[], None] | None = None
) -> Iterator[Pool]:
    """A process pool whose workers die with the run; on any exception they are killed.

    multiprocessing's Pool rather than concurrent.futures: its ``terminate`` stops
    workers mid-task cleanly, where cancelling a ProcessPoolExecutor's work on Python 3.11
    ends in tracebacks from its manager thread.
    """
    context = mp.get_context(start_method)
    workers = context.Pool(size, initializer=_start, initargs=(os.getpid(), initializer))
    try:
        yield workers
    except BaseException:
        workers.terminate()  # kills every worker, whatever it is doing
        workers.join()
        raise
    workers.close()
    workers.join()
