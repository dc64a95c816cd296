"""Mounted under /chains/. Chain pages (views), pilots (pilot_views) and reports to the
ministers (report_views) keep their addresses in their own modules."""

from django.urls import path

from tradebridge.chains import pilot_urls, report_urls, views

app_name = "chains"
urlpatterns = [
    *pilot_urls.urlpatterns,
    *report_urls.urlpatterns,
    path("", views.chain_list, name="list"),
    path("new/", views.chain_form, name="new"),
    path("upload/", views.chain_upload, name="upload"),
    path("<slug:slug>/", views.chain_detail, name="detail"),
    path("<slug:slug>/edit/", views.chain_form, name="edit"),
    path("<slug:slug>/upload/", views.chain_upload, name="replace"),
    path("<slug:slug>/definition.json", views.chain_definition, name="definition"),
    path("<slug:slug>/archive/", views.chain_archive, name="archive"),
    path("<slug:slug>/history/", views.chain_history, name="history"),
    path("<slug:slug>/gaps/", views.chain_gaps, name="gaps"),
    path("<slug:slug>/candidates/", views.chain_candidates, name="candidates"),
    path("<slug:slug>/download/<str:table>.<str:fmt>", views.chain_download, name="download"),
    path("<slug:slug>/members/add/", views.member_add, name="member_add"),
    path("<slug:slug>/members/<int:member_id>/edit/", views.member_edit, name="member_edit"),
    path("<slug:slug>/members/<int:member_id>/archive/", views.member_archive, name="member_archive"),
]
