from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

from tradebridge.core.figures import derived_note, qualify

register = template.Library()


@register.filter
def qualified(text, qualifier):
    """{{ value|floatformat:2|qualified:row.qualifier }} → "more than 6.09"."""
    return qualify(str(text), qualifier)


@register.simple_tag
def derived_label():
    return derived_note()


@register.filter
def money(value, currency=""):
    """{{ agreement.declared_value|money:agreement.currency }} → "2.000.000 USD" in Vietnamese,
    "2,000,000 USD" in English: thousands grouped in the reader's locale, cents only when there are
    any; empty for no value."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value
    places = 0 if amount == amount.to_integral_value() else 2
    text = number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    return f"{text} {currency}".strip()
