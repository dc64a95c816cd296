"""What the matching engine reads and returns: organisation profiles, their products, and
recommended partners (pure Python, no Django)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

DEFAULT_TOP = 10

Code = tuple[str, float]  # (HS code of 2, 4 or 6 digits, confidence in (0, 1])
Item = tuple[Code, ...]  # the codes of one offered or needed product


@dataclass(slots=True)
class ProductItem:
    """One offered or needed product: free ``text`` and, when known, an ``hs`` code."""

    text: str
    hs: str | None = None


@dataclass(slots=True)
class Profile:
    """An organisation as the engine sees it; ``country`` and ``markets`` are ISO alpha-3."""

    id: str
    name: str = ""
    country: str = ""
    province: str | None = None
    kind: str | None = None
    sectors: list[str] = field(default_factory=list)
    offers: list[ProductItem] = field(default_factory=list)
    needs: list[ProductItem] = field(default_factory=list)
    markets: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Recommendation:
    """Partner ``id`` with ``score`` in [0, 1] and ``reasons`` in the active language (English
    without Django)."""

    id: str
    score: float
    reasons: list[str]


def format_hs(code: str) -> str:
    """``091011`` → ``0910.11``; headings and chapters as they are."""
    return f"{code[:4]}.{code[4:]}" if len(code) == 6 else code


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building millions of small acyclic objects would
    otherwise trigger full collections over the whole heap again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
