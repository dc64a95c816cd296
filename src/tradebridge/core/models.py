from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArchivableQuerySet(models.QuerySet):
    """Records are archived, never deleted. Nothing is hidden by default: a query that wants
    the current records says `.active()`."""

    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


class Archivable(models.Model):
    """Base of every record that is archived instead of deleted."""

    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def mark_archived(self, when=None) -> None:
        """Set the archive time (the caller saves, with history, through its service)."""
        self.archived_at = when or timezone.now()


class DataLoad(models.Model):
    """One record per data set loaded (reference data, demo data), so that a second start
    knows what is already there and loads nothing twice."""

    name = models.CharField(_("data set"), max_length=64, unique=True)
    checksum = models.CharField(_("checksum"), max_length=64)
    summary = models.JSONField(_("summary"), default=dict)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("data load")
        verbose_name_plural = _("data loads")

    def __str__(self) -> str:
        return self.name
