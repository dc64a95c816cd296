from django.contrib import admin

from tradebridge.catalog.models import GlossaryTerm, HSCode, HSSection, Sector


@admin.register(HSSection)
class HSSectionAdmin(admin.ModelAdmin):
    list_display = ("roman", "name_en")


class GlossaryTermInline(admin.TabularInline):
    model = GlossaryTerm
    fields = ("language", "term", "primary")
    extra = 0


@admin.register(HSCode)
class HSCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "level", "section", "name_en", "description_en")
    list_filter = ("level", "section")
    search_fields = ("code", "description_en", "name_en", "name_vi", "name_lo", "name_zh_hans")
    inlines = [GlossaryTermInline]
    readonly_fields = ("parent",)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ("term", "language", "hs", "primary")
    list_filter = ("language",)
    search_fields = ("term", "folded", "hs__code")
    raw_id_fields = ("hs",)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_vi", "chapters")
    search_fields = ("code", "name_en", "name_vi", "name_lo", "name_zh_hans")
