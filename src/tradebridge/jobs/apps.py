from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "tradebridge.jobs"
    label = "jobs"
    verbose_name = _("Scheduled jobs")

    def ready(self) -> None:
        # Not events.tasks: defining a task reads the TASKS setting, which tests set later.
        from tradebridge.core import signals as core_signals
        from tradebridge.events.signals import check_workers
        from tradebridge.jobs import checks  # noqa: F401 - registers the system check

        check_workers.connect(_fail_work_of_dead_workers, dispatch_uid="jobs.dead_workers")
        core_signals.check_workers.connect(_fail_work_of_dead_workers, dispatch_uid="jobs.dead_workers.core")


def _fail_work_of_dead_workers(sender, **kwargs) -> None:
    from tradebridge.jobs.services import do_fail_work_of_dead_workers

    do_fail_work_of_dead_workers()
