"""Demo of the border app (seeds 002, 004): Lào Cai–Hà Khẩu with its crossings and the Honghe
side, the corridors the seeds name; illustrative clearance figures, crossing logs and harvest
calendars; seed 004's talks as the periodic talks with obstacles on their agenda. Each part is
idempotent (demo_key) and labelled illustrative where it is not from a source."""

from __future__ import annotations

from tradebridge.bootstrap.demo_border_figures import do_load_border_figures_demo
from tradebridge.bootstrap.demo_border_gates import do_load_border_gates_demo
from tradebridge.bootstrap.demo_border_obstacles import do_load_border_obstacles_demo


def do_load_border_demo() -> dict[str, int]:
    summary = dict(do_load_border_gates_demo())  # gates and corridors first: the others use them
    summary.update(do_load_border_figures_demo())
    summary.update(do_load_border_obstacles_demo())
    return summary
