"""What the file-to-file commands (`schedule-file`, `recommend-file`) share: argument types that
name the bad value, and writing the output file atomically."""

from __future__ import annotations

import os
import tempfile
from argparse import ArgumentTypeError
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from django.core.management.base import CommandError


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def positive_seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not number > 0:
        raise ArgumentTypeError(f"expected a number of seconds above 0, got {value!r}")
    return number


def write_atomically(target: Path, write: Callable[[TextIO], None]) -> None:
    """Write through a temporary file in the same folder, then rename: a failed run leaves no
    half file. The file gets the permissions a plainly created one would."""
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent,
                                         prefix=f".{target.name}.", suffix=".tmp",
                                         delete=False) as handle:
            temporary = Path(handle.name)
            write(handle)
        mask = os.umask(0o022)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, target)
    except OSError as exc:
        raise CommandError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
