"""Signals of the events app (a module of its own: importing it loads no task and no model)."""

from django.dispatch import Signal

# Sent before an active scheduler run is shown or a new one is started: the app that reads the
# workers' heartbeats (jobs, below this one) fails the tasks of dead workers, which ends their
# runs through events.tasks.fail_run_of_failed_task.
check_workers = Signal()
