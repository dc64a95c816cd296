"""Chain test factories: a chain from a small tradebridge.chain/1 definition dict, saved through
the service (stages resolved to their subheadings, history kept)."""

from __future__ import annotations

from tradebridge.chains.definition import parse_definition
from tradebridge.chains.models import Chain
from tradebridge.chains.services import do_save_chain

DAIRY = {
    "format": "tradebridge.chain/1",
    "id": "test-dairy",
    "name": {"vi": "Chuỗi sữa", "lo": "ຕ່ອງໂສ້ນົມ", "zh-hans": "乳业链", "en": "Dairy"},
    "stages": [
        {"id": "inputs", "name": {"en": "Feed and livestock", "lo": "ອາຫານສັດ ແລະ ສັດລ້ຽງ"},
         "hs": ["0102", "1214", "2309"]},
        {"id": "milk", "name": {"en": "Raw milk", "lo": "ນົມດິບ"}, "hs": ["0401"]},
        {"id": "processed", "name": {"en": "Processed dairy", "lo": "ຜະລິດຕະພັນນົມ"},
         "hs": ["0402", "0403", "0404", "0405", "0406"]},
        {"id": "packaging", "name": {"en": "Packaging", "lo": "ການຫຸ້ມຫໍ່"}, "hs": ["4819", "7612"]},
    ],
}


def definition(slug: str = "test-dairy", **changes) -> dict:
    """The small dairy definition under another id, with top-level keys replaced."""
    return {**DAIRY, "id": slug, **changes}


def chain(slug: str = "test-dairy", *, actor=None, document: dict | None = None, **fields) -> Chain:
    """A chain saved from `document` (default: the small dairy definition under `slug`)."""
    return do_save_chain(parse_definition(document or definition(slug)), actor=actor, **fields)
