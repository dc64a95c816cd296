"""CEPII BACI importer (spec/trade.md): ``t,i,j,k,v,q`` CSV files plus BACI's country table.

Files are read in blocks with PyArrow's CSV reader (all columns as text, so product codes keep
their leading zeros), checked with vectorised PyArrow compute, and handed to DuckDB, which joins
the country codes, looks for duplicates and writes the Parquet files.  Any error stops the import
before the store is touched; up to ``MAX_ERRORS`` errors are listed with file, line and field.

Checked: the header, whole-number year and country codes, country codes present in the country
table, 6-digit product codes (5 digits is reported as a lost leading zero), numeric non-negative
value and quantity, one row per (year, exporter, importer, product) in the whole import.  Values
are converted from thousands of USD to USD; an empty or ``NA`` quantity becomes null.

BACI's own country table is the authority for its files: real tables carry codes that are not
current ISO 3166-1 (former or grouped territories: ANT Netherlands Antilles, S19 "Other Asia,
nes", SCG, ...).  Such codes are imported as the table gives them, with a warning (in the
summary's ``notes`` and the import log) for each one outside the ``known`` reference list, and
the table's names are kept in the store so that pages can name them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from tradebridge.trade.hooks import run_after_flows_import
from tradebridge.trade.parsing import MAX_ERRORS, ImportErrors
from tradebridge.trade.store import ImportSummary, TradeImportError, TradeStore

BACI_COLUMNS = ("t", "i", "j", "k", "v", "q")
COUNTRY_COLUMNS = ("country_code", "country_iso3")
BLOCK_SIZE = 32 << 20

Progress = Callable[[int, int | None], None]

_INT = r"^[0-9]+$"
_ISO3 = re.compile(r"[A-Z][A-Z0-9]{2}")
_NUMBER = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"


def read_baci_countries(path: Path, known: set[str] | None = None) -> dict[int, str]:
    """BACI's country table (``country_code,country_name,country_iso2,country_iso3``):
    numeric code → ISO3 code as the table gives it (``known`` is not used: see the module)."""
    return read_baci_country_table(path)[0]


def read_baci_country_table(path: Path) -> tuple[dict[int, str], dict[str, str]]:
    """BACI's country table: (numeric code → ISO3 code, ISO3 code → name).  A code is one letter
    then two letters or digits (``S19``); when several numeric codes share one (``SDN`` for
    Sudan before and after 2011), the first name is kept.  A bad row is refused with its line."""
    path = Path(path)
    errors = ImportErrors()
    mapping: dict[int, str] = {}
    names: dict[str, str] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in reader.fieldnames or []]
            missing = [c for c in COUNTRY_COLUMNS if c not in header]
            if missing:
                raise TradeImportError(
                    [
                        (
                            path.name,
                            1,
                            ",".join(missing),
                            "missing column(s): not a BACI country table "
                            "(country_code,country_name,country_iso2,country_iso3)",
                        )
                    ]
                )
            for line, row in enumerate(reader, start=2):
                row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
                code, iso3 = row["country_code"], row["country_iso3"].upper()
                if not code.isdigit():
                    errors.add(path.name, line, "country_code", f"not a whole number: {code!r}")
                    continue
                if not _ISO3.fullmatch(iso3):
                    errors.add(
                        path.name,
                        line,
                        "country_iso3",
                        f"not a 3-character country code (a letter, then letters or digits): {iso3!r}",
                    )
                    continue
                if int(code) in mapping and mapping[int(code)] != iso3:
                    errors.add(path.name, line, "country_code", f"code {code} listed twice")
                mapping[int(code)] = iso3
                names.setdefault(iso3, row.get("country_name") or iso3)
    except UnicodeDecodeError:
        raise TradeImportError([(path.name, 0, "-", "not a UTF-8 text CSV file")]) from None
    except OSError as exc:
        raise TradeImportError([(path.name, 0, "-", f"cannot read the file: {exc.strerror}")]) from None
    errors.raise_if_any()
    if not mapping:
        raise TradeImportError([(path.name, 0, "-", "the country table is empty")])
    return mapping, names


def _bad_lines(mask: pa.Array, first_line: int, limit: int) -> list[int]:
    """Line numbers where ``mask`` is true (nulls count as true)."""
    filled = pc.fill_null(mask, True)
    idx = np.flatnonzero(filled.to_numpy(zero_copy_only=False))
    return [first_line + int(i) for i in idx[:limit]]


def _numbers(col: pa.Array, name: str, file: str, first_line: int, errors: ImportErrors, *, nullable: bool):
    if pa.types.is_floating(col.type):  # the fast typed read: "" and NA are nulls already
        values = col
        if not nullable:
            for line in _bad_lines(pc.is_null(values), first_line, MAX_ERRORS):
                errors.add(file, line, name, "empty value")
        _check_numbers(values, name, file, first_line, errors)
        return values
    text = pc.utf8_trim_whitespace(col)
    empty = pc.or_(pc.equal(text, ""), pc.equal(text, "NA"))
    if nullable:
        text = pc.if_else(empty, pa.scalar(None, pa.string()), text)
    else:
        for line in _bad_lines(empty, first_line, MAX_ERRORS):
            errors.add(file, line, name, "empty value")
    try:
        values = pc.cast(text, pa.float64())
    except pa.ArrowInvalid:
        bad = pc.invert(pc.match_substring_regex(text, _NUMBER))
        if nullable:
            bad = pc.and_(bad, pc.is_valid(text))
        for line in _bad_lines(bad, first_line, MAX_ERRORS):
            errors.add(file, line, name, "not a number")
        return None
    _check_numbers(values, name, file, first_line, errors)
    return values


def _check_numbers(values: pa.Array, name: str, file: str, first_line: int, errors: ImportErrors) -> None:
    negative = pc.less(values, 0.0)
    for line in _bad_lines(pc.fill_null(negative, False), first_line, MAX_ERRORS):
        errors.add(file, line, name, "negative value")
    finite = pc.is_finite(values)
    for line in _bad_lines(pc.invert(pc.fill_null(finite, True)), first_line, MAX_ERRORS):
        errors.add(file, line, name, "not a number")


def _integers(col: pa.Array, name: str, file: str, first_line: int, errors: ImportErrors):
    if pa.types.is_integer(col.type):  # the fast typed read
        bad = pc.or_(pc.is_null(col), pc.less(col, 0))
        lines = _bad_lines(bad, first_line, MAX_ERRORS)
        for line in lines:
            errors.add(file, line, name, "not a whole number")
        return None if lines else col.cast(pa.int32())
    text = pc.utf8_trim_whitespace(col)
    try:
        values = pc.cast(text, pa.int32())  # the fast path; look for the bad lines only on failure
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        bad = pc.invert(pc.match_substring_regex(text, _INT))
        for line in _bad_lines(bad, first_line, MAX_ERRORS):
            errors.add(file, line, name, "not a whole number")
        return None
    for line in _bad_lines(pc.less(values, 0), first_line, MAX_ERRORS):
        errors.add(file, line, name, "not a whole number")
    return values


def parse_baci_file(
    path: Path,
    countries: dict[int, str],
    known: set[str] | None,
    errors: ImportErrors,
    *,
    progress: Progress | None = None,
    done: int = 0,
) -> tuple[pa.Table | None, np.ndarray | None, int]:
    """Check one BACI file; return (typed table, one int64 sort key per row, rows read); row n of
    the table is line n + 2 of the file.  ``known`` is kept for callers: codes outside it are
    warned about by :func:`import_baci`, never refused.

    A clean file is read with typed columns (PyArrow converts them in parallel); if that read
    fails anywhere, the file is read again as text to find and name every bad line."""
    found = ImportErrors()
    result = _scan(path, countries, found, progress=progress, done=done, typed=True)
    if result is not None:
        for item in found.items:
            errors.add(*item)
        errors.more += found.more
        return result
    return _scan(path, countries, errors, progress=progress, done=done, typed=False)


_TYPED = {
    "t": pa.int32(),
    "i": pa.int32(),
    "j": pa.int32(),
    "k": pa.string(),
    "v": pa.float64(),
    "q": pa.float64(),
}


def _scan(path, countries, errors, *, progress, done, typed):
    """One pass over a file; None when the typed pass met a value it could not convert."""
    path = Path(path)
    file = path.name
    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(block_size=BLOCK_SIZE, use_threads=True),
            parse_options=pacsv.ParseOptions(ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=_TYPED if typed else {c: pa.string() for c in BACI_COLUMNS},
                strings_can_be_null=False,
                null_values=["", "NA"] if typed else [],
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        if typed:
            return None
        line = _ragged_line(path)
        if line:
            errors.add(file, line, "-", f"expected {len(BACI_COLUMNS)} columns ({_short(exc)})")
        else:
            errors.add(file, 1, "-", f"not a BACI CSV file ({_short(exc)})")
        return None, None, 0
    except OSError as exc:
        errors.add(file, 0, "-", f"cannot read the file: {exc}")
        return None, None, 0
    header = [name.strip() for name in reader.schema.names]
    if typed and header != list(BACI_COLUMNS):
        return None
    if header != list(BACI_COLUMNS):
        errors.add(
            file, 1, "header", f"expected the columns {','.join(BACI_COLUMNS)}, found {','.join(header)}"
        )
        return None, None, 0
    code_values = pa.array(sorted(countries), pa.int32())
    iso_of = pa.array([countries[c] for c in sorted(countries)], pa.string())
    # Rank of each country's ISO3 code: the store sorts flows by exporter, importer, product.
    # Numeric codes that share an ISO3 code share its rank (so their rows meet as duplicates).
    iso_rank = pa.array(np.unique(np.array(iso_of.to_pylist(), dtype=object), return_inverse=True)[1],
                        pa.int64())
    batches = []
    keys = []
    rows = 0
    while True:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            break
        except pa.ArrowInvalid as exc:
            if typed:
                return None
            line = _ragged_line(path) or rows + 2
            errors.add(file, line, "-", f"malformed CSV ({_short(exc)})")
            break
        first = rows + 2  # line 1 is the header
        n = batch.num_rows
        t = _integers(batch.column("t"), "t", file, first, errors)
        cols = {}
        for name in ("i", "j"):
            code = _integers(batch.column(name), name, file, first, errors)
            if code is None:
                continue
            pos = pc.index_in(code, value_set=code_values)
            for line in _bad_lines(pc.is_null(pos), first, MAX_ERRORS):
                code_text = str(batch.column(name)[line - first].as_py()).strip()
                errors.add(file, line, name, f"unknown country code {code_text} (not in the country table)")
            iso = pa.DictionaryArray.from_arrays(pc.fill_null(pos, 0), iso_of)
            cols[name] = iso
            cols[name + "_rank"] = pc.take(iso_rank, pc.fill_null(pos, 0))
        if len(cols) == 4:
            for line in _bad_lines(pc.equal(cols["i_rank"], cols["j_rank"]), first, MAX_ERRORS):
                errors.add(
                    file,
                    line,
                    "i,j",
                    f"exporter and importer are the same country ({cols['i'][line - first]})",
                )
        k, ok = _product_codes(batch.column("k"))
        for line in _bad_lines(pc.invert(ok), first, MAX_ERRORS):
            code = k[line - first].as_py()
            if len(code) == 5 and code.isdigit():
                reason = f"product code {code!r} has 5 digits: it lost its leading zero (read it as text)"
            else:
                reason = f"not a 6-digit HS code: {code!r}"
            errors.add(file, line, "k", reason)
        v = _numbers(batch.column("v"), "v", file, first, errors, nullable=False)
        q = _numbers(batch.column("q"), "q", file, first, errors, nullable=True)
        rows += n
        if progress:
            progress(done + rows, None)
        if errors.full():
            break
        if errors.items or t is None or v is None or q is None or len(cols) < 4:
            continue
        # One int64 per row orders the rows and finds duplicates: year, exporter, importer, product.
        key = (
            (t.to_numpy().astype(np.int64) * 1000 + cols["i_rank"].to_numpy()) * 1000
            + cols["j_rank"].to_numpy()
        ) * 1_000_000 + pc.cast(k, pa.int64()).to_numpy()
        batches.append(
            pa.table(
                {
                    "year": t,
                    "exporter": cols["i"],
                    "importer": cols["j"],
                    "product": k,
                    "value": pc.multiply(v, 1000.0),
                    "quantity": q,
                }
            )
        )
        keys.append(key)
    if not rows and not errors.items:
        errors.add(file, 2, "-", "the file has no rows")
    if errors.items or not batches:
        return None, None, rows
    return pa.concat_tables(batches), np.concatenate(keys), rows


def _six_digits(k: pa.Array) -> pa.Array:
    return pc.and_(pc.equal(pc.binary_length(k), 6), pc.fill_null(pc.utf8_is_digit(k), False))


def _product_codes(column: pa.Array) -> tuple[pa.Array, pa.Array]:
    """Product codes and whether each is six digits; surrounding spaces are trimmed only when
    some code needs it (trimming copies every string)."""
    ok = _six_digits(column)
    if pc.all(ok).as_py():
        return column, ok
    trimmed = pc.utf8_trim_whitespace(column)
    return trimmed, _six_digits(trimmed)


def _ragged_line(path: Path) -> int | None:
    """The first line without six fields (only looked for once the fast reader has failed)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.reader(handle), start=1):
                if len(row) != len(BACI_COLUMNS):
                    return line
    except (UnicodeDecodeError, csv.Error, OSError):
        return None
    return None


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200]


