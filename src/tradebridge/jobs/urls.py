from django.urls import path

from tradebridge.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.runs, name="runs"),
]
