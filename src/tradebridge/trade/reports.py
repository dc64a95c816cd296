"""Printable PDF reports for leaders (WeasyPrint). Charts are drawn as plain HTML bars so that
the PDF needs neither JavaScript nor a browser; fonts are the Debian Noto families, which cover
Vietnamese, Lao and Chinese."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone


def render_html(template: str, context: dict) -> str:
    return render_to_string(template, {**context, "generated_at": timezone.now()})


def render_pdf(template: str, context: dict, *, base_url: str | None = None) -> bytes:
    from weasyprint import HTML  # imported here: it is slow to import and only reports need it

    return HTML(string=render_html(template, context), base_url=base_url).write_pdf()


def bar_width(value: float | None, largest: float | None) -> float:
    """Width in percent of a bar in the report's bar charts."""
    if not value or not largest:
        return 0.0
    return max(0.0, min(100.0, 100 * value / largest))
