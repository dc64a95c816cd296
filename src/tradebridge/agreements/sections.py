"""What apps above this one add to an agreement's page and to its one-agreement PDF (the
cooperation app adds focal points, working groups, work plans and programmes). Such an app
registers a function here in its AppConfig.ready(), so that this app shows the sections
without importing the app that provides them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tradebridge.agreements.models import Agreement


@dataclass(frozen=True)
class Section:
    template: str  # included at the end of the agreement page's main column
    pdf_template: str  # included in the agreement's PDF report, after the commitments
    context: dict[str, Any] = field(default_factory=dict)  # the variables both templates read


SectionMaker = Callable[[Agreement, bool], Section]  # (agreement, can_edit) → the section
_makers: list[SectionMaker] = []


def register(maker: SectionMaker) -> None:
    if maker not in _makers:
        _makers.append(maker)


def sections_context(agreement: Agreement, *, can_edit: bool) -> dict[str, Any]:
    """The template variables of every registered section, and `sections`: the sections in
    the order they registered (for `{% include section.template %}`)."""
    sections = [maker(agreement, can_edit) for maker in _makers]
    context: dict[str, Any] = {}
    for section in sections:
        context.update(section.context)
    return {**context, "sections": sections}
