"""{% gate_summary gate as s %}: what border/_gate_header.html shows of a gate (the pages of
clearance figures and obstacles include the header with only the gate in their context)."""

from django import template

from tradebridge.border.gates import gate_summary as summarise

register = template.Library()


@register.simple_tag
def gate_summary(gate):
    return summarise(gate)
