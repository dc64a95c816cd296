from django.contrib import admin
from django.urls import include, path

from tradebridge import views
from tradebridge.api import api
from tradebridge.health.views import health

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("tradebridge.accounts.urls")),
    path("geo/", include("tradebridge.geo.urls")),
    path("products/", include("tradebridge.catalog.urls")),
    path("organizations/", include("tradebridge.registry.urls")),
    path("trade/", include("tradebridge.trade.urls")),
    path("events/", include("tradebridge.events.urls")),
    path("agreements/", include("tradebridge.agreements.urls")),
    path("agreements/", include("tradebridge.cooperation.urls")),
    path("chains/", include("tradebridge.chains.urls")),
    path("border/", include("tradebridge.border.urls")),
    path("news/", include("tradebridge.news.urls")),
    path("jobs/", include("tradebridge.jobs.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler500 = "tradebridge.views.server_error"  # 403 and 404: Django's, with templates/403.html, 404.html
