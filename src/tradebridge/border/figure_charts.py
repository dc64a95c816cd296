"""The dashboard's charts (bar and scatter traces: both are in the partial Plotly bundle that
core.charts serves), each drawn beside the table that holds its numbers.

The figures are written as plain Plotly JSON (``PlainFigure``) rather than built with
``plotly.graph_objects``, which validates every property and took about 100 ms for the five
charts of one page; core.charts.figure_html still checks their trace types against the bundle."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from django.utils.translation import gettext as _

from tradebridge.border.figures import direction_choices, measure_label
from tradebridge.core.charts import figure_html

COLORS = {"export": "#0b6e4f", "import": "#c2410c", "transit": "#2563eb"}
YEAR_COLORS = ["#0b6e4f", "#c2410c", "#2563eb", "#7c3aed", "#ca8a04"]
CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
HEIGHT = 340


class PlainFigure:
    """What core.charts.figure_html reads of a plotly Figure: ``data`` (with each trace's
    ``type``), ``layout.height`` and ``to_json()``."""

    def __init__(self, traces: list[dict], layout: dict) -> None:
        self.traces, self.layout_dict = traces, layout
        self.data = [SimpleNamespace(type=trace["type"]) for trace in traces]
        self.layout = SimpleNamespace(height=layout.get("height"))

    def to_json(self) -> str:
        return json.dumps({"data": self.traces, "layout": self.layout_dict}, ensure_ascii=False)


def _scale(measure: str) -> tuple[float, str]:
    if measure == "value_usd":
        return 1e6, _("million USD")
    return 1.0, measure_label(measure)


def _html(traces: list[dict], chart_id: str, axis: str, *, barmode: str = "stack", xaxis: dict | None = None,
          yaxis: dict | None = None) -> str:
    layout = {
        "margin": {"l": 60, "r": 10, "t": 30, "b": 40}, "height": HEIGHT, "barmode": barmode,
        "yaxis": {"title": {"text": axis}, **(yaxis or {})}, "xaxis": xaxis or {},
        "legend": {"orientation": "h", "y": -0.18}, "paper_bgcolor": "white", "plot_bgcolor": "white",
        "font": {"family": "system-ui, 'Noto Sans', 'Noto Sans Lao', 'Noto Sans CJK SC'"},
    }
    return figure_html(PlainFigure(traces, layout), chart_id, CONFIG)


def _divided(values: list, divisor: float) -> list:
    return [None if v is None else v / divisor for v in values]


def _flows(rows: list[dict], x_key: str, divisor: float) -> list[dict]:
    traces = []
    for direction, label in direction_choices():
        values = [row.get(direction) for row in rows]
        if any(v is not None for v in values):
            traces.append({"type": "bar", "name": label, "x": [row[x_key] for row in rows],
                           "y": _divided(values, divisor), "marker": {"color": COLORS[direction]}})
    return traces


def dashboard_charts(data: dict[str, Any]) -> dict[str, str]:
    divisor, axis = _scale(data["measure"])
    same = data["same_period"]["rows"]
    products = list(reversed(data["top_products"]))
    season = data["seasonality"]
    index_label = _("index (1 = an average month)")
    return {
        "yearly": _html(_flows(data["yearly"], "year", divisor), "chart-yearly", axis, xaxis={"dtick": 1}),
        "monthly": _html(_flows(data["monthly"], "period", divisor), "chart-monthly", axis,
                         xaxis={"type": "category"}),
        "same_period": _html([{"type": "bar", "name": _("total"), "x": [row["period"] for row in same],
                               "y": _divided([row["total"] for row in same], divisor),
                               "marker": {"color": COLORS["export"]}}],
                             "chart-same-period", axis, xaxis={"type": "category"}),
        "seasonality": _html([{"type": "scatter", "mode": "lines+markers", "name": index_label,
                               "x": [row["month"] for row in season], "y": [row["index"] for row in season],
                               "line": {"color": "#7c3aed"}}], "chart-seasonality", index_label,
                             xaxis={"dtick": 1}),
        "top_products": _html([{"type": "bar", "orientation": "h", "name": measure_label(data["measure"]),
                                "y": [f"{row['product']} {str(row['name'])[:40]}" for row in products],
                                "x": _divided([row["value"] for row in products], divisor),
                                "marker": {"color": COLORS["export"]}}],
                              "chart-top-products", "", yaxis={"type": "category", "automargin": True}),
    }


def corridor_chart(data: dict[str, Any]) -> str:
    divisor, axis = _scale(data["measure"])
    traces = [{"type": "bar", "name": str(year), "x": [row["gate"] for row in data["rows"]],
               "y": _divided([row.get(str(year)) for row in data["rows"]], divisor),
               "marker": {"color": YEAR_COLORS[index]}} for index, year in enumerate(data["years"][-5:])]
    return _html(traces, "chart-corridor", axis, barmode="group")
