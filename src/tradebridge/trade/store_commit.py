"""Writing the trade store safely: one writer at a time across processes, and commits that are
atomic as a whole.

A write prepares its files in a ``.incoming-*`` folder, then :func:`commit` renames a journal
(``.commit.json``: the renames to do, relative to the store's root) into place — the commit
point — and carries out the renames.  A writer killed after the commit point leaves the journal;
:func:`recover` (run by the next writer, and by readers that find a journal) finishes its renames,
which are idempotent.  Killed before it, the writer leaves only its ``.incoming-*`` folder, which
the next writer removes.

Locks are ``flock`` on files in the root: ``.write.lock`` (exclusive) serialises writers for a
whole import (read the old files, merge, commit); ``.commit.lock`` is held exclusively only during
the renames and shared by readers binding their views, so a reader never sees half a commit and
never waits for more than the renames."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

JOURNAL = ".commit.json"
WRITE_LOCK = ".write.lock"
COMMIT_LOCK = ".commit.lock"
INCOMING = ".incoming-"
_KEEP = {WRITE_LOCK, COMMIT_LOCK}  # never removed: a process may hold a lock on them

# flock is per open file, so threads of one process exclude each other too; this lock only
# spares them the wait in the kernel.
_THREAD_LOCK = threading.RLock()


@contextlib.contextmanager
def _flock(path: Path, mode: int) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o664)
    try:
        fcntl.flock(fd, mode)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def writing(root: Path) -> Iterator[None]:
    """Hold the store's writer lock: the only writer, on any process, until the block ends.
    A journal left by a killed writer is replayed and leftover ``.incoming-*`` folders removed
    first."""
    with _THREAD_LOCK:
        root.mkdir(parents=True, exist_ok=True)
        with _flock(root / WRITE_LOCK, fcntl.LOCK_EX):
            _replay(root)
            remove_leftovers(root)
            yield


@contextlib.contextmanager
def try_writing(root: Path, timeout: float) -> Iterator[bool]:
    """As :func:`writing`, for work that may be skipped (a cache beside the data): waits at most
    ``timeout`` seconds for the writer lock and yields whether it holds it.  The block runs
    either way; it writes only when it got True."""
    deadline = time.monotonic() + max(0.0, timeout)
    if not _THREAD_LOCK.acquire(timeout=max(0.0, timeout)):
        yield False
        return
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(root / WRITE_LOCK, os.O_RDWR | os.O_CREAT, 0o664)
        try:
            held = False
            while not held:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    held = True
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        break
                    time.sleep(0.05)
            if held:
                _replay(root)
                remove_leftovers(root)
            yield held
        finally:
            os.close(fd)  # closing releases the lock
    finally:
        _THREAD_LOCK.release()


@contextlib.contextmanager
def reading(root: Path) -> Iterator[None]:
    """Finish an interrupted commit if there is one, then hold the commit lock shared (no
    renames under way) while the block reads the file list."""
    recover(root)
    try:
        lock = _flock(root / COMMIT_LOCK, fcntl.LOCK_SH)
        lock.__enter__()
    except OSError:  # no store yet, or a read-only one: nothing can be renamed under us
        yield
        return
    try:
        yield
    finally:
        lock.__exit__(None, None, None)


def recover(root: Path) -> None:
    """Replay a journal left by a killed writer (taking the writer lock); cheap when none."""
    if (root / JOURNAL).exists():
        with writing(root):
            pass


def commit(root: Path, incoming: Path, moves: list[tuple[Path, Path]]) -> None:
    """Make the prepared files of ``incoming`` the store's, all at once: ``moves`` are
    (prepared file, place in the store).  Call with the writer lock held."""
    entries = [[str(src.relative_to(root)), str(dst.relative_to(root))] for src, dst in moves]
    staged = incoming / "journal.json"
    with staged.open("w", encoding="utf-8") as handle:
        json.dump({"incoming": str(incoming.relative_to(root)), "moves": entries}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    # DuckDB keeps Parquet footers while a file's modification time (in whole seconds) is not
    # later than when it read them: a file replaced within that second would be read with the
    # old footer.  Stamped a second ahead (nanoseconds kept distinct), new files never are.
    stamp = (int(time.time()) + 1) * 10**9 + time.time_ns() % 10**9
    for src, dst in moves:
        os.utime(src, ns=(stamp, stamp))
        dst.parent.mkdir(parents=True, exist_ok=True)
    with _flock(root / COMMIT_LOCK, fcntl.LOCK_EX):
        os.replace(staged, root / JOURNAL)  # the commit point
        _fsync_dir(root)
        _apply(root)


def _replay(root: Path) -> None:
    if (root / JOURNAL).exists():
        with _flock(root / COMMIT_LOCK, fcntl.LOCK_EX):
            _apply(root)


def _apply(root: Path) -> None:
    journal = root / JOURNAL
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    for src, dst in entries["moves"]:
        # Renames already done have no source left: replaying is idempotent.
        if (root / src).exists():
            os.replace(root / src, root / dst)
    for directory in {(root / dst).parent for _src, dst in entries["moves"]}:
        _fsync_dir(directory)
    journal.unlink()
    shutil.rmtree(root / entries["incoming"], ignore_errors=True)


def remove_leftovers(root: Path) -> None:
    """Remove ``.incoming-*`` folders of writers that died (call with the writer lock held)."""
    for directory in (root, root / "flows"):
        if directory.is_dir():
            for leftover in directory.glob(INCOMING + "*"):
                shutil.rmtree(leftover, ignore_errors=True)


def clear(root: Path) -> None:
    """Remove every file of the store but its lock files (call with the writer lock held)."""
    for path in root.iterdir():
        if path.name in _KEEP:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
