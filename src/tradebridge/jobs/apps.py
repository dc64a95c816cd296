from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "tradebridge.jobs"
    label = "jobs"
    verbose_name = _("Scheduled jobs")

    def ready(self) -> None:
        from tradebridge.jobs import checks  # noqa: F401 - registers the system check
