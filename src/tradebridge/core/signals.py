"""Signals any app may send (a module of its own: importing it loads no task and no model)."""

from django.dispatch import Signal

# Sent before background work that is still under way is shown (an import of the registry…):
# the app that reads the task workers' heartbeats (jobs, above every app that sends this) fails
# the tasks of dead workers, whose apps then end their own records through django_tasks'
# `task_finished` signal. events.signals.check_workers is the same for scheduler runs.
check_workers = Signal()
