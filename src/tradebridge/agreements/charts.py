"""The register's counts by category and direction as a Plotly bar chart (an HTML fragment drawn
after the page shows: core.charts)."""

from __future__ import annotations

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from tradebridge.agreements.queries import Breakdown
from tradebridge.core.charts import figure_html

CONFIG = {"displaylogo": False, "responsive": True}


def breakdown_chart(breakdown: Breakdown) -> str:
    if not breakdown.rows:
        return ""
    labels = [f"{r.label} ({r.direction})" if r.direction else r.label for r in breakdown.rows]
    figure = go.Figure(
        go.Bar(
            x=[r.count for r in breakdown.rows],
            y=labels,
            orientation="h",
            marker_color="#0b6e4f",
            text=[r.count for r in breakdown.rows],
            textposition="auto",
        )
    )
    figure.update_layout(
        margin={"l": 10, "r": 10, "t": 10, "b": 30},
        height=60 + 36 * len(labels),
        xaxis_title=_("Agreements"),
        yaxis={"autorange": "reversed", "automargin": True},
        font={"family": "system-ui, 'Noto Sans', 'Noto Sans Lao', 'Noto Sans CJK SC'"},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    return figure_html(figure, "chart-breakdown", CONFIG)
