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
_active: list[bool] = []  # inside ``signals_as_interrupts``


def stop_requested() -> bool:
    """Whether this run took a signal, even one whose interruption was lost: Python only
    prints an exception raised inside a finaliser or a fork hook, where a handler may run.
    Writers ask before they commit, so a signalled run never writes."""
    return bool(_active) and bool(_received)


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
    _active.append(True)
    try:
        yield
        if _received:  # its exception was lost on the way (see stop_requested)
            raise Interrupted(signal.Signals(_received[-1]).name)
    finally:
        _active.pop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)


_STOPPING = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def _hold() -> set[int | signal.Signals] | None:
    """Hold SIGINT, SIGTERM and SIGHUP in this thread (they wait, pending); the mask before."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)


def _release(previous: set[int | signal.Signals] | None) -> None:
    """Let the held signals in again: one that came meanwhile is handled now."""
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _start(parent: int, initializer: Callable[[], None] | None) -> None:
    """Run first in every worker, which is born with the stopping signals held."""
    # Interruptions are the parent's to handle: it stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    if hasattr(signal, "pthread_sigmask"):  # only now: a SIGTERM before this line waited
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
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
    # The pool is made with the stopping signals held, for three reasons. Its workers are
    # born holding them, and let them in only once their own handlers are set (a SIGTERM
    # in between would have run the parent's handler in a worker, or been ignored by one
    # and left it running). Its helper threads hold them for good, so a signal always
    # reaches the main thread and wakes its wait for results at once (in a helper thread
    # it was only handled once every job was done). And a signal while the pool is being
    # made is handled inside the ``try`` below, where the workers are stopped, never
    # half-way through making it, with threads running and nothing to stop them.
    held = _hold()
    try:
        workers = context.Pool(size, initializer=_start, initargs=(os.getpid(), initializer))
    except BaseException:
        _release(held)
        raise
    try:
        _release(held)
        yield workers
        workers.close()
        workers.join()
    except BaseException:
        # Stopped with the signals held again, so that a second one cannot cut it short.
        held = _hold()
        try:
            workers.terminate()  # kills every worker, whatever it is doing
            workers.join()
        finally:
            _release(held)
        raise
