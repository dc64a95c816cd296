"""Gates, corridors, logistics and labour (under /border/, namespace "border"). Last in
border.urls: `<code>/` would otherwise catch the other parts' addresses."""

from django.urls import path

from tradebridge.border import gate_edit_views as edit
from tradebridge.border import gate_views as views

urlpatterns = [
    path("", views.gate_index, name="index"),
    path("gates/new/", edit.gate_new, name="gate_new"),
    path("corridors/<slug:slug>/", views.corridor_detail, name="corridor"),
    path("logistics/", views.logistics_list, name="logistics"),
    path("logistics/new/", edit.logistics_edit, name="logistics_new"),
    path("logistics/<int:pk>/edit/", edit.logistics_edit, name="logistics_edit"),
    path("labour/", views.labour, name="labour"),
    path("<slug:code>/", views.gate_detail, name="gate"),
    path("<slug:code>/edit/", edit.gate_edit, name="gate_edit"),
    path("<slug:code>/crossings/new/", edit.crossing_add, name="gate_crossing_add"),
    path("<slug:code>/crossings/<int:pk>/edit/", edit.crossing_edit, name="gate_crossing_edit"),
    path("<slug:code>/hours/", edit.hours_edit, name="gate_hours"),
    path("<slug:code>/exceptions/new/", edit.exception_add, name="gate_exception_add"),
    path("<slug:code>/goods/new/", edit.goods_add, name="gate_goods_add"),
    path("<slug:code>/goods/<int:pk>/archive/", edit.goods_archive, name="gate_goods_archive"),
    path("<slug:code>/advisories/new/", edit.advisory_add, name="gate_advisory_add"),
    path("<slug:code>/advisories/<int:pk>/end/", edit.advisory_end, name="gate_advisory_end"),
]
