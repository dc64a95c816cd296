from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tradebridge.news.models import Article, Candidate, SourceCitation


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "url", "published", "language", "added_by", "created_at"]
    list_filter = ["language"]
    search_fields = ["title", "url"]
    readonly_fields = ["text_hash"]


@admin.register(Candidate)
class CandidateAdmin(SimpleHistoryAdmin):
    list_display = ["article", "kind", "status", "decided_by", "decided_at"]
    list_filter = ["kind", "status"]


@admin.register(SourceCitation)
class SourceCitationAdmin(SimpleHistoryAdmin):
    list_display = ["article", "content_type", "object_id", "record_key", "created_at"]
