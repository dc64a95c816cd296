"""Pilot pages and links between work-plan activities and chains or pilots (under /chains/,
names in the "chains" namespace)."""

from django.urls import path

from tradebridge.chains import pilot_views as views

urlpatterns = [
    path("pilots/", views.pilot_list, name="pilots"),
    path("pilots/new/", views.pilot_new, name="pilot_new"),
    path("pilots/<slug:slug>/", views.pilot_detail, name="pilot"),
    path("pilots/<slug:slug>/edit/", views.pilot_edit, name="pilot_edit"),
    path("pilots/<slug:slug>/archive/", views.pilot_archive, name="pilot_archive"),
    path("pilots/<slug:slug>/milestones/", views.milestone_add, name="milestone_add"),
    path("pilots/<slug:slug>/milestones/<int:milestone_id>/", views.milestone_edit, name="milestone_edit"),
    path("pilots/<slug:slug>/activities/", views.pilot_activity_link, name="pilot_activity_link"),
    path("activity-links/<int:link_id>/unlink/", views.activity_unlink, name="activity_unlink"),
    path("<slug:slug>/activities/", views.activity_link, name="activity_link"),
]
