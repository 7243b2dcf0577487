"""A file descriptor that transfer workers use and the calling thread closes.

After Ctrl-C a transfer call re-raises without waiting for its workers (see
:class:`~gc_highlevel._concurrency.Group`), and closes its files on the way out. A
worker still inside ``os.pread``/``os.pwrite`` would then use a number the kernel may already
have given to another file or socket, and read or write there. :class:`SharedFd` closes the
descriptor only when the last use in progress ends, and refuses new uses at once.

Example:
    >>> import os, tempfile
    >>> fd, path = tempfile.mkstemp()
    >>> shared = SharedFd(fd, lambda: os.close(fd))
    >>> with shared.use() as same_fd:
    ...     shared.close()  # another thread's close: waits for this use
    ...     os.pwrite(same_fd, b"still mine", 0)
    10
    >>> with shared.use():
    ...     pass
    Traceback (most recent call last):
    OSError: [Errno 9] file is closed (the transfer stopped)
    >>> os.remove(path)
"""

from __future__ import annotations

import contextlib
import errno
import threading
from collections.abc import Callable, Iterator


class SharedFd:
    """``fd`` for several threads; ``release()`` runs once, after the last use."""

    def __init__(self, fd: int, release: Callable[[], object], *, name: str = "file") -> None:
        self._fd = fd
        self._release = release
        self._name = name
        self._lock = threading.Lock()
        self._users = 0
        self._closing = False
        self._released = False

    @contextlib.contextmanager
    def use(self) -> Iterator[int]:
        """The descriptor, open until the block ends; ``OSError`` once :meth:`close` ran."""
        with self._lock:
            if self._closing:
                raise OSError(errno.EBADF, f"{self._name} is closed (the transfer stopped)")
            self._users += 1
        try:
            yield self._fd
        finally:
            with self._lock:
                self._users -= 1
            self._release_if_unused()

    def close(self) -> None:
        """Refuse new uses; release the descriptor now, or when the last use ends."""
        with self._lock:
            self._closing = True
        self._release_if_unused()

    def _release_if_unused(self) -> None:
        with self._lock:
            release = self._closing and self._users == 0 and not self._released
            self._released = self._released or release
        if release:
            self._release()
