"""Dashboard data: read-only DuckDB SQL over the trade store's views, returning plain dicts.

Every query on `flows` filters on year and on the country pair first, so that DuckDB prunes
files and row groups before it aggregates; the few world-wide aggregates (RCA, complementarity,
export potential) are computed once per store version and year and kept in a small cache.
"""

from __future__ import annotations

import math
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from tradebridge.trade import labels

DEFAULT_REPORTER, DEFAULT_PARTNER = "VNM", "LAO"
# ISO 3166-1 alpha-3, or a code of an imported country table outside it (BACI: S19, ANT).
ISO3 = re.compile(r"^[A-Z][A-Z0-9]{2}$")
TOTAL_GROUP = "TOTAL"


class BadParameter(ValueError):
    """A request parameter that cannot be used; `field` names it."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Pair:
    reporter: str
    partner: str
    year: int | None = None


def parse_country(value: str | None, field: str, default: str) -> str:
    code = (value or default).strip().upper()
    if not ISO3.match(code):
        raise BadParameter(field, f"{value!r} is not an ISO 3166 alpha-3 country code (e.g. VNM) "
                                  "or a code of the imported country table (e.g. S19)")
    return code


def parse_year(value: Any, years: list[int], field: str = "year") -> int | None:
    """The requested year, or the latest one in `years`; a year outside them is an error."""
    if value in (None, ""):
        return years[-1] if years else None
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise BadParameter(field, f"{value!r} is not a year") from None
    if years and year not in years:
        raise BadParameter(field, f"no trade data for {year}; available: "
                           + ", ".join(str(y) for y in years))
    return year


def parse_pair(params: Any, years: list[int]) -> Pair:
    reporter = parse_country(params.get("reporter"), "reporter", DEFAULT_REPORTER)
    partner = parse_country(params.get("partner"), "partner", DEFAULT_PARTNER)
    if reporter == partner:
        raise BadParameter("partner", "the partner must differ from the reporter")
    return Pair(reporter, partner, parse_year(params.get("year"), years))


def query_rows(con, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def growth(current: float | None, previous: float | None) -> float | None:
    if not current or not previous:
        return None
    return (current - previous) / previous


def countries(con) -> list[str]:
    """Countries with flows (for the pair selector), cached per store version."""
    return cache.get(("countries", store_version(con)), lambda: [r[0] for r in query_rows(
        con, "SELECT DISTINCT country FROM country_exports ORDER BY country")])


def flow_years(con) -> list[int]:
    # One value per year file: the per-year partner sums are far smaller than the flows.
    return [r[0] for r in query_rows(con, "SELECT DISTINCT year FROM country_exports ORDER BY year")]


_local = threading.local()


def _store_key(store) -> tuple:
    """The store's files with their inode and mtime: changes whenever an import replaces one."""
    files = []
    for pattern in ("flows/*.parquet", "flows/cp/*.parquet", "*.parquet"):
        for path in store.root.glob(pattern):
            stat = path.stat()
            files.append((path.name, stat.st_ino, stat.st_mtime_ns))
    return (str(store.root), tuple(sorted(files)))


def connection(store):
    """A DuckDB connection to the store kept per thread while the store's files stay the same:
    a fresh connection costs more than a dashboard's queries (parquet footers, thread pool).
    Callers must not close it."""
    key = _store_key(store)
    held = getattr(_local, "connection", None)
    if held is not None and held[0] == key:
        return held[1]
    if held is not None:
        held[1].close()
    con = store.connect()
    con.execute("SET enable_object_cache = true")  # parquet metadata kept between queries
    _local.connection = (key, con)
    return con


_last_version = threading.local()


def store_version(con) -> tuple:
    """Changes whenever anything is imported: the key of the aggregate cache. Read once per
    connection (a connection sees the files of its start)."""
    last = getattr(_last_version, "value", None)
    if last is not None and last[0] is con:
        return last[1]
    version = tuple(query_rows(con, "SELECT count(*), max(imported_at)::VARCHAR FROM imports_log")[0])
    _last_version.value = (con, version)
    return version


def version_key(store) -> tuple:
    """What a cache of anything read from the store is keyed by: its files (root, names, inodes,
    mtimes) and its import log's version; either changes on every import."""
    con = connection(store)
    return (_local.connection[0], store_version(con))


