"""Request and response schemas of the agreements API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field

from tradebridge.agreements.models import Category, Commitment, Currency, Kind, Level, Visibility


class PartyOut(Schema):
    id: int
    organization: str
    name: str
    country: str
    signatory: str


class CommitmentOut(Schema):
    id: int
    title: str
    owner: str | None
    due_on: dt.date | None
    state: str
    done_on: dt.date | None
    is_illustrative: bool


class ProgressOut(Schema):
    id: int
    reported_on: dt.date
    text: str
    commitment: int | None
    is_illustrative: bool
    source: str


class AgreementSummary(Schema):
    id: int
    title: str
    level: str
    kind: str
    category: str
    categories: list[str]
    origin: str | None
    destination: str | None
    signed_on: dt.date | None
    status: str
    visibility: str
    event: str | None = Field(None, description="slug of the event (events app) it was signed at")
    event_label: str = Field("", description="an event the events app does not hold")
    is_illustrative: bool
    parties: list[str]


class AgreementOut(AgreementSummary):
    titles: dict[str, str]
    summary: str
    summaries: dict[str, str]
    date_note: str
    signed_place: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    products: list[str]
    declared_value: Decimal | None
    declared_value_usd: Decimal | None = Field(None, description="at the average rate of the signing year")
    currency: str
    status_since: dt.date | None
    illustrative_note: str
    illustrative_fields: list[str] = Field(
        default_factory=list, description="details not given by the source (title, parties, signed_on, ...)"
    )
    source: str
    archived: bool
    party_details: list[PartyOut]
    commitments: list[CommitmentOut]
    progress: list[ProgressOut]


class PartyIn(Schema):
    organization: str = Field(..., min_length=1, max_length=80)
    signatory: str = Field("", max_length=200)


class AgreementIn(Schema):
    level: Level
    kind: Kind = Kind.MOU
    title: str = Field(..., min_length=1, max_length=300)
    title_vi: str = Field("", max_length=300)
    title_lo: str = Field("", max_length=300)
    title_zh_hans: str = Field("", max_length=300)
    title_en: str = Field("", max_length=300)
    summary: str = ""
    signed_on: dt.date | None = None
    date_note: str = Field("", max_length=200)
    signed_place: str = Field("", max_length=200)
    event: str | None = Field(None, max_length=80, description="slug of an event of the events app")
    event_label: str = Field("", max_length=200)
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    category: Category
    other_categories: list[Category] = []
    origin: str | None = None
    destination: str | None = None
    products: list[str] = []
    declared_value: Decimal | None = Field(None, max_digits=18, decimal_places=2)
    currency: Currency | None = None
    visibility: Visibility = Visibility.PUBLIC
    source: str = Field("", max_length=300)
    parties: list[PartyIn] = Field(..., min_length=2, max_length=12)


class AgreementPatch(Schema):
    level: Level | None = None
    kind: Kind | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    title_vi: str | None = Field(None, max_length=300)
    title_lo: str | None = Field(None, max_length=300)
    title_zh_hans: str | None = Field(None, max_length=300)
    title_en: str | None = Field(None, max_length=300)
    summary: str | None = None
    signed_on: dt.date | None = None
    signed_place: str | None = Field(None, max_length=200)
    event: str | None = Field(None, max_length=80, description="slug of an event; null unlinks")
    event_label: str | None = Field(None, max_length=200)
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    category: Category | None = None
    other_categories: list[Category] | None = None
    declared_value: Decimal | None = Field(None, max_digits=18, decimal_places=2)
    currency: Currency | None = None
    visibility: Visibility | None = None
    source: str | None = Field(None, max_length=300)
    parties: list[PartyIn] | None = Field(None, min_length=2, max_length=12)


class StatusIn(Schema):
    status: str
    effective_on: dt.date
    reason: str = Field(..., max_length=2000)


class CommitmentIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    owner: str | None = Field(None, description="slug of the owning party's organisation")
    due_on: dt.date | None = None


class CommitmentPatch(Schema):
    state: Commitment.State | None = None
    done_on: dt.date | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    owner: str | None = Field(None, description="slug of the owning party's organisation")
    due_on: dt.date | None = None


class ProgressIn(Schema):
    reported_on: dt.date
    text: str = Field(..., min_length=1, max_length=5000)
    commitment: int | None = None


class RegisterParams(Schema):
    q: str = Field("", max_length=200)
    level: str = Field("", max_length=12)
    category: str = Field("", max_length=24)
    country: str = Field("", max_length=3)
    status: str = Field("", max_length=20)
    event: str = Field("", max_length=200)
    signed_from: str = Field("", max_length=10)
    signed_to: str = Field("", max_length=10)
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)  # bounded: the database refuses offsets past 2^63


class DocumentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    url: str


class AttachmentOut(Schema):
    id: int
    attachment_name: str


class ItemOut(Schema):
    """A record as the edit pages' form sees it (the /items/{kind}/{id} endpoints)."""

    kind: str
    id: int
    fields: dict[str, Any]
