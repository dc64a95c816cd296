"""Writing checked clearance figures quickly, inside the import's transaction.

The rows go first into a temporary staging table that has no index (``executemany`` of a plain
INSERT on SQLite, ``COPY`` on PostgreSQL), then one ``INSERT … SELECT … ON CONFLICT DO UPDATE``
per batch moves them into the figures: the database matches each key against the unique index
in C, instead of Python binding one upsert per row. On SQLite the page cache is enlarged for the
import and put back after it. Nothing here commits: the caller's transaction makes the import
all or nothing (the staging table, created in it, goes with a rollback too).

How many keys were already in the store ("replaced") is counted per gate: the gate's figures
before its first row is written and after the last; a gate with none before can have replaced
nothing, so the usual first load of a gate costs no count after."""

from __future__ import annotations

from collections import Counter

from django.db import connection

from tradebridge.border.models import ClearanceFigure

BATCH = 20_000
KEY = ("gate", "period", "period_start", "direction", "measure", "product")
_STAGING = "tb_clearance_staging"
_SQLITE_CACHE_KIB = 65_536  # 64 MiB of pages while importing (SQLite's default is 2 MiB)
_STAGING_COLUMNS = (
    ("gate_id", "integer"),
    ("period", "varchar(8)"),
    ("period_start", "date"),
    ("direction", "varchar(8)"),
    ("measure", "varchar(12)"),
    ("product", "varchar(32)"),
    ("value", "numeric(20, 2)"),
)


class FigureWriter:
    """``with FigureWriter(…) as writer``: ``add`` checked rows, then ``finish`` (returns how many
    keys were replaced); all inside ``transaction.atomic()``."""

    def __init__(self, batch_id: int, is_illustrative: bool) -> None:
        meta = ClearanceFigure._meta
        quote = connection.ops.quote_name
        self.postgres = connection.vendor == "postgresql"
        key = [quote(meta.get_field(name).column) for name in KEY]
        target = [*key, quote(meta.get_field("value").column), quote(meta.get_field("batch").column),
                  quote(meta.get_field("is_illustrative").column)]
        staged = ", ".join(name for name, _type in _STAGING_COLUMNS)
        # Names come from the model and constants, quoted; values are parameters. "WHERE true"
        # lets SQLite tell the upsert's ON CONFLICT from a join's ON.
        self.move_sql = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(target)}) "  # noqa: S608
            f"SELECT {staged}, %s, %s FROM {_STAGING} WHERE true "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET "
            + ", ".join(f"{column} = EXCLUDED.{column}" for column in target[len(KEY):])
        )
        marks = ", ".join(["%s"] * len(_STAGING_COLUMNS))
        self.stage_sql = f"INSERT INTO {_STAGING} ({staged}) VALUES ({marks})"  # noqa: S608
        self.copy_sql = f"COPY {_STAGING} ({staged}) FROM STDIN"
        self.params = [batch_id, is_illustrative]
        self.date = connection.ops.adapt_datefield_value
        self.decimal = connection.ops.adapt_decimalfield_value
        self.dates: dict = {}
        self.pending: list[tuple] = []
        self.per_gate: Counter[int] = Counter()
        self.before: dict[int, int] = {}
        self.cache_size = None
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA cache_size")
                self.cache_size = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA cache_size = -{_SQLITE_CACHE_KIB}")
            columns = ", ".join(f"{name} {kind}" for name, kind in _STAGING_COLUMNS)
            cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {_STAGING} ({columns})")
            cursor.execute(f"DELETE FROM {_STAGING}")  # noqa: S608 - a constant name

    def __enter__(self) -> FigureWriter:
        return self

    def __exit__(self, *exc) -> None:
        if self.cache_size is not None:  # SQLite: the pragma is the connection's, not the transaction's
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(self.cache_size)}")

    def add(self, row) -> None:
        if self.postgres:  # COPY takes Python values
            self.pending.append((row.gate_id, row.period, row.period_start, row.direction, row.measure,
                                 row.product, row.value))
        else:
            start = self.dates.get(row.period_start)
            if start is None:
                start = self.dates[row.period_start] = self.date(row.period_start)
            value = str(row.value)  # checked: at most two decimals; SQLite's NUMERIC reads the text
            if "E" in value:
                value = self.decimal(row.value, 20, 2)
            self.pending.append((row.gate_id, row.period, start, row.direction, row.measure, row.product,
                                 value))
        self.per_gate[row.gate_id] += 1
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        fresh = {row[0] for row in self.pending} - set(self.before)
        for gate_id in fresh:
            self.before[gate_id] = ClearanceFigure.objects.filter(gate_id=gate_id).count()
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in self.pending:
                        copy.write_row(row)
            else:
                cursor.executemany(self.stage_sql, self.pending)
            cursor.execute(self.move_sql, self.params)
            cursor.execute(f"DELETE FROM {_STAGING}")  # noqa: S608 - a constant name
        self.pending = []

    def finish(self) -> int:
        """Write what is pending and drop the staging table; the number of the
        file's keys that were in the store already."""
        self.flush()
        replaced = 0
        for gate_id, before in self.before.items():
            if before:
                after = ClearanceFigure.objects.filter(gate_id=gate_id).count()
                replaced += self.per_gate[gate_id] - (after - before)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {_STAGING}")
        return replaced
