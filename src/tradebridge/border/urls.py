"""Mounted under /border/. Gates and corridors (gate_urls), clearance figures and seasonal
pressure (figure_urls), crossing logs and obstacles (obstacle_urls) keep their addresses in their
own modules."""

from tradebridge.border import figure_urls, gate_urls, obstacle_urls

app_name = "border"
urlpatterns = [
    *figure_urls.urlpatterns,
    *obstacle_urls.urlpatterns,
    *gate_urls.urlpatterns,  # last: it holds /border/<gate code>/
]
