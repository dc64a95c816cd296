from django.urls import path

from tradebridge.events import views

app_name = "events"

urlpatterns: list = []
