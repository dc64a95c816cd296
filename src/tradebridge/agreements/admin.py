from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tradebridge.agreements.models import Agreement, Commitment, ProgressUpdate


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "level", "category", "signed_on", "status", "visibility", "archived_at"]
    list_filter = ["level", "category", "status", "visibility"]
    search_fields = ["title", "title_en", "title_vi"]


for model in (Commitment, ProgressUpdate):
    admin.site.register(model, SimpleHistoryAdmin)
