"""Telling a real Ctrl-C from a ``KeyboardInterrupt`` that a system raised by itself.

The CLI installs a SIGINT handler that notes the signal before raising ``KeyboardInterrupt``,
so the runner can report a system's own ``raise KeyboardInterrupt`` (or ``sys.exit``) as that
system's failure while a real Ctrl-C still stops bench with exit 130.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

_received = threading.Event()


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    _received.set()
    raise KeyboardInterrupt


def install() -> None:
    """Note every SIGINT from now on (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is threading.main_thread() \
            and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        _received.clear()
        signal.signal(signal.SIGINT, _on_sigint)


def uninstall() -> None:
    """Put Python's own SIGINT handler back."""
    if threading.current_thread() is threading.main_thread() \
            and signal.getsignal(signal.SIGINT) is _on_sigint:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def received() -> bool:
    """True when a real SIGINT arrived since ``install``."""
    return _received.is_set()
