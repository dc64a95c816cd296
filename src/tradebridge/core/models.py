from django.db import models
from django.utils.translation import gettext_lazy as _


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
