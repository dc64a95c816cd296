"""Request and response schemas of the cooperation API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from tradebridge.cooperation.models import Activity, WorkPlan


class ActivityOut(Schema):
    id: int
    title: str
    owner: str | None
    due_on: dt.date | None
    budget: Decimal | None
    currency: str
    state: str
    is_illustrative: bool


class WorkPlanOut(Schema):
    id: int
    title: str
    period: str
    starts_on: dt.date
    ends_on: dt.date
    is_illustrative: bool
    progress: dict[str, int]
    activities: list[ActivityOut]


class FocalPointOut(Schema):
    organization: str
    person: str
    role: str
    is_illustrative: bool


class WorkPlanIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    period: WorkPlan.Period
    starts_on: dt.date
    ends_on: dt.date


class ActivityIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    owner: str | None = None
    due_on: dt.date | None = None
    budget: Decimal | None = Field(None, max_digits=18, decimal_places=2)
    currency: str = Field("", max_length=3)
    state: Activity.State = Activity.State.PLANNED


class LabourOut(Schema):
    id: int
    title: str
    agreement: int | None
    sending_province: str
    receiving_province: str
    employer: str | None
    starts_on: dt.date
    ends_on: dt.date | None
    workers_sent: int | None
    workers_qualifier: str
    workers_note: str
    ethnic_minority_share: Decimal | None
    ethnic_minority_share_qualifier: str
    sector: str
    conditions: str
    source: str
    is_illustrative: bool


class TraineeGroupOut(Schema):
    country: str
    agency: str | None
    trainees: int | None
    completed: int | None


class TrainingOut(Schema):
    id: int
    title: str
    agreement: int | None
    organiser: str
    courses: list[str]
    starts_on: dt.date | None
    ends_on: dt.date | None
    trainee_groups: list[TraineeGroupOut]
    source: str
    is_illustrative: bool


class LabourIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    agreement: int | None = None
    sending_province: str
    receiving_province: str
    employer: str | None = None
    starts_on: dt.date
    ends_on: dt.date | None = None
    workers_sent: int | None = Field(None, ge=0)
    workers_note: str = Field("", max_length=200)
    ethnic_minority_share: Decimal | None = Field(None, max_digits=5, decimal_places=1)
    sector: str = Field("", max_length=200)
    conditions: str = ""
    source: str = Field("", max_length=300)


class TraineeGroupIn(Schema):
    country: str
    agency: str | None = None
    trainees: int | None = Field(None, ge=0)
    completed: int | None = Field(None, ge=0)


class TrainingIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    agreement: int | None = None
    organiser: str
    courses: list[str] = []
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    source: str = Field("", max_length=300)
    trainee_groups: list[TraineeGroupIn] = []


class MemberIn(Schema):
    organization: str
    person: str = Field("", max_length=200)
    role: str = "member"


class WorkingGroupIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    established_on: dt.date | None = None
    members: list[MemberIn] = Field(..., min_length=2)


class MemberOut(Schema):
    organization: str
    country: str
    person: str
    role: str


class WorkingGroupOut(Schema):
    id: int
    name: str
    established_on: dt.date | None
    is_illustrative: bool
    members: list[MemberOut]
