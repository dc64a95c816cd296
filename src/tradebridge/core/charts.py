"""Plotly figures as deferred HTML fragments: the figure's JSON sits in a ``<script
type="application/json">`` inside an empty chart box, and the deferred static scripts (the
vendored partial Plotly bundle, then ``tradebridge/charts.js``, both loaded by the template
``charts_scripts.html``) draw it after the page's text and tables are on screen. No inline
script runs."""

from __future__ import annotations

import json

import plotly.graph_objects as go
from django.utils.safestring import mark_safe

# The bundle served to browsers (core/static/tradebridge/vendor/plotly/NOTICE) and the trace
# types it can draw: a figure with any other type is refused here rather than left blank.
BUNDLE = "tradebridge/vendor/plotly/plotly-tradebridge.min.js"
BUNDLE_TRACES = frozenset({"bar", "scatter", "treemap"})
CONFIG = {"displaylogo": False, "responsive": True}
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def figure_html(figure: go.Figure, chart_id: str, config: dict | None = None) -> str:
    """A chart box that reserves the figure's height (nothing jumps when it is drawn) and holds
    the figure's data, layout and config for charts.js."""
    unknown = {trace.type for trace in figure.data} - BUNDLE_TRACES
    if unknown:
        raise ValueError(f"trace types {sorted(unknown)} are not in {BUNDLE}")
    payload = json.loads(figure.to_json())
    payload["config"] = config if config is not None else CONFIG
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    height = int(figure.layout.height or 360)
    return mark_safe(  # noqa: S308 - chart_id is ours; the JSON has <, > and & escaped
        f'<div class="plotly-chart" id="{chart_id}" style="min-height:{height}px" data-plotly>'
        f'<script type="application/json">{text}</script></div>')
