"""Demo data of the events app, loaded by `tradebridge load-demo` after the registry's."""

from __future__ import annotations


def do_load_events_demo() -> dict[str, int]:
    """Create or update this app's demo records; returns counts for the summary."""
    return {}
