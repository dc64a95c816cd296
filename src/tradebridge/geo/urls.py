from django.urls import path

from tradebridge.geo import views

app_name = "geo"
urlpatterns = [
    path("countries/", views.country_list, name="countries"),
    path("countries/<str:alpha3>/", views.country_detail, name="country"),
    path("zones/", views.zone_list, name="zones"),
]
