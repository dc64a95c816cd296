"""Number formats of the trade pages, in the reader's language (decimal and thousand separators
from Django's formats, forced grouping so that large USD values stay readable)."""

from __future__ import annotations

from django import template
from django.utils.numberformat import format as number_format
from django.utils.translation import gettext as _

from tradebridge.trade.exports import CODE, INT, PCT, RATIO, USD

register = template.Library()


def _number(value: float, digits: int) -> str:
    from django.utils.formats import get_format

    # numberformat cuts decimals off rather than rounding them: round first (14.799… → 14.8).
    return number_format(round(value, digits), get_format("DECIMAL_SEPARATOR"), digits, 3,
                         get_format("THOUSAND_SEPARATOR"), force_grouping=True)


@register.filter
def musd(value) -> str:
    """200000000 → '200.0 M USD' (in Vietnamese '200,0 triệu USD')."""
    if value in (None, ""):
        return "—"
    millions = float(value) / 1e6
    # Two decimals below 10 M USD keep figures such as "4.34 M USD" as the sources state them,
    # and a third one a figure stated to the thousand dollars ("6,172 triệu USD").
    digits = 2 if abs(millions) < 10 else 1
    dollars = float(value)
    if digits == 2 and abs(dollars - round(dollars, -3)) < 0.5 and abs(round(millions, 2) - millions) > 1e-9:
        digits = 3
    return _("%(value)s M USD") % {"value": _number(millions, digits)}


@register.filter
def usd(value) -> str:
    if value in (None, ""):
        return "—"
    return _number(round(float(value)), 0) + " USD"


@register.filter
def pct(value, digits: int = 1) -> str:
    """A fraction as a signed or plain percentage: 0.2 → '20.0 %'."""
    if value in (None, ""):
        return "—"
    return _number(float(value) * 100, int(digits)) + " %"


@register.filter
def signed_pct(value) -> str:
    if value in (None, ""):
        return "—"
    sign = "+" if float(value) > 0 else ""
    return sign + _number(float(value) * 100, 1) + " %"


@register.filter
def ratio(value) -> str:
    if value in (None, ""):
        return "—"
    return _number(float(value), 2)


@register.filter
def integer(value) -> str:
    if value in (None, ""):
        return "—"
    return _number(int(value), 0)


@register.filter
def cell(row: dict, column) -> str:
    """The value of `column` in `row`, formatted by the column's kind."""
    value = row.get(column.key)
    if column.kind == USD:
        return musd(value)
    if column.kind == PCT:
        return signed_pct(value) if "growth" in column.key else pct(value)
    if column.kind == RATIO:
        return ratio(value)
    if column.kind == INT:
        return str(value) if column.key == "year" and value is not None else integer(value)
    if column.kind == CODE:
        return "" if value is None else str(value)
    return "—" if value in (None, "") else str(value)


@register.filter
def bar(value, largest) -> str:
    """CSS width of a bar relative to the largest value, for the printable report."""
    from tradebridge.trade.reports import bar_width

    return f"{bar_width(value, largest):.1f}%"


@register.filter
def get_table(tables: dict, name: str):
    return tables.get(name)
