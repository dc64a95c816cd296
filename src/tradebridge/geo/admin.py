from django.contrib import admin

from tradebridge.geo.models import Country, Province, Zone

NAMES = ("name_en", "name_vi", "name_lo", "name_zh_hans")


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("alpha3", "alpha2", *NAMES)
    search_fields = ("alpha3", "alpha2", *NAMES)


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "country", *NAMES)
    list_filter = ("country",)
    search_fields = ("code", *NAMES)


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "country", "province", "name_en")
    list_filter = ("kind", "country")
    search_fields = ("code", *NAMES)
