"""Mounted under /agreements/ (after the agreements app's own addresses), where these pages
have always been."""

from django.urls import path

from tradebridge.cooperation import views

app_name = "cooperation"
urlpatterns = [
    path("programmes/", views.programmes, name="programmes"),
    path("programmes/labour/new/", views.labour_programme_new, name="labour_new"),
    path("programmes/training/new/", views.training_programme_new, name="training_new"),
    path("items/<slug:kind>/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<slug:kind>/<int:pk>/archive/", views.item_archive, name="item_archive"),
    path("<int:agreement_id>/focal-points/", views.focal_point_add, name="focal_point_add"),
    path("<int:agreement_id>/plans/", views.work_plan_add, name="work_plan_add"),
    path("<int:agreement_id>/working-groups/", views.working_group_add, name="working_group_add"),
    path("<int:agreement_id>/plans/<int:plan_id>/activities/", views.activity_add, name="activity_add"),
    path(
        "<int:agreement_id>/plans/<int:plan_id>/activities/<int:activity_id>/",
        views.activity_state,
        name="activity_state",
    ),
]
