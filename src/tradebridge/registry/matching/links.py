"""Input–output links: what an organisation that makes a product buys to make it (pure Python).

``catalog/data/input-output.csv`` lists, per row, an ``input`` HS code (2, 4 or 6 digits) that
goes into making an ``output`` code (fabric → garments, clinker → cement, raw silk → silk
fabric).  An organisation offering an output is taken to need its inputs: *implied needs*,
weighed ``LINK_CONFIDENCE`` (an explicit need of the same product weighs 1), and explained as
such in the reasons ("offers raw silk (HS 5002), an input of the silk fabric (HS 5007.20) they
make").
"""

from __future__ import annotations

import csv
from functools import lru_cache

from tradebridge.registry.matching.products import DATA_DIR
from tradebridge.registry.matching.profiles import Item

LINKS = DATA_DIR / "input-output.csv"
LINK_CONFIDENCE = 0.6  # below any explicit need: a stated need ranks first
MAX_IMPLIED = 6  # implied needs per organisation

Implied = tuple[Item, str, int]  # (the input as an item, the output code, the offer's position)


@lru_cache(maxsize=1)
def links() -> tuple[tuple[str, str], ...]:
    """(input, output) code pairs of the packaged table."""
    with LINKS.open(encoding="utf-8-sig", newline="") as handle:
        return tuple((row["input"].strip(), row["output"].strip()) for row in csv.DictReader(handle))


@lru_cache(maxsize=1)
def _by_output() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for source, output in links():
        found.setdefault(output, []).append(source)
    return {output: tuple(sources) for output, sources in found.items()}


@lru_cache(maxsize=65536)
def inputs_of(code: str) -> tuple[str, ...]:
    """The input codes of an offered ``code`` (its own branch excluded: rice is no input of
    rice)."""
    table = _by_output()
    found: list[str] = []
    for size in (2, 4, 6):
        if len(code) >= size:
            for source in table.get(code[:size], ()):
                if not (source.startswith(code) or code.startswith(source)) and source not in found:
                    found.append(source)
    return tuple(found)


@lru_cache(maxsize=65536)
def _item(code: str, conf: float) -> Item:
    """One shared tuple per implied item: the index caches items by identity."""
    return ((code, conf),)


def implied_needs(offers: tuple[Item, ...], needs: tuple[Item, ...]) -> list[Implied]:
    """The inputs of what ``offers`` hold that ``needs`` do not name already."""
    named = {code for item in needs for code, _ in item}
    implied: list[Implied] = []
    for position, item in enumerate(offers):
        for code, conf in item:
            for source in inputs_of(code):
                if source in named:
                    continue
                named.add(source)
                implied.append((_item(source, LINK_CONFIDENCE * conf), code, position))
                if len(implied) == MAX_IMPLIED:
                    return implied
    return implied
