"""Run a function in a thread of its own, so on a database connection of its own (committed at
once): how the race tests make two writers meet on PostgreSQL."""

from __future__ import annotations

import threading

from django.db import connections


def in_thread(function):
    result: dict = {}

    def run():
        try:
            result["value"] = function()
        except BaseException as exc:  # handed back to the caller
            result["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if "error" in result:
        raise result["error"]
    return result.get("value")
