from django.urls import path

from tradebridge.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.product_index, name="products"),
    path("picker/", views.product_picker, name="picker"),
    path("<str:code>/", views.product_detail, name="product"),
]