def import_baci(
    store: TradeStore,
    paths: Iterable[Path],
    countries_path: Path,
    *,
    known: set[str] | None = None,
    progress: Progress | None = None,
    synthetic: bool = False,
    source: str | None = None,
    kind: str = "baci",
) -> ImportSummary:
    """Check every file, then replace the years they hold; all or nothing."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise TradeImportError([("-", 0, "-", "no BACI file given")])
    countries, country_names = read_baci_country_table(countries_path)
    errors = ImportErrors()
    done = 0
    tables, keys, names, starts = [], [], [], []
    for path in paths:
        table, key, rows = parse_baci_file(path, countries, known, errors, progress=progress, done=done)
        if table is not None:
            starts.append(sum(t.num_rows for t in tables))
            tables.append(table)
            keys.append(key)
            names.append(path.name)
        done += rows
        if errors.full():
            break
    errors.raise_if_any()
    table = pa.concat_tables(tables)
    del tables
    key = np.concatenate(keys)
    del keys
    order = np.argsort(key, kind="stable")
    key = key[order]
    same = np.flatnonzero(key[1:] == key[:-1])
    del key

    def where(row: int) -> tuple[str, int]:
        n = int(np.searchsorted(starts, row, side="right")) - 1
        return names[n], row - starts[n] + 2

    for pos in same[:MAX_ERRORS]:
        first, last = int(order[pos]), int(order[pos + 1])
        first_file, first_line = where(first)
        last_file, last_line = where(last)
        row = table.slice(last, 1).to_pylist()[0]
        errors.add(
            last_file,
            last_line,
            "t,i,j,k",
            f"duplicate row: {row['year']} {row['exporter']}→{row['importer']} {row['product']} "
            f"already on line {first_line} of {first_file}",
        )
    errors.more += max(0, len(same) - MAX_ERRORS)
    errors.raise_if_any()
    used = _used_codes(table)
    table = table.take(pa.array(order))
    del order
    label = source or "CEPII BACI: " + ", ".join(p.name for p in paths)
    by_iso = {}
    for number, iso3 in sorted(countries.items()):
        by_iso.setdefault(iso3, number)
    notes = [
        f"{Path(countries_path).name}: country {iso3} ({country_names[iso3]}, code {by_iso[iso3]}) is not "
        "in the reference list of countries: imported with the code and name of the supplied table"
        for iso3 in sorted(used)
        if known is not None and iso3 not in known
    ]
    summary = store.write_flows(
        table,
        source=label,
        kind=kind,
        synthetic=synthetic,
        files=[p.name for p in paths],
        presorted=True,
        country_names={iso3: country_names[iso3] for iso3 in sorted(used)},
        notes=notes,
    )
    run_after_flows_import(store, summary.years)  # e.g. chains' density, once per import
    return summary


def _used_codes(table: pa.Table) -> set[str]:
    """The country codes that exporters and importers use (counted on the dictionary indices:
    one pass, no hashing of strings)."""
    used: set[str] = set()
    for name in ("exporter", "importer"):
        for chunk in table.column(name).chunks:
            counts = np.bincount(chunk.indices.to_numpy(), minlength=len(chunk.dictionary))
            used.update(chunk.dictionary.take(pa.array(np.flatnonzero(counts))).to_pylist())
    return used
