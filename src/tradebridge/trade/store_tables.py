"""Arrow helpers of the trade store: the stored schemas, the flows' stored columns, and the
per-country sums written beside each year of flows."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tradebridge.trade.errors import TradeImportError

_REPORTED_SCHEMA = pa.schema(
    [
        ("year", pa.int32()),
        ("reporter", pa.string()),
        ("partner", pa.string()),
        ("flow", pa.string()),
        ("hs_or_group", pa.string()),
        ("value", pa.float64()),
        ("currency", pa.string()),
        ("value_original", pa.float64()),
        ("source", pa.string()),
        # How the source states the figure (core.figures.Qualifier: '' exact, 'more_than', ...).
        ("qualifier", pa.string()),
        # Worked out from other figures (a share of a total, the previous year from a growth
        # rate), not stated by the source.
        ("derived", pa.bool_()),
        # Growth on the previous year as the source states it (percent), when it does.
        ("growth_pct", pa.float64()),
        # The share of the total this figure belongs to, as stated (percent): for a TOTAL row,
        # of the reporter's whole trade in that flow (all partners); for a product group, of
        # the pair's TOTAL in that flow.
        ("share_of_total_pct", pa.float64()),
        # The partner's rank among the reporter's partners in that flow, and out of how many.
        ("rank", pa.int32()),
        ("rank_of", pa.int32()),
    ]
)
# Columns added after the first stores were written: older files read with these values.
REPORTED_DEFAULTS: dict[str, object] = {
    "qualifier": "",
    "derived": False,
    "growth_pct": None,
    "share_of_total_pct": None,
    "rank": None,
    "rank_of": None,
}
_SECTION_SCHEMA = pa.schema(
    [
        ("year", pa.int32()),
        ("country", pa.string()),
        ("section", pa.int32()),
        ("value", pa.float64()),
        ("source", pa.string()),
    ]
)


# Names of the countries of imported flows, from the supplied country table (BACI's own table
# names codes that are not current ISO 3166-1, such as S19 "Other Asia, nes" or ANT).
_COUNTRY_NAMES_SCHEMA = pa.schema([("code", pa.string()), ("name", pa.string()), ("source", pa.string())])

_DUCKDB_TYPES = {
    pa.string(): "VARCHAR",
    pa.bool_(): "BOOLEAN",
    pa.float64(): "DOUBLE",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
}


def _sql_literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def columns_sql(present: list[str], schema: pa.Schema, defaults: dict[str, object]) -> str:
    """A SELECT list giving every column of ``schema`` in order: the file's own where it has
    it (``present``), the default otherwise (stores written before a column existed)."""
    parts = []
    for fld in schema:
        if fld.name in present:
            parts.append(f'"{fld.name}"')
        else:
            duck = _DUCKDB_TYPES.get(fld.type, "VARCHAR")
            parts.append(f'{_sql_literal(defaults.get(fld.name))}::{duck} AS "{fld.name}"')
    return ", ".join(parts)


def _dictionary(column) -> pa.DictionaryArray:
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    return column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(column)


def _sums(part: pa.Table, column: str, year: int) -> pa.Table:
    """Flows summed over partners: (year, country, product, value), sorted, with NumPy's bincount
    on the dictionary codes (one pass, no hashing of strings)."""
    countries = _dictionary(part.column(column))
    products = _dictionary(part.column("product"))
    n_c, n_p = len(countries.dictionary), len(products.dictionary)
    cell = countries.indices.to_numpy().astype(np.int64) * n_p + products.indices.to_numpy()
    values = part.column("value").to_numpy()
    sums = np.bincount(cell, weights=values, minlength=n_c * n_p)
    present = np.flatnonzero(np.bincount(cell, minlength=n_c * n_p))
    country_names = np.array(countries.dictionary.to_pylist(), dtype=object)
    product_names = np.array(products.dictionary.to_pylist(), dtype=object)
    table = pa.table(
        {
            "year": pa.array(np.full(len(present), year, dtype=np.int32)),
            "country": pa.array(country_names[present // n_p], pa.string()),
            "product": pa.array(product_names[present % n_p], pa.string()),
            "value": pa.array(sums[present]),
        }
    )
    return table.sort_by([("country", "ascending"), ("product", "ascending")])


def _plain(column):
    return column.cast(column.type.value_type) if pa.types.is_dictionary(column.type) else column


def _flow_table(table: pa.Table, source: str) -> pa.Table:
    """The stored columns and types; the repetitive text columns dictionary-encoded (faster to write)."""

    def text(name: str) -> pa.Array:
        column = table.column(name)
        if pa.types.is_dictionary(column.type):
            return column
        return pc.dictionary_encode(column.cast(pa.string()))

    n = table.num_rows
    return pa.table(
        {
            "year": table.column("year").cast(pa.int32()),
            "exporter": text("exporter"),
            "importer": text("importer"),
            "product": text("product"),
            "value": table.column("value").cast(pa.float64()),
            "quantity": table.column("quantity").cast(pa.float64()),
            "source": pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, np.int32)), pa.array([source])),
        }
    )


def _conform(table: pa.Table, schema: pa.Schema, *, defaults: dict[str, object]) -> pa.Table:
    columns = {}
    for fld in schema:
        if fld.name in table.column_names:
            columns[fld.name] = table.column(fld.name).cast(fld.type)
        elif fld.name in defaults:
            columns[fld.name] = pa.array([defaults[fld.name]] * table.num_rows, type=fld.type)
        elif fld.name == "value_original" and "value" in table.column_names:
            columns[fld.name] = table.column("value").cast(fld.type)
        elif fld.name == "currency":
            columns[fld.name] = pa.array(["USD"] * table.num_rows, type=fld.type)
        else:
            raise TradeImportError([("<table>", 0, fld.name, "missing column")])
    return pa.table(columns, schema=schema)
