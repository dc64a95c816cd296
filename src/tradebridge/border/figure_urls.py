"""Clearance figures, the gate dashboard and seasonal pressure (under /border/, namespace
"border"); before gate_urls, whose `<code>/` would catch them."""

from django.urls import path

from tradebridge.border import figure_views as views

urlpatterns = [
    path("figures/import/", views.import_upload, name="figures_import"),
    path("figures/import/sample.csv", views.sample_file, name="figures_sample"),
    path("figures/import/<int:pk>/", views.import_preview, name="figures_upload"),
    path("figures/new/", views.add_figure, name="figures_add"),
    path("harvests/", views.harvests, name="harvests"),
    path("harvests/new/", views.harvest_edit, name="harvest_new"),
    path("harvests/<int:pk>/edit/", views.harvest_edit, name="harvest_edit"),
    path("<slug:code>/figures/", views.dashboard, name="figures"),
    path("<slug:code>/figures/report.pdf", views.report_pdf, name="figures_pdf"),
    path("<slug:code>/figures/<slug:table>.<str:fmt>", views.download, name="figures_download"),
    path("<slug:code>/pressure/", views.pressure_page, name="pressure"),
    path("<slug:code>/capacity/", views.capacity_set, name="capacity_set"),
]
