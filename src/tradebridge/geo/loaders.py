"""Load countries, provinces and zones from the CSV files in geo/data (see data/NOTICE.md)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tradebridge.core.loading import DataFileError, parse_decimal, read_csv, require
from tradebridge.geo.models import Country, Province, Zone

DATA_DIR = Path(__file__).resolve().parent / "data"
COUNTRIES_FILE = DATA_DIR / "country-codes.csv"
COUNTRY_NAMES_FILE = DATA_DIR / "country_names.csv"
PROVINCES_FILE = DATA_DIR / "provinces.csv"
ZONES_FILE = DATA_DIR / "zones.csv"
FILES = [COUNTRIES_FILE, COUNTRY_NAMES_FILE, PROVINCES_FILE, ZONES_FILE]

NAME_FIELDS = ("name_en", "name_vi", "name_lo", "name_zh_hans")


def load_countries(data_dir: Path = DATA_DIR) -> int:
    codes_path = data_dir / COUNTRIES_FILE.name
    names_path = data_dir / COUNTRY_NAMES_FILE.name
    extra: dict[str, dict[str, str]] = {}
    for line, row in read_csv(names_path, ["alpha3", "vi", "lo", "zh_hans"]):
        extra[require(names_path, line, row, "alpha3")] = row
    existing = {c.alpha3: c for c in Country.objects.all()}
    seen: set[str] = set()
    count = 0
    columns = ["ISO3166-1-Alpha-2", "ISO3166-1-Alpha-3", "ISO3166-1-numeric", "CLDR display name"]
    for line, row in read_csv(codes_path, columns):
        alpha3 = row["ISO3166-1-Alpha-3"]
        if not alpha3:
            continue  # rows without an ISO code (e.g. historical entries) are not countries
        if len(alpha3) != 3 or not alpha3.isalpha():
            raise DataFileError(f"{codes_path.name}, line {line}: bad alpha-3 code {alpha3!r}")
        names = extra.get(alpha3, {})
        values = {
            "alpha2": require(codes_path, line, row, "ISO3166-1-Alpha-2"),
            "numeric": row["ISO3166-1-numeric"].zfill(3) if row["ISO3166-1-numeric"] else "",
            "name_en": row["CLDR display name"] or row.get("official_name_en", ""),
            "name_vi": names.get("vi", ""),
            "name_lo": names.get("lo", ""),
            "name_zh_hans": names.get("zh_hans", "") or row.get("UNTERM Chinese Short", ""),
            "region": row.get("Region Name", ""),
            "subregion": row.get("Sub-region Name", ""),
            "currency": row.get("ISO4217-currency_alphabetic_code", "")[:3],
            "capital": row.get("Capital", ""),
        }
        if not values["name_en"]:
            raise DataFileError(f"{codes_path.name}, line {line}: no English name for {alpha3}")
        seen.add(alpha3)
        _upsert(Country, existing.get(alpha3), {"alpha3": alpha3}, values)
        count += 1
    unknown = sorted(set(extra) - seen)
    if unknown:
        raise DataFileError(f"{names_path.name}: unknown alpha-3 code(s) {', '.join(unknown)}")
    return count


def load_provinces(data_dir: Path = DATA_DIR) -> int:
    path = data_dir / PROVINCES_FILE.name
    countries = {c.alpha3: c for c in Country.objects.all()}
    existing = {p.code: p for p in Province.objects.all()}
    count = 0
    for line, row in read_csv(path, ["code", "country", *NAME_FIELDS, "lat", "lon"]):
        code = require(path, line, row, "code")
        country = countries.get(require(path, line, row, "country"))
        if country is None:
            raise DataFileError(f"{path.name}, line {line}: unknown country {row['country']!r}")
        if not code.startswith(f"{country.alpha2}-"):
            raise DataFileError(
                f"{path.name}, line {line}: code {code!r} does not belong to {country.alpha3}"
            )
        values = {f: require(path, line, row, f) for f in NAME_FIELDS}
        values["country"] = country
        values["latitude"] = _coordinate(path, line, row, "lat", -90, 90)
        values["longitude"] = _coordinate(path, line, row, "lon", -180, 180)
        _upsert(Province, existing.get(code), {"code": code}, values)
        count += 1
    return count


def load_zones(data_dir: Path = DATA_DIR) -> int:
    path = data_dir / ZONES_FILE.name
    countries = {c.alpha3: c for c in Country.objects.all()}
    provinces = {p.code: p for p in Province.objects.all()}
    existing = {z.code: z for z in Zone.objects.all()}
    kinds = set(Zone.Kind.values)
    count = 0
    required = ["code", "kind", "country", "province", *NAME_FIELDS, "lat", "lon",
                "partner_country", "partner_province"]
    for line, row in read_csv(path, required):
        code = require(path, line, row, "code")
        kind = require(path, line, row, "kind")
        if kind not in kinds:
            raise DataFileError(f"{path.name}, line {line}: unknown zone kind {kind!r}")
        values = {f: require(path, line, row, f) for f in NAME_FIELDS}
        values.update(
            kind=kind,
            country=_lookup(countries, path, line, row, "country"),
            province=_lookup(provinces, path, line, row, "province"),
            partner_country=_lookup(countries, path, line, row, "partner_country", optional=True),
            partner_province=_lookup(provinces, path, line, row, "partner_province", optional=True),
            latitude=_coordinate(path, line, row, "lat", -90, 90),
            longitude=_coordinate(path, line, row, "lon", -180, 180),
        )
        _upsert(Zone, existing.get(code), {"code": code}, values)
        count += 1
    return count


def _coordinate(path, line, row, field, low, high) -> Decimal:
    return Decimal(str(parse_decimal(path, line, row, field, low, high)))


def _lookup(table, path, line, row, field, optional=False):
    key = row.get(field, "")
    if not key and optional:
        return None
    obj = table.get(key)
    if obj is None:
        raise DataFileError(f"{path.name}, line {line}: field '{field}': unknown code {key!r}")
    return obj


def _upsert(model, obj, keys: dict, values: dict) -> None:
    if obj is None:
        model.objects.create(**keys, **values)
        return
    changed = [f for f, v in values.items() if getattr(obj, f) != v]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save(update_fields=changed)
