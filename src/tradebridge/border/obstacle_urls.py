"""Crossing logs, obstacles and the talks' agenda of obstacles (under /border/, namespace
"border")."""

from django.urls import path

from tradebridge.border import crossing_views, obstacle_views

urlpatterns = [
    path("crossings/", crossing_views.crossing_list, name="crossings"),
    path("crossings/new/", crossing_views.crossing_new, name="crossing_new"),
    path("crossings/import/", crossing_views.crossing_import, name="crossing_import"),
    path("crossings/statistics/", crossing_views.crossing_statistics, name="crossing_statistics"),
    path("crossings/<int:pk>/edit/", crossing_views.crossing_edit, name="crossing_edit"),
    path("crossings/<int:pk>/archive/", crossing_views.crossing_archive, name="crossing_archive"),
    path("obstacles/", obstacle_views.obstacle_list, name="obstacles"),
    path("obstacles/report/", obstacle_views.obstacle_report, name="obstacle_report"),
    path("obstacles/mine/", obstacle_views.obstacle_mine, name="obstacles_mine"),
    path("obstacles/queue/", obstacle_views.obstacle_queue, name="obstacle_queue"),
    path("obstacles/<int:pk>/", obstacle_views.obstacle_detail, name="obstacle"),
    path("obstacles/<int:pk>/documents/", obstacle_views.obstacle_documents, name="obstacle_documents"),
    path("obstacles/<int:pk>/documents/<int:document_id>/", obstacle_views.obstacle_document,
         name="obstacle_document"),
    path("obstacles/<int:pk>/<slug:action>/", obstacle_views.obstacle_action, name="obstacle_action"),
    path("talks/<slug:slug>/", obstacle_views.talks_agenda, name="talks"),
]
