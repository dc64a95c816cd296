"""The partner-recommendation file formats (shared/spec/profiles.md), pure Python.

* :func:`parse_profiles` checks a decoded ``tradebridge.profiles/1`` document and returns its
  :class:`~tradebridge.registry.matching.profiles.Profile` list, or raises :class:`ProfileFormatError`
  naming the organisation (id and index) and the field, such as
  ``organization 'la-x' (index 3): field 'offers[1].hs': '910.11' is not an HS code of 2, 4 or
  6 digits``.
* :func:`load_profiles` does the same from a file (bad JSON is a :class:`ProfileFormatError`
  too).
* :func:`write_recommendations` builds the ``tradebridge.recommendations/1`` document;
  :func:`dump_recommendations` writes the same JSON to a stream one organisation at a time, for
  large outputs.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, TextIO

from tradebridge.catalog.resolve import normalize_hs
from tradebridge.registry.matching.profiles import ProductItem, Profile, Recommendation, gc_paused

__all__ = [
    "PROFILES_FORMAT",
    "RECOMMENDATIONS_FORMAT",
    "ProfileFormatError",
    "dump_recommendations",
    "load_profiles",
    "parse_profiles",
    "recommendation_fragment",
    "write_recommendations",
]

PROFILES_FORMAT = "tradebridge.profiles/1"
RECOMMENDATIONS_FORMAT = "tradebridge.recommendations/1"

_ALPHA3 = re.compile(r"[A-Za-z]{3}")
_MISSING = object()
_KNOWN_COUNTRIES: dict[str, str] = {}  # country codes as written → checked upper-case code
_PREVIEW = 60
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # one encoder: made once


class ProfileFormatError(ValueError):
    """A malformed profiles document.  ``organization`` (its id, when it has a usable one),
    ``index`` and ``field`` locate the problem; ``reason`` says what is wrong."""

    def __init__(
        self,
        reason: str,
        *,
        field: str | None = None,
        organization: str | None = None,
        index: int | None = None,
    ):
        self.reason = reason
        self.field = field
        self.organization = organization
        self.index = index
        where = []
        if index is not None:
            where.append(
                f"organization {organization!r} (index {index})"
                if organization
                else f"organization at index {index}"
            )
        if field is not None:
            where.append(f"field {field!r}")
        super().__init__(": ".join([*where, reason]))


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(country.alpha_3 for country in pycountry.countries)


def _preview(value: Any) -> str:
    """A value as it appears in a message: strings quoted ('910.11'), others as JSON (null)."""
    try:
        text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class _Organization:
    """Checks for one organisation, raising errors that name it."""

    def __init__(self, data: Mapping[str, Any], index: int, org_id: str | None):
        self.data = data
        self.index = index
        self.id = org_id

    def error(self, field: str, reason: str) -> ProfileFormatError:
        return ProfileFormatError(reason, field=field, organization=self.id, index=self.index)

    def optional_string(self, name: str) -> str | None:
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(name, f"expected a string or null, got {_type_name(value)}")
        return value.strip() or None

    def country(self, field: str, value: Any) -> str:
        code = _KNOWN_COUNTRIES.get(value) if type(value) is str else None
        if code is not None:
            return code
        if not isinstance(value, str):
            raise self.error(
                field, f"expected a 3-letter country code (ISO 3166-1 alpha-3), got {_type_name(value)}"
            )
        code = value.strip()
        if not _ALPHA3.fullmatch(code):
            raise self.error(field, f"{_preview(value)} is not a 3-letter country code (ISO 3166-1 alpha-3)")
        code = code.upper()
        if code not in _country_codes():
            raise self.error(field, f"{_preview(value)} is not an ISO 3166-1 alpha-3 country code")
        if len(_KNOWN_COUNTRIES) < 1024:
            _KNOWN_COUNTRIES[value] = code
        return code

    def markets(self) -> list[str]:
        value = self.data.get("markets")
        if value is not None and not isinstance(value, list):
            raise self.error("markets", f"expected a list of country codes, got {_type_name(value)}")
        markets: list[str] = []
        for position, market in enumerate(value or []):
            code = self.country(f"markets[{position}]", market)
            if code not in markets:
                markets.append(code)
        return markets

    def string_list(self, name: str) -> list[str]:
        value = self.data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(name, f"expected a list of strings, got {_type_name(value)}")
        strings = []
        for position, entry in enumerate(value):
            if type(entry) is not str:
                raise self.error(f"{name}[{position}]", f"expected a string, got {_type_name(entry)}")
            entry = entry.strip()
            if entry:
                strings.append(entry)
        return strings

    def items(self, name: str) -> list[ProductItem]:
        value = self.data.get(name, _MISSING)
        if value is _MISSING:
            raise self.error(name, "missing (a list of products, possibly empty)")
        if type(value) is not list:
            raise self.error(name, f"expected a list of products, got {_type_name(value)}")
        items = []
        for position, entry in enumerate(value):
            if type(entry) is not dict:
                raise self.error(
                    f"{name}[{position}]",
                    f'expected an object {{"text": ..., "hs": ...}}, got {_type_name(entry)}',
                )
            raw_hs = entry.get("hs")
            hs = None
            if raw_hs is not None:
                if type(raw_hs) is not str:
                    raise self.error(
                        f"{name}[{position}].hs",
                        f'expected a string such as "0910.11" or null, '
                        f"got {_type_name(raw_hs)} {_preview(raw_hs)}",
                    )
                hs = _hs_code(raw_hs)
                if hs == "":
                    raise self.error(
                        f"{name}[{position}].hs", f"{_preview(raw_hs)} is not an HS code of 2, 4 or 6 digits"
                    )
            text = entry.get("text")
            if type(text) is not str:
                if text is not None:
                    raise self.error(f"{name}[{position}].text", f"expected a string, got {_type_name(text)}")
                text = ""
            text = text.strip()
            if not text and hs is None:
                raise self.error(f"{name}[{position}].text", "empty: give the product's text, or its hs code")
            items.append(ProductItem(text, hs))
        return items


@lru_cache(maxsize=4096)
def _hs_code(raw: str) -> str | None:
    """Digits of an HS code; None for a blank one (no code), "" for a malformed one."""
    if not raw.strip():
        return None
    try:
        return normalize_hs(raw)
    except ValueError:
        return ""


def parse_profiles(document: Any) -> list[Profile]:
    """The profiles of a decoded ``tradebridge.profiles/1`` document, checked.

    Required: ``format``, ``organizations`` (a list), and for each organisation a unique
    non-empty ``id``, ``country`` (ISO 3166-1 alpha-3, any case), ``offers`` and ``needs``
    (lists of ``{"text", "hs"}`` objects; ``text`` may be empty only when ``hs`` is given).
    Optional: ``name``, ``province``, ``kind`` (strings or null), ``sectors`` (strings),
    ``markets`` (country codes).  HS codes are returned as digits (``0910.11`` → ``091011``),
    countries in upper case.  Unknown fields are ignored.
    """
    if not isinstance(document, dict):
        raise ProfileFormatError(f"expected a JSON object, got {_type_name(document)}", field="document")
    fmt = document.get("format")
    if fmt != PROFILES_FORMAT:
        raise ProfileFormatError(f"expected {PROFILES_FORMAT!r}, got {_preview(fmt)}", field="format")
    organizations = document.get("organizations")
    if not isinstance(organizations, list):
        raise ProfileFormatError(
            f"expected a list of organisations, got {_type_name(organizations)}", field="organizations"
        )
    seen: dict[str, int] = {}
    return [_profile(data, index, seen) for index, data in enumerate(organizations)]


def _profile(data: Any, index: int, seen: dict[str, int]) -> Profile:
    """The checked profile of organisation ``index``; ``seen`` maps the ids so far to their index."""
    if not isinstance(data, dict):
        raise ProfileFormatError(f"expected an object, got {_type_name(data)}", field="organizations",
                                 index=index)
    raw_id = data.get("id")
    org_id = raw_id.strip() if isinstance(raw_id, str) else None
    org = _Organization(data, index, org_id or None)
    if raw_id is None:
        raise org.error("id", "missing")
    if not isinstance(raw_id, str):
        raise org.error("id", f"expected a string, got {_type_name(raw_id)}")
    if not org_id:
        raise org.error("id", "empty")
    if org_id in seen:
        raise org.error("id", f"duplicate id (first used at index {seen[org_id]})")
    seen[org_id] = index
    if "country" not in data:
        raise org.error("country", "missing (a 3-letter country code such as VNM, LAO, CHN)")
    country = org.country("country", data["country"])
    markets = org.markets()
    return Profile(
        id=org_id,
        name=org.optional_string("name") or "",
        country=country,
        province=org.optional_string("province"),
        kind=org.optional_string("kind"),
        sectors=org.string_list("sectors"),
        offers=org.items("offers"),
        needs=org.items("needs"),
        markets=markets,
    )


def load_profiles(path: str | os.PathLike[str]) -> list[Profile]:
    """Read and check a profiles file (UTF-8 JSON)."""
    with gc_paused():  # a large file is millions of small objects: no collections meanwhile
        try:
            with open(path, encoding="utf-8-sig") as handle:
                document = json.load(handle)
        except json.JSONDecodeError as exc:
            raise ProfileFormatError(f"not valid JSON: {exc}", field="document") from None
        except UnicodeDecodeError as exc:
            raise ProfileFormatError(f"not UTF-8 text: {exc}", field="document") from None
        return parse_profiles(document)


def _recommendation_dicts(recommendations: Sequence[Recommendation]) -> list[dict[str, Any]]:
    return [{"id": r.id, "score": r.score, "reasons": list(r.reasons)} for r in recommendations]


def write_recommendations(mapping: Mapping[str, Sequence[Recommendation]]) -> dict[str, Any]:
    """The ``tradebridge.recommendations/1`` document for ``{organisation id: recommendations}``."""
    return {
        "format": RECOMMENDATIONS_FORMAT,
        "recommendations": {org_id: _recommendation_dicts(recs) for org_id, recs in mapping.items()},
    }


def recommendation_fragment(org_id: str, recommendations: Sequence[Recommendation]) -> str:
    """One organisation's entry of the document, ``"id": [...]``, as compact JSON text."""
    return _COMPACT.encode(org_id) + ":" + _COMPACT.encode(_recommendation_dicts(recommendations))


def dump_recommendations(
    entries: Iterable[tuple[str, Sequence[Recommendation]] | str], stream: TextIO
) -> None:
    """Write the document of :func:`write_recommendations` to ``stream`` entry by entry.

    ``entries`` are ``(id, recommendations)`` pairs or fragments made by
    :func:`recommendation_fragment`; the JSON is the same as ``json.dumps`` of the document
    with compact separators, one organisation per line.
    """
    stream.write('{"format":' + json.dumps(RECOMMENDATIONS_FORMAT) + ',"recommendations":{')
    first = True
    for entry in entries:
        fragment = entry if isinstance(entry, str) else recommendation_fragment(*entry)
        stream.write(("\n" if first else ",\n") + fragment)
        first = False
    stream.write("\n}}\n")
