"""Reported figures in a real browser: the chart's hover text gives each figure as its source
states it ("trên 6.090,0 triệu USD"), and derived figures say so."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def hover_texts(page) -> list[str]:
    """The chart's hover label over each bar (the mouse on the bar's middle: Plotly's drag layer
    takes the pointer events)."""
    bars = page.locator("#chart-reported .bars .point path")
    expect(bars.first).to_be_visible()
    page.locator("#chart-reported").scroll_into_view_if_needed()  # mouse.move does not scroll
    texts = []
    for index in range(bars.count()):
        box = bars.nth(index).bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        label = page.locator("#chart-reported .hoverlayer .hovertext")
        expect(label.first).to_be_visible()
        texts.append(" ".join(label.all_text_contents()))
        page.mouse.move(0, 0)
    return texts


def test_reported_chart_hover_says_more_than(page):
    page.goto("/trade/province/?reporter=CN-ZJ&partner=VNM")
    expect(page.get_by_test_id("kpi-export-2020")).to_contain_text("trên 6.090,0 triệu USD")
    texts = hover_texts(page)
    assert any("trên 6.090,0 triệu USD" in t for t in texts), texts
    assert any("trên 8.110,0 triệu USD" in t for t in texts), texts


def test_derived_2021_figures_are_marked_in_the_hover_text(page):
    page.goto("/trade/province/?reporter=VN-HN&partner=LAO")
    expect(page.get_by_test_id("kpi-export-2021").get_by_test_id("derived")).to_be_visible()
    texts = hover_texts(page)
    assert any("ước đạt 166,7 triệu USD" in t and "suy ra" in t for t in texts), texts
