"""Plotly figures as HTML fragments drawn after the page shows (core.charts: the page includes
charts_scripts.html, which loads the partial Plotly bundle from our own static files, no CDN)."""

from __future__ import annotations

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from tradebridge.core.charts import figure_html

# Product names on the vertical axis: the margin grows to fit them.
CATEGORY_AXIS = {"type": "category", "automargin": True}
COLORS = ["#0b6e4f", "#c2410c", "#2563eb", "#7c3aed", "#ca8a04", "#0891b2"]
CONFIG = {"displaylogo": False, "responsive": True,
          "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def _html(figure: go.Figure, chart_id: str) -> str:
    figure.update_layout(margin={"l": 50, "r": 10, "t": 40, "b": 40}, height=360,
                         font={"family": "system-ui, 'Noto Sans', 'Noto Sans Lao', 'Noto Sans CJK SC'"},
                         legend={"orientation": "h", "y": -0.15}, paper_bgcolor="white",
                         plot_bgcolor="white")
    return figure_html(figure, chart_id, CONFIG)


def _millions(values):
    return [None if v is None else v / 1e6 for v in values]


def totals_chart(totals: list[dict], reporter: str, partner: str) -> str:
    years = [r["year"] for r in totals]
    figure = go.Figure()
    names = {"reporter": reporter, "partner": partner}
    figure.add_bar(x=years, y=_millions([r["exports"] for r in totals]), marker_color=COLORS[0],
                   name=_("Exports of %(reporter)s to %(partner)s") % names)
    figure.add_bar(x=years, y=_millions([r["imports"] for r in totals]), marker_color=COLORS[1],
                   name=_("Imports of %(reporter)s from %(partner)s") % names)
    figure.add_scatter(x=years, y=_millions([r["total"] for r in totals]), mode="lines+markers",
                       name=_("total trade"), line={"color": COLORS[2]})
    figure.update_layout(barmode="group", yaxis_title=_("million USD"), xaxis={"dtick": 1})
    return _html(figure, "chart-totals")


def treemap_chart(rows: list[dict], title: str, chart_id: str) -> str:
    """HS sections with their chapters inside, sized by value."""
    ids, labels, parents, values = [], [], [], []
    sections: dict[str, float] = {}
    for row in rows:
        sections[row["section_name"]] = sections.get(row["section_name"], 0.0) + row["value"]
    for name, value in sections.items():
        ids.append(f"s:{name}")
        labels.append(name[:60])
        parents.append("")
        values.append(value / 1e6)
    for row in rows:
        ids.append(f"c:{row['chapter']}")
        labels.append(f"{row['chapter']} {row['chapter_name'][:50]}")
        parents.append(f"s:{row['section_name']}")
        values.append(row["value"] / 1e6)
    figure = go.Figure(go.Treemap(ids=ids, labels=labels, parents=parents, values=values,
                                  branchvalues="total", marker={"colors": None},
                                  hovertemplate="%{label}<br>%{value:,.1f} M USD<br>%{percentRoot:.1%}"
                                                "<extra></extra>"))
    figure.update_layout(title=title)
    return _html(figure, chart_id)


def product_label(row: dict, width: int = 18) -> str:
    """An axis label: the HS code and the product's name in the reader's language, shortened."""
    name = (row.get("name") or "").strip()
    if len(name) > width:
        name = name[:width - 1].rstrip() + "…"
    return f"{row['product']} {name}".strip()


def products_chart(rows: list[dict], title: str, chart_id: str) -> str:
    rows = list(reversed(rows[:10]))
    figure = go.Figure(go.Bar(
        x=_millions([r["value"] for r in rows]), y=[product_label(r) for r in rows], orientation="h",
        marker_color=COLORS[0], customdata=[r["product"] for r in rows],
        hovertext=[r.get("name", "")[:80] for r in rows],
        hovertemplate="%{customdata} %{hovertext}<br>%{x:,.1f} M USD<extra></extra>"))
    figure.update_layout(title=title, xaxis_title=_("million USD"), yaxis=CATEGORY_AXIS)
    return _html(figure, chart_id)


def rca_chart(rows: list[dict], countries: list[tuple[str, str]]) -> str:
    figure = go.Figure()
    for index, (code, name) in enumerate(countries):
        figure.add_bar(x=[r["section_name"].split(" · ")[0] for r in rows], y=[r.get(code) for r in rows],
                       name=name, marker_color=COLORS[index % len(COLORS)],
                       hovertext=[r["section_name"][:80] for r in rows],
                       hovertemplate="%{hovertext}<br>RCA %{y:.2f}<extra></extra>")
    figure.add_hline(y=1, line_dash="dash", line_color="#5b6b7c")
    # Log scale: RCA 0.1 and 10 are equally far from 1. Tiny values would stretch the axis.
    figure.update_layout(barmode="group", yaxis_title="RCA", yaxis_type="log", yaxis_range=[-2, 2])
    return _html(figure, "chart-rca")


def potential_chart(rows: list[dict]) -> str:
    rows = list(reversed(rows[:10]))
    labels = [product_label(r) for r in rows]
    hover = {"hovertext": [f"{r['product']} {r.get('name', '')[:80]}" for r in rows],
             "hovertemplate": "%{hovertext}<br>%{x:,.1f} M USD<extra>%{fullData.name}</extra>"}
    figure = go.Figure()
    figure.add_bar(x=_millions([r["partner_imports_from_exporter"] for r in rows]),
                   y=labels, orientation="h", name=_("already sold"),
                   marker_color=COLORS[0], **hover)
    figure.add_bar(x=_millions([r["untapped"] for r in rows]), y=labels,
                   orientation="h", name=_("untapped potential"), marker_color=COLORS[4], **hover)
    figure.update_layout(barmode="stack", xaxis_title=_("million USD"), yaxis=CATEGORY_AXIS)
    return _html(figure, "chart-potential")


def reported_chart(figures: list[dict]) -> str:
    """Reported totals by year and flow; the hover text gives each figure as the source states
    it ("more than 6,090.0 M USD", "estimated 200.0 M USD") and says when it is derived."""
    figure = go.Figure()
    for index, flow in enumerate(sorted({f["flow"] for f in figures})):
        points = [f for f in figures if f["flow"] == flow and f["value"] is not None]
        figure.add_bar(x=[f["year"] for f in points], y=_millions([f["value"] for f in points]),
                       name=points[0]["flow_label"] if points else flow,
                       hovertext=[f["stated"] for f in points],
                       hovertemplate="%{x}: %{hovertext}<extra>%{fullData.name}</extra>",
                       marker_color=COLORS[index % len(COLORS)])
    figure.update_layout(barmode="group", yaxis_title=_("million USD"), xaxis={"dtick": 1})
    return _html(figure, "chart-reported")


def investment_chart(rows: list[dict]) -> str:
    figure = go.Figure()
    for index, (direction, points) in enumerate(_group(rows, "direction").items()):
        figure.add_bar(x=[p["year"] for p in points], y=_millions([p["capital_usd"] for p in points]),
                       name=direction, marker_color=COLORS[index % len(COLORS)],
                       hovertext=[p["stated"] for p in points],
                       hovertemplate="%{x}: %{hovertext}<extra>%{fullData.name}</extra>")
    # Log scale: cumulative totals (billions) would flatten the yearly flows (millions).
    figure.update_layout(barmode="group", yaxis_title=_("million USD"), yaxis_type="log", xaxis={"dtick": 1})
    return _html(figure, "chart-investments")


def _group(rows: list[dict], key: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out
