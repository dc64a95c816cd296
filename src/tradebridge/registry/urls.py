from django.urls import path

from tradebridge.registry import import_views, views

app_name = "registry"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("new/", views.organization_create, name="organization_new"),
    path("import/", import_views.import_upload, name="import_upload"),
    path("import/<int:batch_id>/", import_views.import_preview, name="import_preview"),
    path("import/<int:batch_id>/commit/", import_views.import_commit, name="import_commit"),
    path("import/<int:batch_id>/skip/", import_views.import_skip, name="import_skip"),
    path("import/<int:batch_id>/discard/", import_views.import_discard, name="import_discard"),
    path("duplicates/", views.duplicate_queue, name="duplicates"),
    path("duplicates/<int:candidate_id>/merge/", views.duplicate_merge, name="duplicate_merge"),
    path("duplicates/<int:candidate_id>/keep-apart/", views.duplicate_keep_apart,
         name="duplicate_keep_apart"),
    path("<slug:slug>/", views.organization_detail, name="organization"),
    path("<slug:slug>/edit/", views.organization_edit, name="organization_edit"),
    path("<slug:slug>/history/", views.organization_history, name="organization_history"),
    path("<slug:slug>/items/<str:direction>/new/", views.trade_item_add, name="trade_item_add"),
    path("<slug:slug>/items/<int:item_id>/", views.trade_item_edit, name="trade_item_edit"),
    path("<slug:slug>/items/<int:item_id>/archive/", views.trade_item_archive,
         name="trade_item_archive"),
]
