"""Trade flows for the chain gap tests (pure Python: pyarrow and the chain parser, no database): a
three-stage milk chain, a small world of flows around it, and a store written from them."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from tradebridge.chains.definition import parse_definition
from tradebridge.trade.store import TradeStore

CHAIN = parse_definition({
    "format": "tradebridge.chain/1", "id": "milk-test", "name": {"en": "Milk"},
    "stages": [
        {"id": "milk", "name": {"en": "Milk"}, "hs": ["0401"]},
        {"id": "processed", "name": {"en": "Processed"}, "hs": ["040210", "040221"]},
        {"id": "packaging", "name": {"en": "Packaging"}, "hs": ["481910"]},
    ],
})
WORLD = [
    # exporter, importer, product, USD
    ("LAO", "VNM", "040120", 100.0),
    ("CHN", "VNM", "040120", 400.0),
    ("LAO", "THA", "040120", 200.0),
    ("THA", "VNM", "040110", 50.0),
    ("LAO", "CHN", "040110", 300.0),
    ("VNM", "LAO", "040210", 80.0),
    ("CHN", "THA", "481910", 1000.0),
    ("VNM", "CHN", "090111", 500.0),
    ("THA", "CHN", "040221", 70.0),
    ("CHN", "VNM", "040221", 30.0),
    # Products far from Laos's (its density for them is 0), so that 040221 is in its top quartile.
    ("VNM", "CHN", "090112", 100.0),
    ("VNM", "THA", "090121", 100.0),
    ("VNM", "CHN", "090122", 100.0),
    ("VNM", "THA", "090190", 100.0),
]


def flow_table(rows, year=2022) -> pa.Table:
    exporter, importer, product, value = zip(*rows, strict=True)
    return pa.table({
        "year": [year] * len(rows), "exporter": list(exporter), "importer": list(importer),
        "product": list(product), "value": list(value), "quantity": pa.array([None] * len(rows), pa.float64()),
    })


def milk_store(folder: Path) -> TradeStore:
    """A trade store in ``folder`` holding the flows of WORLD (2022)."""
    store = TradeStore(folder / "store")
    store.write_flows(flow_table(WORLD), source="hand", kind="test", synthetic=True)
    return store
