from django import template

from tradebridge.core.figures import derived_note, qualify

register = template.Library()


@register.filter
def qualified(text, qualifier):
    """{{ value|floatformat:2|qualified:row.qualifier }} → "more than 6.09"."""
    return qualify(str(text), qualifier)


@register.simple_tag
def derived_label():
    return derived_note()
