"""What other apps do after an import has replaced years of bilateral flows.

Apps below ``trade`` in the layers (chains computes its density matrix from the flows) register a
function here from their ``AppConfig.ready``; the importers call :func:`run_after_flows_import`
once the new files are in place, so that the work is done at import time rather than by the first
report that needs it.  A failing function is logged, never raised: the import has succeeded, and
the figures it would have prepared are computed on first use instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)
AfterImport = Callable[[object, list[int]], None]  # (the TradeStore, the years replaced)
_AFTER_FLOWS_IMPORT: list[AfterImport] = []


def after_flows_import(function: AfterImport) -> AfterImport:
    """Register ``function(store, years)`` (once, however often ``ready`` runs)."""
    if function not in _AFTER_FLOWS_IMPORT:
        _AFTER_FLOWS_IMPORT.append(function)
    return function


def run_after_flows_import(store, years) -> None:
    for function in list(_AFTER_FLOWS_IMPORT):
        try:
            function(store, sorted(int(y) for y in years))
        except Exception:  # noqa: BLE001 - the import stands; the figures are computed on first use
            logger.exception("after-import step %s failed for %s",
                             getattr(function, "__qualname__", function),
                             sorted(years))
