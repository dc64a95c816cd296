"""Load the HS 2022 nomenclature and the product glossary (see data/NOTICE.md)."""

from __future__ import annotations

from pathlib import Path

from tradebridge.catalog.models import GlossaryTerm, HSCode, HSSection, Sector
from tradebridge.catalog.resolve import GlossaryError, load_glossary_csv
from tradebridge.core.loading import DataFileError, read_csv, require
from tradebridge.core.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"
SECTIONS_FILE = DATA_DIR / "hs-sections.csv"
HS_FILE = DATA_DIR / "harmonized-system-2022.csv"
GLOSSARY_FILE = DATA_DIR / "glossary.csv"
CHAPTER_NAMES_FILE = DATA_DIR / "hs-chapters-i18n.csv"
SECTION_NAMES_FILE = DATA_DIR / "hs-sections-i18n.csv"
SECTORS_FILE = DATA_DIR / "sectors.csv"
FILES = [SECTIONS_FILE, HS_FILE, GLOSSARY_FILE, CHAPTER_NAMES_FILE, SECTION_NAMES_FILE, SECTORS_FILE]
LANGUAGE_COLUMNS = {"vi": "name_vi", "lo": "name_lo", "zh_hans": "name_zh_hans"}

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI"]
# Comtrade files put chapter 99 ("commodities not specified according to kind") in no section.
UNCLASSIFIED = "TOTAL"
NAME_FIELD = {"vi": "name_vi", "lo": "name_lo", "zh-hans": "name_zh_hans", "en": "name_en"}


def load_sections(data_dir: Path = DATA_DIR) -> int:
    path = data_dir / SECTIONS_FILE.name
    existing = {s.roman: s for s in HSSection.objects.all()}
    count = 0
    for line, row in read_csv(path, ["section", "name"]):
        roman = require(path, line, row, "section")
        if roman not in ROMAN:
            raise DataFileError(f"{path.name}, line {line}: unknown HS section {roman!r}")
        name = require(path, line, row, "name")
        name = name[0].upper() + name[1:]
        section = existing.get(roman)
        if section is None:
            HSSection.objects.create(roman=roman, number=ROMAN.index(roman) + 1, name_en=name)
        elif section.name_en != name:
            section.name_en = name
            section.save(update_fields=["name_en"])
        count += 1
    return count


def load_hs_codes(data_dir: Path = DATA_DIR) -> int:
    """Insert or update chapters, headings and subheadings, parents first."""
    path = data_dir / HS_FILE.name
    sections = {s.roman: s for s in HSSection.objects.all()}
    rows: list[tuple[int, dict[str, str]]] = []
    for line, row in read_csv(path, ["section", "hscode", "description", "parent", "level"]):
        if row["hscode"] == "TOTAL":
            continue  # Comtrade's grand-total row is not a product
        code = require(path, line, row, "hscode")
        level = require(path, line, row, "level")
        if level not in {"2", "4", "6"} or len(code) != int(level) or not code.isdigit():
            raise DataFileError(
                f"{path.name}, line {line}: malformed HS code {code!r} for level {level!r}"
            )
        if row["section"] not in sections and row["section"] != UNCLASSIFIED:
            raise DataFileError(f"{path.name}, line {line}: unknown section {row['section']!r}")
        rows.append((line, row))
    rows.sort(key=lambda item: int(item[1]["level"]))

    existing = {c.code: c for c in HSCode.objects.all()}
    to_update: list[HSCode] = []
    for level in (2, 4, 6):
        # One level at a time, so that each child's parent already has its primary key.
        to_create: list[HSCode] = []
        for line, row in rows:
            if int(row["level"]) != level:
                continue
            code = row["hscode"]
            parent = None
            if level > 2:
                parent = existing.get(row["parent"])
                if parent is None or parent.level != level - 2 or not code.startswith(parent.code):
                    raise DataFileError(
                        f"{path.name}, line {line}: parent {row['parent']!r} of {code} is unknown"
                    )
            section = sections.get(row["section"])  # None for chapter 99 (not classified)
            description = require(path, line, row, "description")
            obj = existing.get(code)
            if obj is None:
                obj = HSCode(code=code, level=level, parent=parent, section=section,
                             description_en=description)
                existing[code] = obj
                to_create.append(obj)
            elif (obj.parent_id, obj.section_id, obj.description_en, obj.level) != (
                parent.pk if parent else None, section.pk if section else None, description, level
            ):
                obj.parent, obj.section, obj.description_en, obj.level = (
                    parent, section, description, level
                )
                to_update.append(obj)
        HSCode.objects.bulk_create(to_create, batch_size=1000)
    HSCode.objects.bulk_update(
        to_update, ["level", "parent", "section", "description_en"], batch_size=1000
    )
    return len(rows)


