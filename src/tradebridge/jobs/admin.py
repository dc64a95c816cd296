from django.contrib import admin

from tradebridge.jobs.models import JobRun, WorkerHeartbeat


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ["job", "day", "trigger", "status", "started_at", "finished_at", "messages_sent"]
    list_filter = ["job", "status", "trigger"]
    date_hierarchy = "started_at"
    readonly_fields = [
        "job", "day", "trigger", "status", "started_at", "finished_at", "messages_sent", "recipients",
        "summary", "error", "worker",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["worker_id", "hostname", "pid", "started_at", "seen_at"]
    readonly_fields = ["worker_id", "hostname", "pid", "started_at", "seen_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
