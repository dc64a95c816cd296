"""What deduplication compares and decides: registry :class:`Record` objects, import rows
(:class:`RowLike`) and one :class:`Decision` per row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Kind = Literal["new", "same", "possible_duplicate"]
KINDS: tuple[Kind, ...] = ("new", "same", "possible_duplicate")


@dataclass(frozen=True)
class Record:
    """An organisation of the registry as the resolver sees it.

    ``names`` are its other names (other languages, former names); ``country`` an ISO alpha-3
    code; ``province`` a province code or name (compared after folding); ``identifiers`` maps a
    scheme to a value (``{"vn_tax_code": "0100109106"}``); ``email_domain`` the domain of its
    contact address; ``hs_codes`` the HS codes of its offers and needs.
    """

    id: Any
    name: str
    names: list[str] = field(default_factory=list)
    country: str = ""
    province: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    phone: str = ""
    email_domain: str = ""
    hs_codes: set[str] = field(default_factory=set)


class RowLike(Protocol):
    """What is read of an import row (:class:`~tradebridge.registry.delegation.ImportRow`)."""

    line: int
    name: str
    name_en: str
    country: str
    province: str
    identifier: str
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    hs_codes: tuple[str, ...]


@dataclass(frozen=True)
class Decision:
    """The verdict on the import row at spreadsheet line ``row_line``.

    ``record_id`` is the matched (or most similar) record, ``None`` for ``new`` rows with no
    candidate; ``probability`` the match probability (1.0 for exact keys); ``reasons`` say
    why, in English, for the reviewer.
    """

    row_line: int
    kind: Kind
    record_id: Any
    probability: float
    reasons: list[str]