def load_glossary(data_dir: Path = DATA_DIR) -> int:
    """Replace the glossary terms with the file's, and copy primary names onto the codes."""
    path = data_dir / GLOSSARY_FILE.name
    if not path.is_file():
        raise DataFileError(f"{path}: reference file not found")
    try:
        entries = load_glossary_csv(path)
    except GlossaryError as exc:
        raise DataFileError(f"{path.name}: {exc}") from exc
    codes = {c.code: c for c in HSCode.objects.filter(level=6)}
    unknown = sorted({e.hs for e in entries if e.hs not in codes})
    if unknown:
        raise DataFileError(
            f"{path.name}: HS code(s) not in the HS 2022 subheadings: {', '.join(unknown)}"
        )
    GlossaryTerm.objects.all().delete()
    terms = []
    seen = set()
    names: dict[str, dict[str, str]] = {}
    for entry in entries:
        key = (entry.hs, entry.lang, entry.term)
        if key in seen:
            continue
        seen.add(key)
        terms.append(GlossaryTerm(hs=codes[entry.hs], language=entry.lang, term=entry.term,
                                  folded=fold(entry.term), primary=entry.primary))
        if entry.primary:
            names.setdefault(entry.hs, {})[NAME_FIELD[entry.lang]] = entry.term
    GlossaryTerm.objects.bulk_create(terms, batch_size=1000)
    changed = []
    for code in codes.values():
        wanted = names.get(code.code, dict.fromkeys(NAME_FIELD.values(), ""))
        if any(getattr(code, field) != wanted.get(field, "") for field in NAME_FIELD.values()):
            for field in NAME_FIELD.values():
                setattr(code, field, wanted.get(field, ""))
            changed.append(code)
    HSCode.objects.bulk_update(changed, list(NAME_FIELD.values()), batch_size=1000)
    return len(terms)


def load_chapter_and_section_names(data_dir: Path = DATA_DIR) -> int:
    """Names of the 21 sections and 97 chapters in Vietnamese, Lao and Chinese."""
    sections = {s.roman: s for s in HSSection.objects.all()}
    chapters = {c.code: c for c in HSCode.objects.filter(level=2)}
    return (_load_names(data_dir / SECTION_NAMES_FILE.name, "section", sections, "HS section")
            + _load_names(data_dir / CHAPTER_NAMES_FILE.name, "code", chapters, "HS chapter"))


def _load_names(path: Path, key: str, targets: dict, what: str) -> int:
    count = 0
    for line, row in read_csv(path, [key, *LANGUAGE_COLUMNS]):
        target = targets.get(require(path, line, row, key))
        if target is None:
            raise DataFileError(f"{path.name}, line {line}: unknown {what} {row[key]!r}")
        _set_names(target, path, line, row)
        count += 1
    return count


def _set_names(obj, path: Path, line: int, row: dict[str, str]) -> None:
    values = {field: require(path, line, row, column) for column, field in LANGUAGE_COLUMNS.items()}
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save(update_fields=changed)


def load_sectors(data_dir: Path = DATA_DIR) -> int:
    path = data_dir / SECTORS_FILE.name
    chapters = set(HSCode.objects.filter(level=2).values_list("code", flat=True))
    count = 0
    for line, row in read_csv(path, ["code", "name_en", "name_vi", "name_lo", "name_zh_hans",
                                     "hs_chapters"]):
        code = require(path, line, row, "code")
        listed = [c.strip() for c in row["hs_chapters"].split("|") if c.strip()]
        unknown = [c for c in listed if c not in chapters]
        if unknown:
            raise DataFileError(f"{path.name}, line {line}: field 'hs_chapters': unknown chapter(s) "
                                f"{', '.join(unknown)}")
        values = {f: require(path, line, row, f) for f in ("name_en", "name_vi", "name_lo", "name_zh_hans")}
        Sector.objects.update_or_create(code=code, defaults={**values, "chapters": listed})
        count += 1
    return count
