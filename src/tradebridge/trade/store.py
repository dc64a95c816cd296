"""The trade store: Parquet files under ``settings.TRADE_STORE_DIR``, queried with DuckDB.

Layout (all under ``root``)::

    flows/<year>.parquet      one file per year: year, exporter, importer, product, value, quantity, source
    flows/manifest.json       year -> {source, kind, synthetic, import_id}
    flows/cp/<year>-x.parquet exports by (country, product): the flows summed over partners
    flows/cp/<year>-m.parquet imports by (country, product)
    reported.parquet          figures reported by agencies (province level included), each with
                              its qualifier ("more than", "estimated"), whether it is derived, and
                              the stated growth, share of the total and rank when the source gives them
    country_names.parquet     names of the countries of imported flows, from the supplied country
                              table (BACI's own table is the authority for its codes, S19 or ANT too)
    section_exports.parquet   exports by HS section (OEC)
    imports_log.parquet       one row per import, with its warnings (``notes``)

Every write goes to temporary files in a ``.incoming-*`` folder first.  Writers are serialised
across processes (gunicorn workers, the CLI, the task worker) by an exclusive ``flock`` on
``.write.lock``, held from reading the old files to the last rename, so no merge loses another's
rows.  The commit is atomic as a whole: a journal (``.commit.json``, the list of renames) is
renamed into place first, and the renames follow; a writer killed half way leaves the journal,
which the next reader or writer replays (see :mod:`tradebridge.trade.store_commit`).  A failed
import leaves the store as it was.  The ORM database is never used for flows.

Flow files are sorted by exporter, importer, product so that DuckDB skips most row groups for a
country pair (the dashboard query).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tradebridge.trade import store_commit
from tradebridge.trade.errors import TradeImportError
from tradebridge.trade.store_tables import (
    _COUNTRY_NAMES_SCHEMA,
    _REPORTED_SCHEMA,
    _SECTION_SCHEMA,
    REPORTED_DEFAULTS,
    _conform,
    _flow_table,
    _plain,
    _sums,
    columns_sql,
)

__all__ = ["ImportSummary", "TradeImportError", "TradeStore"]

FLOW_COLUMNS = ("year", "exporter", "importer", "product", "value", "quantity")
REPORTED_COLUMNS = (
    "year",
    "reporter",
    "partner",
    "flow",
    "hs_or_group",
    "value",
    "currency",
    "value_original",
    "source",
    *REPORTED_DEFAULTS,
)
REPORTED_KEY = ("year", "reporter", "partner", "flow", "hs_or_group")
SECTION_COLUMNS = ("year", "country", "section", "value", "source")

_EMPTY_VIEWS = {
    "flows": "SELECT NULL::INTEGER AS year, NULL::VARCHAR AS exporter, NULL::VARCHAR AS importer, "
    "NULL::VARCHAR AS product, NULL::DOUBLE AS value, NULL::DOUBLE AS quantity, NULL::VARCHAR AS source "
    "WHERE false",
    "cp": "SELECT NULL::INTEGER AS year, NULL::VARCHAR AS country, NULL::VARCHAR AS product, "
    "NULL::DOUBLE AS value WHERE false",
    "reported": "SELECT NULL::INTEGER AS year, NULL::VARCHAR AS reporter, NULL::VARCHAR AS partner, "
    "NULL::VARCHAR AS flow, NULL::VARCHAR AS hs_or_group, NULL::DOUBLE AS value, NULL::VARCHAR AS currency, "
    "NULL::DOUBLE AS value_original, NULL::VARCHAR AS source, NULL::VARCHAR AS qualifier, "
    "NULL::BOOLEAN AS derived, NULL::DOUBLE AS growth_pct, NULL::DOUBLE AS share_of_total_pct, "
    "NULL::INTEGER AS rank, NULL::INTEGER AS rank_of WHERE false",
    "section_exports": "SELECT NULL::INTEGER AS year, NULL::VARCHAR AS country, NULL::INTEGER AS section, "
    "NULL::DOUBLE AS value, NULL::VARCHAR AS source WHERE false",
    "imports_log": "SELECT NULL::VARCHAR AS id, NULL::VARCHAR AS kind, NULL::VARCHAR AS source, "
    "NULL::VARCHAR AS files, NULL::BIGINT AS rows, NULL::VARCHAR AS years, NULL::BOOLEAN AS synthetic, "
    "NULL::TIMESTAMPTZ AS imported_at, NULL::VARCHAR AS notes WHERE false",
    "country_names": "SELECT NULL::VARCHAR AS code, NULL::VARCHAR AS name, NULL::VARCHAR AS source "
    "WHERE false",
}
_TYPED = {
    "flows": "year::INTEGER AS year, exporter::VARCHAR AS exporter, importer::VARCHAR AS importer, "
    "product::VARCHAR AS product, value::DOUBLE AS value, quantity::DOUBLE AS quantity, "
    "source::VARCHAR AS source",
}

_LOG_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("kind", pa.string()),
        ("source", pa.string()),
        ("files", pa.string()),
        ("rows", pa.int64()),
        ("years", pa.string()),
        ("synthetic", pa.bool_()),
        ("imported_at", pa.timestamp("us", tz="UTC")),
        ("notes", pa.string()),  # JSON list of the import's warnings
    ]
)
# The small tables: their schema and the values of columns that older files do not have.
_SMALL_TABLES: dict[str, tuple[pa.Schema, dict[str, object]]] = {
    "reported": (_REPORTED_SCHEMA, REPORTED_DEFAULTS),
    "section_exports": (_SECTION_SCHEMA, {}),
    "imports_log": (_LOG_SCHEMA, {"notes": "[]"}),
    "country_names": (_COUNTRY_NAMES_SCHEMA, {}),
}
# Per store root: (signature of its Parquet files, the in-memory database holding the views).
_DATABASES: dict[Path, tuple[tuple, duckdb.DuckDBPyConnection]] = {}
_CACHE_LOCK = threading.Lock()


@dataclass
class ImportSummary:
    id: str
    kind: str
    source: str
    rows: int
    years: list[int] = field(default_factory=list)
    synthetic: bool = False
    files: list[str] = field(default_factory=list)
    skipped: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "source": self.source,
            "rows": self.rows,
            "years": self.years,
            "synthetic": self.synthetic,
            "files": self.files,
            "skipped": self.skipped,
            "notes": self.notes,
        }


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


class TradeStore:
    def __init__(self, root: Path | None = None):
        if root is None:
            from django.conf import settings

            root = settings.TRADE_STORE_DIR
        self.root = Path(root)

    # --- paths -----------------------------------------------------------------------------
    @property
    def flows_dir(self) -> Path:
        return self.root / "flows"

    @property
    def cp_dir(self) -> Path:
        return self.flows_dir / "cp"

    def _manifest_path(self) -> Path:
        return self.flows_dir / "manifest.json"

    def _flow_file(self, year: int) -> Path:
        return self.flows_dir / f"{int(year)}.parquet"

    # --- reading ---------------------------------------------------------------------------
    def connect(self) -> duckdb.DuckDBPyConnection:
        """A fresh DuckDB connection with the views ``flows``, ``reported``, ``section_exports``,
        ``imports_log``, ``country_exports`` and ``country_imports`` (empty when there is no data
        yet).  Close it when done.

        Binding the views reads every Parquet footer, so one in-memory database per store (and
        per set of files) keeps them, and each call returns a new cursor on it: a connection of
        its own, safe to use in its own thread."""
        with store_commit.reading(self.root):
            signature = self._signature()
            with _CACHE_LOCK:
                cached = _DATABASES.get(self.root)
                if cached is None or cached[0] != signature:
                    cached = (signature, self._build_database())
                    _DATABASES[self.root] = cached
                return cached[1].cursor()

    def _signature(self) -> tuple:
        found = []
        for directory in (self.root, self.flows_dir, self.cp_dir):
            if not directory.is_dir():
                continue
            for path in directory.glob("*.parquet"):
                try:
                    stat = path.stat()
                except FileNotFoundError:
                    continue
                found.append((path.name, str(directory), stat.st_mtime_ns, stat.st_size))
        return tuple(sorted(found))

    def _build_database(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(":memory:")
        # Keep Parquet footers in memory: safe because a changed file gives a new database.
        con.execute("SET parquet_metadata_cache = true")
        flow_files = sorted(self.flows_dir.glob("[0-9]*.parquet")) if self.flows_dir.exists() else []
        if flow_files:
            files = ", ".join(f"'{_sql_path(f)}'" for f in flow_files)
            con.execute(f"CREATE VIEW flows AS SELECT {_TYPED['flows']} FROM read_parquet([{files}])")  # noqa: S608
        else:
            con.execute(f"CREATE VIEW flows AS {_EMPTY_VIEWS['flows']}")
        # Per-year sums over partners, written with the flows: the indicators read these.
        for view, suffix in (("country_exports", "x"), ("country_imports", "m")):
            files = sorted(self.cp_dir.glob(f"*-{suffix}.parquet")) if self.cp_dir.exists() else []
            if files:
                listed = ", ".join(f"'{_sql_path(f)}'" for f in files)
                con.execute(f"CREATE VIEW {view} AS SELECT * FROM read_parquet([{listed}])")  # noqa: S608
            else:
                con.execute(f"CREATE VIEW {view} AS {_EMPTY_VIEWS['cp']}")
        for name in _SMALL_TABLES:
            path = self.root / f"{name}.parquet"
            if path.exists():
                con.execute(f"CREATE VIEW {name} AS {_small_select(path, name)}")
            else:
                con.execute(f"CREATE VIEW {name} AS {_EMPTY_VIEWS[name]}")
        return con

    def manifest(self) -> dict[int, dict]:
        path = self._manifest_path()
        store_commit.recover(self.root)
        if not path.exists():
            return {}
        return {int(year): info for year, info in json.loads(path.read_text(encoding="utf-8")).items()}

    def years(self) -> list[int]:
        store_commit.recover(self.root)
        if not self.flows_dir.exists():
            return []
        return sorted(int(f.stem) for f in self.flows_dir.glob("[0-9]*.parquet"))

    def synthetic_years(self) -> list[int]:
        manifest = self.manifest()
        return [year for year in self.years() if manifest.get(year, {}).get("synthetic")]

    def import_log(self) -> list[dict]:
        """The imports, newest first, with aware ``imported_at`` datetimes.  (DuckDB's fetchall()
        on a TIMESTAMPTZ column needs pytz; Arrow does not.)"""
        path = self.root / "imports_log.parquet"
        store_commit.recover(self.root)
        if not path.exists():
            return []
        rows = _conform(pq.read_table(path), _LOG_SCHEMA, defaults={"notes": "[]"}).to_pylist()
        for row in rows:
            row["files"] = json.loads(row["files"] or "[]")
            row["notes"] = json.loads(row["notes"] or "[]")
            row["years"] = [int(y) for y in (row["years"] or "").split(",") if y]
        return sorted(rows, key=lambda r: r["imported_at"], reverse=True)

    def country_names(self) -> dict[str, str]:
        """Names the imported country tables give to their codes (code → name)."""
        path = self.root / "country_names.parquet"
        store_commit.recover(self.root)
        if not path.exists():
            return {}
        return dict(zip(*pq.read_table(path, columns=["code", "name"]).to_pydict().values(), strict=True))

    def flow_file(self, year: int) -> Path | None:
        store_commit.recover(self.root)
        path = self._flow_file(year)
        return path if path.exists() else None

    # --- writing ---------------------------------------------------------------------------
    def write_flows(
        self,
        table: pa.Table,
        *,
        source: str,
        kind: str,
        synthetic: bool,
        files: list[str] | None = None,
        presorted: bool = False,
        country_names: dict[str, str] | None = None,
        notes: list[str] | None = None,
    ) -> ImportSummary:
        """Replace the years present in ``table`` (a pyarrow Table) with its rows.  Columns: year,
        exporter, importer, product (HS6 string), value (USD), quantity (tonnes or null).  The table
        must be validated already; ``presorted`` says its rows are ordered by year, exporter,
        importer, product already.  ``country_names`` (code → name, from the supplied country
        table) are kept beside the flows; ``notes`` (warnings) go to the import log."""
        missing = [c for c in FLOW_COLUMNS if c not in table.column_names]
        if missing:
            raise TradeImportError([("<table>", 0, ",".join(missing), "missing column")])
        if not presorted:
            table = pa.table({c: _plain(table.column(c)) for c in FLOW_COLUMNS})
            table = table.sort_by(
                [
                    ("year", "ascending"),
                    ("exporter", "ascending"),
                    ("importer", "ascending"),
                    ("product", "ascending"),
                ]
            )
        table = _flow_table(table, source)
        years = sorted(int(y) for y in pc.unique(table.column("year")).to_pylist())
        summary = ImportSummary(
            id=uuid.uuid4().hex,
            kind=kind,
            source=source,
            rows=table.num_rows,
            years=years,
            synthetic=synthetic,
            files=list(files or []),
            notes=list(notes or []),
        )
        with store_commit.writing(self.root):
            self.flows_dir.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=store_commit.INCOMING, dir=self.flows_dir))
            committing = False
            try:
                for year in years:
                    part = table if len(years) == 1 else table.filter(pc.equal(table.column("year"), year))
                    # The flows file and the per-country sums are written side by side (both release
                    # the GIL).  Small row groups let DuckDB skip all but a country pair's rows.
                    with ThreadPoolExecutor(max_workers=2) as pool:
                        flows_written = pool.submit(
                            pq.write_table,
                            part,
                            tmp / f"{year}.parquet",
                            compression="zstd",
                            row_group_size=100_000,
                        )
                        for column, suffix in (("exporter", "x"), ("importer", "m")):
                            pq.write_table(_sums(part, column, year), tmp / f"{year}-{suffix}.parquet")
                        flows_written.result()
                    del part
                manifest = self.manifest()
                for year in years:
                    manifest[year] = {
                        "source": source,
                        "kind": kind,
                        "synthetic": bool(synthetic),
                        "import_id": summary.id,
                    }
                _write_json(tmp / "manifest.json", {str(y): v for y, v in sorted(manifest.items())})
                log_tmp = self._log_table_with(summary, tmp)
                names_tmp = self._country_names_with(country_names, source, tmp) if country_names else None
                # Everything is written: move it into place, all or nothing (renames within one
                # filesystem, journalled).
                moves = []
                for year in years:
                    moves += [(tmp / f"{year}-x.parquet", self.cp_dir / f"{year}-x.parquet"),
                              (tmp / f"{year}-m.parquet", self.cp_dir / f"{year}-m.parquet"),
                              (tmp / f"{year}.parquet", self._flow_file(year))]
                moves.append((tmp / "manifest.json", self._manifest_path()))
                if names_tmp is not None:
                    moves.append((names_tmp, self.root / "country_names.parquet"))
                moves.append((log_tmp, self.root / "imports_log.parquet"))
                committing = True
                store_commit.commit(self.root, tmp, moves)
            finally:
                if not committing:  # past the commit point the journal owns the folder
                    shutil.rmtree(tmp, ignore_errors=True)
        return summary

    def write_reported(
        self, table: pa.Table, *, source: str, kind: str = "reported", files: list[str] | None = None
    ) -> ImportSummary:
        """Add agency-reported figures; rows with the same (year, reporter, partner, flow,
        hs_or_group) as existing ones replace them.  Columns the table lacks take their default
        (no qualifier: the figure is exact as stated; not derived)."""
        table = _conform(table, _REPORTED_SCHEMA, defaults={**REPORTED_DEFAULTS, "source": source})
        return self._merge_small("reported", table, REPORTED_KEY, source=source, kind=kind, files=files)

    def write_section_exports(
        self, table: pa.Table, *, source: str, kind: str = "sections", files: list[str] | None = None
    ) -> ImportSummary:
        """Exports by HS section; replaces the (year, country) pairs present in ``table``."""
        table = _conform(table, _SECTION_SCHEMA, defaults={"source": source})
        return self._merge_small(
            "section_exports", table, ("year", "country", "section"), source=source, kind=kind, files=files
        )

    def _merge_small(
        self,
        name: str,
        table: pa.Table,
        key: tuple[str, ...],
        *,
        source: str,
        kind: str,
        files: list[str] | None,
    ) -> ImportSummary:
        years = sorted({int(y) for y in table.column("year").to_pylist()})
        summary = ImportSummary(
            id=uuid.uuid4().hex,
            kind=kind,
            source=source,
            rows=table.num_rows,
            years=years,
            files=list(files or []),
        )
        with store_commit.writing(self.root):
            path = self.root / f"{name}.parquet"
            tmp = Path(tempfile.mkdtemp(prefix=store_commit.INCOMING, dir=self.root))
            committing = False
            try:
                con = duckdb.connect(":memory:")
                con.register("incoming", table)
                on = " AND ".join(f"old.{k} IS NOT DISTINCT FROM incoming.{k}" for k in key)
                if path.exists():
                    select = (
                        f"SELECT * FROM ({_small_select(path, name)}) AS old "  # noqa: S608
                        f"WHERE NOT EXISTS (SELECT 1 FROM incoming WHERE {on}) "
                        "UNION ALL SELECT * FROM incoming"
                    )
                else:
                    select = "SELECT * FROM incoming"
                order = ", ".join(key)
                con.execute(
                    f"COPY ({select} ORDER BY {order}) "
                    f"TO '{_sql_path(tmp / 'data.parquet')}' (FORMAT parquet)"
                )
                con.close()
                log_tmp = self._log_table_with(summary, tmp)
                committing = True
                store_commit.commit(self.root, tmp, [(tmp / "data.parquet", path),
                                                     (log_tmp, self.root / "imports_log.parquet")])
            finally:
                if not committing:  # past the commit point the journal owns the folder
                    shutil.rmtree(tmp, ignore_errors=True)
        return summary

    def _log_table_with(self, summary: ImportSummary, tmp: Path) -> Path:
        path = self.root / "imports_log.parquet"
        row = pa.table(
            {
                "id": [summary.id],
                "kind": [summary.kind],
                "source": [summary.source],
                "files": [json.dumps(summary.files, ensure_ascii=False)],
                "rows": [summary.rows],
                "years": [",".join(str(y) for y in summary.years)],
                "synthetic": [bool(summary.synthetic)],
                "imported_at": [datetime.now(UTC)],
                "notes": [json.dumps(summary.notes, ensure_ascii=False)],
            },
            schema=_LOG_SCHEMA,
        )
        if path.exists():
            old = _conform(pq.read_table(path), _LOG_SCHEMA, defaults={"notes": "[]"})
            table = pa.concat_tables([old, row])
        else:
            table = row
        out = tmp / "imports_log.parquet"
        pq.write_table(table, out)
        return out

    def _country_names_with(self, names: dict[str, str], source: str, tmp: Path) -> Path:
        """The stored country names with ``names`` added (a code's newest name wins)."""
        kept = {}
        path = self.root / "country_names.parquet"
        if path.exists():
            for row in pq.read_table(path).to_pylist():
                kept[row["code"]] = row
        for code, name in names.items():
            kept[code] = {"code": code, "name": name, "source": source}
        out = tmp / "country_names.parquet"
        rows = [kept[c] for c in sorted(kept)]
        pq.write_table(pa.Table.from_pylist(rows, schema=_COUNTRY_NAMES_SCHEMA), out)
        return out

    def clear(self) -> None:
        """Remove every file of the store (tests and the demo loader)."""
        if self.root.exists():
            with store_commit.writing(self.root):
                store_commit.clear(self.root)


def _small_select(path: Path, name: str) -> str:
    """SELECT of one small table's file with every current column (defaults for older files)."""
    schema, defaults = _SMALL_TABLES[name]
    present = pq.read_schema(path).names
    return f"SELECT {columns_sql(present, schema, defaults)} FROM read_parquet('{_sql_path(path)}')"  # noqa: S608


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
