"""Reports to the ministers (under /chains/, names in the "chains" namespace)."""

from django.urls import path

from tradebridge.chains import report_views as views

urlpatterns = [
    path("reports/", views.report_list, name="reports"),
    path("reports/new/", views.report_new, name="report_new"),
    path("reports/<int:report_id>/", views.report_detail, name="report"),
    path("reports/<int:report_id>/report.pdf", views.report_pdf, name="report_pdf"),
    path("reports/<int:report_id>/report.xlsx", views.report_xlsx, name="report_xlsx"),
]
