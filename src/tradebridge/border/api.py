"""Gates, corridors, clearance figures, crossings and obstacles in the API (/api/border), with
the pages' permissions (border.access)."""

from __future__ import annotations

from ninja import Router

from tradebridge.border.api_figures import router as figures_router
from tradebridge.border.api_gates import router as gates_router
from tradebridge.border.api_obstacles import router as obstacles_router

router = Router()
router.add_router("", figures_router)
router.add_router("", obstacles_router)
router.add_router("", gates_router)
