"""Printable PDF reports for leaders (WeasyPrint). Charts are drawn as plain HTML bars so that
the PDF needs neither JavaScript nor a browser; fonts are the Debian Noto families, which cover
Vietnamese, Lao and Chinese."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from tradebridge.core import responses


def render_html(template: str, context: dict) -> str:
    return render_to_string(template, {**context, "generated_at": timezone.now()})


def pdf_response(template: str, context: dict, filename: str, *,
                 base_url: str | None = None) -> HttpResponse:
    """The report `template` as an inline PDF (WeasyPrint through core.responses)."""
    return responses.pdf_response(render_html(template, context), filename, base_url=base_url,
                                  inline=True)


def bar_width(value: float | None, largest: float | None) -> float:
    """Width in percent of a bar in the report's bar charts."""
    if not value or not largest:
        return 0.0
    return max(0.0, min(100.0, 100 * value / largest))
