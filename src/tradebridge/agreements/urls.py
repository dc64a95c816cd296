from django.urls import path

from tradebridge.agreements import views, views_plans

app_name = "agreements"
urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.agreement_create, name="new"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("export.xlsx", views.export_register, name="export"),
    path("report.pdf", views.periodic_report, name="report"),
    path("calendar/<slug:slug>.ics", views.calendar_feed, name="calendar"),
    path("programmes/", views_plans.programmes, name="programmes"),
    path("programmes/labour/new/", views_plans.labour_programme_new, name="labour_new"),
    path("programmes/training/new/", views_plans.training_programme_new, name="training_new"),
    path("items/<slug:kind>/<int:pk>/edit/", views_plans.item_edit, name="item_edit"),
    path("items/<slug:kind>/<int:pk>/archive/", views_plans.item_archive, name="item_archive"),
    path("<int:agreement_id>/", views.agreement_detail, name="detail"),
    path("<int:agreement_id>/report.pdf", views_plans.agreement_report, name="agreement_report"),
    path("<int:agreement_id>/focal-points/", views_plans.focal_point_add, name="focal_point_add"),
    path("<int:agreement_id>/plans/", views_plans.work_plan_add, name="work_plan_add"),
    path("<int:agreement_id>/working-groups/", views_plans.working_group_add, name="working_group_add"),
    path("<int:agreement_id>/plans/<int:plan_id>/activities/", views_plans.activity_add, name="activity_add"),
    path(
        "<int:agreement_id>/plans/<int:plan_id>/activities/<int:activity_id>/",
        views_plans.activity_state,
        name="activity_state",
    ),
    path("<int:agreement_id>/edit/", views.agreement_edit, name="edit"),
    path("<int:agreement_id>/history/", views.agreement_history, name="history"),
    path("<int:agreement_id>/archive/", views.agreement_archive, name="archive"),
    path("<int:agreement_id>/status/", views.status_change, name="status"),
    path("<int:agreement_id>/documents/", views.document_add, name="document_add"),
    path("<int:agreement_id>/documents/<int:document_id>/", views.document_download, name="document"),
    path("<int:agreement_id>/commitments/", views.commitment_add, name="commitment_add"),
    path(
        "<int:agreement_id>/commitments/<int:commitment_id>/", views.commitment_state, name="commitment_state"
    ),
    path("<int:agreement_id>/progress/", views.progress_add, name="progress_add"),
    path(
        "<int:agreement_id>/progress/<int:update_id>/attachment/",
        views.progress_attachment,
        name="progress_attachment",
    ),
]
