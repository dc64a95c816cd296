from django.urls import path

from tradebridge.trade import views

app_name = "trade"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report.pdf", views.report_pdf, name="report"),
    path("province/", views.province, name="province"),
    path("province/upload/", views.reported_upload, name="reported_upload"),
    path("province/report.pdf", views.province_report_pdf, name="province_report"),
    path("investments/report.pdf", views.investments_report_pdf, name="investments_report"),
    path("investments/", views.investments, name="investments"),
    path("investments/new/", views.investment_new, name="investment_new"),
    path("investments/<int:pk>/edit/", views.investment_edit, name="investment_edit"),
    path("investments/<int:pk>/archive/", views.investment_archive, name="investment_archive"),
    path("download/<slug:page>/<slug:table>.<str:fmt>", views.download, name="download"),
]
