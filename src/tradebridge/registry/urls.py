from django.urls import path

from tradebridge.registry import views

app_name = "registry"
urlpatterns = [
    path("<slug:slug>/", views.organization_detail, name="organization"),
    path("<slug:slug>/edit/", views.organization_edit, name="organization_edit"),
]
