"""What the scheduled jobs did, and which workers are alive."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class JobRun(models.Model):
    """One run of a scheduled job. A scheduled run is unique per job and local day, so two
    workers never run the same day twice; runs started by hand (`tradebridge jobs run`) are
    recorded beside them."""

    class Status(models.TextChoices):
        RUNNING = "running", pgettext_lazy("job run", "running")
        OK = "ok", pgettext_lazy("job run", "succeeded")
        FAILED = "failed", pgettext_lazy("job run", "failed")

    class Trigger(models.TextChoices):
        SCHEDULED = "scheduled", pgettext_lazy("job run", "scheduled")
        MANUAL = "manual", pgettext_lazy("job run", "by hand")

    job = models.CharField(_("job"), max_length=64)
    day = models.DateField(_("day"), help_text=_("The day, in the jobs' time zone, that the run is for."))
    trigger = models.CharField(
        _("trigger"), max_length=10, choices=Trigger.choices, default=Trigger.SCHEDULED
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    messages_sent = models.PositiveIntegerField(_("messages sent"), default=0)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    error = models.TextField(_("error"), blank=True)
    worker = models.CharField(_("worker"), max_length=128, blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "day"],
                condition=models.Q(trigger="scheduled"),
                name="jobs_one_scheduled_run_per_day",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["running", "ok", "failed"]), name="jobs_run_status_known"
            ),
        ]
        indexes = [models.Index(fields=["job", "-started_at"], name="jobs_run_job_started")]

    def __str__(self) -> str:
        return f"{self.job} {self.day} ({self.status})"

    @property
    def duration(self):
        return self.finished_at - self.started_at if self.finished_at else None


class WorkerHeartbeat(models.Model):
    """Written by each `tradebridge worker` every few seconds; /health/ reads the newest."""

    worker_id = models.CharField(_("worker"), max_length=128, unique=True)
    hostname = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"))
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return self.worker_id