class _Cache:
    """A few world-wide aggregates per (store version, arguments); thread-safe, bounded."""

    def __init__(self, size: int = 64):
        self.size, self.data, self.lock = size, {}, threading.Lock()

    def get(self, key: tuple, compute: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.data:
                return self.data[key]
        value = compute()
        with self.lock:
            if len(self.data) >= self.size:
                self.data.pop(next(iter(self.data)))
            self.data[key] = value
        return value

    def clear(self) -> None:
        with self.lock:
            self.data.clear()


cache = _Cache()


# -- totals, composition, products -------------------------------------------------------------

def pair_totals(con, reporter: str, partner: str) -> list[dict]:
    """Exports and imports of the pair per year with growth on the previous year."""
    # Two single-pair scans rather than one OR: each lets DuckDB skip to the pair's row groups.
    rows = query_rows(con, """
        WITH x AS (SELECT year, sum(value) AS v FROM flows WHERE exporter = ? AND importer = ? GROUP BY year),
             m AS (SELECT year, sum(value) AS v FROM flows WHERE exporter = ? AND importer = ? GROUP BY year)
        SELECT year, x.v, m.v FROM x FULL OUTER JOIN m USING (year) ORDER BY year""",
                 [reporter, partner, partner, reporter])
    return _totals(rows)


def _totals(rows: list[tuple]) -> list[dict]:
    out, previous = [], None
    for year, exports, imports in rows:
        exports, imports = exports or 0.0, imports or 0.0
        out.append({
            "year": year, "exports": exports, "imports": imports,
            "total": exports + imports, "balance": exports - imports,
            "exports_growth": growth(exports, previous and previous["exports"]),
            "imports_growth": growth(imports, previous and previous["imports"]),
        })
        previous = out[-1]
    return out


def trend(values: list[tuple[int, float]]) -> float | None:
    """Yearly growth from a log-linear least-squares fit (as ITC Trade Map's trend)."""
    points = [(y, math.log(v)) for y, v in values if v and v > 0]
    if len(points) < 2:
        return None
    mean_x = sum(p[0] for p in points) / len(points)
    mean_y = sum(p[1] for p in points) / len(points)
    sxx = sum((x - mean_x) ** 2 for x, _y in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx
    return math.exp(slope) - 1


def pair_products(con, reporter: str, partner: str, years: Iterable[int]) -> dict[tuple[int, str], dict]:
    """{(year, exporter): {product: value}} for both directions of the pair in `years`: one query
    of single-pair scans (a pair has at most a few thousand HS6 rows a year)."""
    years = sorted(set(years))
    # A range (not IN) lets DuckDB skip the other years' files by their statistics.
    rows = query_rows(con, """
        SELECT year, exporter, product, sum(value) FROM flows
        WHERE exporter = ? AND importer = ? AND year BETWEEN ? AND ? GROUP BY ALL
        UNION ALL
        SELECT year, exporter, product, sum(value) FROM flows
        WHERE exporter = ? AND importer = ? AND year BETWEEN ? AND ? GROUP BY ALL""",
                 [reporter, partner, years[0], years[-1], partner, reporter, years[0], years[-1]])
    out: dict[tuple[int, str], dict] = {(y, c): {} for y in years for c in (reporter, partner)}
    for year, exporter, product, value in rows:
        if (year, exporter) in out:
            out[(year, exporter)][product] = value
    return out


def pair_everything(con, reporter: str, partner: str, year: int) -> tuple[list[dict], dict]:
    """The dashboard's one scan of the pair: yearly totals both ways (all years) and the HS6
    detail of `year` and the year before, as (pair_totals rows, pair_products dict)."""
    rows = query_rows(con, """
        SELECT year, exporter, CASE WHEN year >= ? THEN product END, sum(value) FROM flows
        WHERE exporter = ? AND importer = ? GROUP BY ALL
        UNION ALL
        SELECT year, exporter, CASE WHEN year >= ? THEN product END, sum(value) FROM flows
        WHERE exporter = ? AND importer = ? GROUP BY ALL""",
                 [year - 1, reporter, partner, year - 1, partner, reporter])
    detail: dict[tuple[int, str], dict] = {(y, c): {} for y in (year - 1, year) for c in (reporter, partner)}
    sums: dict[tuple[int, str], float] = defaultdict(float)
    for row_year, exporter, product, value in rows:
        sums[(row_year, exporter)] += value
        if product is not None and (row_year, exporter) in detail:
            detail[(row_year, exporter)][product] = value
    years = sorted({y for y, _c in sums})
    return _totals([(y, sums.get((y, reporter)), sums.get((y, partner))) for y in years]), detail


def chapters_of(products: dict[str, float]) -> list[dict]:
    """Values by HS chapter, largest first, with the chapter's section and share."""
    values: dict[str, float] = defaultdict(float)
    for product, value in products.items():
        values[product[:2]] += value
    total = sum(values.values())
    sections = labels.chapter_sections()
    section_names, chapter_names = labels.section_names(), labels.chapter_names()
    out = []
    for chapter, value in sorted(values.items(), key=lambda kv: (-kv[1], kv[0])):
        section = sections.get(chapter)
        out.append({"section": section, "section_name": section_names.get(section, "—"),
                    "chapter": chapter, "chapter_name": chapter_names.get(chapter, chapter),
                    "value": value, "share": value / total if total else None})
    return out


def composition(con, exporter: str, importer: str, year: int) -> list[dict]:
    """Exports of `exporter` to `importer` in `year` by HS chapter, with the chapter's section."""
    return chapters_of(pair_products(con, exporter, importer, [year])[(year, exporter)])


def by_section(chapters: list[dict]) -> list[dict]:
    """Roll composition rows up to HS sections."""
    totals: dict[Any, float] = defaultdict(float)
    names = {}
    for row in chapters:
        totals[row["section"]] += row["value"]
        names[row["section"]] = row["section_name"]
    grand = sum(totals.values())
    return sorted(({"section": s, "section_name": names[s], "value": v,
                    "share": v / grand if grand else None} for s, v in totals.items()),
                  key=lambda r: -r["value"])


def top_of(current: dict[str, float], previous: dict[str, float], limit: int = 15) -> list[dict]:
    """The largest products of `current` with share and growth on `previous`."""
    total = sum(current.values())
    top = sorted(current.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    names = labels.product_names([p for p, _v in top])
    return [{"product": product, "name": names.get(product, ""), "value": value,
             "share": value / total if total else None, "previous": previous.get(product),
             "growth": growth(value, previous.get(product))}
            for product, value in top]


def top_products(con, exporter: str, importer: str, year: int, limit: int = 15) -> list[dict]:
    """The largest HS6 products of exporter → importer in `year`, with share and growth."""
    rows = pair_products(con, exporter, importer, [year, year - 1])
    return top_of(rows[(year, exporter)], rows[(year - 1, exporter)], limit)


# -- world-wide aggregates (cached) ------------------------------------------------------------

def chapter_aggregates(con, year: int) -> dict[str, dict]:
    """Exports and imports by country and HS chapter in `year`, and world exports by chapter."""
    def compute():
        # The store keeps flows summed over partners per year (country_exports/imports): small.
        rows = query_rows(con, """
            SELECT 'x', country, substr(product, 1, 2) AS chapter, sum(value)
            FROM country_exports WHERE year = ? GROUP BY ALL
            UNION ALL
            SELECT 'm', country, substr(product, 1, 2) AS chapter, sum(value)
            FROM country_imports WHERE year = ? GROUP BY ALL""", [year, year])
        out: dict[str, dict[str, dict[str, float]]] = {"x": defaultdict(dict), "m": defaultdict(dict)}
        for kind, country, chapter, value in rows:
            out[kind][country][chapter] = value
        world: dict[int, float] = defaultdict(float)
        for values in out["x"].values():
            for section, value in _by_section(values).items():
                world[section] += value
        return {"exports": dict(out["x"]), "imports": dict(out["m"]), "world_sections": dict(world)}
    return cache.get(("chapters", store_version(con), year), compute)


def _by_section(values: dict[str, float]) -> dict[int, float]:
    sections = labels.chapter_sections()
    out: dict[int, float] = defaultdict(float)
    for chapter, value in values.items():
        if sections.get(chapter) is not None:
            out[sections[chapter]] += value
    return out


def rca_by_section(con, year: int, countries: list[str]) -> list[dict]:
    """Balassa RCA of each country per HS section in `year` (world = all exporters in the store)."""
    aggregates = chapter_aggregates(con, year)
    world = aggregates["world_sections"]
    world_total = sum(world.values())
    per_country = {c: _by_section(aggregates["exports"].get(c, {})) for c in countries}
    names = labels.section_names()
    out = []
    for section in sorted(world):
        row = {"section": section, "section_name": names.get(section, str(section))}
        for country in countries:
            values = per_country[country]
            total = sum(values.values())
            share = values.get(section, 0.0) / total if total else 0.0
            world_share = world[section] / world_total if world_total else 0.0
            row[country] = share / world_share if world_share else None
        out.append(row)
    return out


def complementarity(con, year: int, exporter: str, importer: str) -> float | None:
    """Trade complementarity of exporter's exports with importer's imports (HS chapters), 0–100."""
    aggregates = chapter_aggregates(con, year)
    exports = aggregates["exports"].get(exporter, {})
    imports = aggregates["imports"].get(importer, {})
    x_total, m_total = sum(exports.values()), sum(imports.values())
    if not x_total or not m_total:
        return None
    chapters = set(exports) | set(imports)
    gap = sum(abs(imports.get(k, 0.0) / m_total - exports.get(k, 0.0) / x_total) for k in chapters)
    return 100 * (1 - gap / 2)


def world_products(con, year: int) -> dict[str, float]:
    """World exports by HS6 product in `year` (cached per store version)."""
    return cache.get(("world-products", store_version(con), year), lambda: dict(query_rows(
        con, "SELECT product, sum(value) FROM country_exports WHERE year = ? GROUP BY product", [year])))


def export_potential(store, con, exporter: str, partner: str, year: int, limit: int = 15,
                     *, sold: dict[str, float] | None = None) -> list[dict]:
    """Products where `exporter` is competitive (RCA >= 1) and `partner` imports from the world:
    untapped = min(partner's world imports, exporter's world exports) − partner's imports from
    exporter, as trade.potential defines it; here from cached world sums, so a pair costs three
    small pruned scans."""
    world = world_products(con, year)
    world_total = sum(world.values())
    exports: dict[str, float] = {}
    imports: dict[str, float] = {}
    for kind, product, value in query_rows(con, """
            SELECT 'x', product, value FROM country_exports WHERE year = ? AND country = ?
            UNION ALL
            SELECT 'm', product, value FROM country_imports WHERE year = ? AND country = ?""",
                                      [year, exporter, year, partner]):
        (exports if kind == "x" else imports)[product] = value
    if sold is None:
        sold = pair_products(con, exporter, partner, [year])[(year, exporter)]
    exporter_total = sum(exports.values())
    out = []
    for product, x in exports.items():
        m = imports.get(product)
        if not m or not x or not world.get(product):
            continue
        rca = (x / exporter_total) / (world[product] / world_total)
        from_exporter = sold.get(product, 0.0)
        untapped = max(min(x, m) - from_exporter, 0.0)
        if rca < 1 or untapped <= 0:
            continue
        out.append({"product": product, "exporter_rca": rca, "exporter_world_exports": x,
                    "partner_world_imports": m, "partner_imports_from_exporter": from_exporter,
                    "untapped": untapped})
    out.sort(key=lambda r: (-r["untapped"], r["product"]))
    out = out[:limit]
    names = labels.product_names([r["product"] for r in out])
    for row in out:
        row["name"] = names.get(row["product"], "")
        row["reasons"] = [
            f"{exporter} is competitive in {row['product']}: RCA {row['exporter_rca']:.2f} (1 or more)",
            f"{partner} imports {row['partner_world_imports']:,.0f} USD of it from the world",
            f"of which {row['partner_imports_from_exporter']:,.0f} USD from {exporter}",
        ]
    return out


# -- the dashboard ---------------------------------------------------------------------------

def dashboard(store, reporter: str, partner: str, year: int | None, *, con=None) -> dict:
    """Everything the dashboard page and its API show for one pair and year."""
    con = con or connection(store)
    years = store.years()
    synthetic = set(store.synthetic_years())
    data: dict[str, Any] = {
        "reporter": reporter, "partner": partner, "year": year, "years": years,
        "synthetic_years": sorted(synthetic), "synthetic": bool(synthetic & set(years)),
    }
    if year is None:
        data["totals"] = pair_totals(con, reporter, partner)
    else:
        data["totals"], rows = pair_everything(con, reporter, partner, year)
    data["exports_trend"] = trend([(r["year"], r["exports"]) for r in data["totals"]])
    data["imports_trend"] = trend([(r["year"], r["imports"]) for r in data["totals"]])
    if year is None:
        data.update(composition=[], composition_imports=[], sections=[], sections_imports=[],
                    top_exports=[], top_imports=[], rca=[], complementarity={}, potential=[])
        return data
    data["year_synthetic"] = year in synthetic
    data["composition"] = chapters_of(rows[(year, reporter)])
    data["composition_imports"] = chapters_of(rows[(year, partner)])
    data["sections"] = by_section(data["composition"])
    data["sections_imports"] = by_section(data["composition_imports"])
    data["top_exports"] = top_of(rows[(year, reporter)], rows[(year - 1, reporter)])
    data["top_imports"] = top_of(rows[(year, partner)], rows[(year - 1, partner)])
    data["rca"] = rca_by_section(con, year, [reporter, partner])
    data["complementarity"] = {
        "reporter_exports_partner_imports": complementarity(con, year, reporter, partner),
        "partner_exports_reporter_imports": complementarity(con, year, partner, reporter),
    }
    data["potential"] = export_potential(store, con, reporter, partner, year, sold=rows[(year, reporter)])
    return data
