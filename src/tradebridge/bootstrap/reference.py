"""Load all reference data in one transaction, skipping it when the files have not changed."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from tradebridge.catalog import loaders as catalog_loaders
from tradebridge.core.loading import checksum
from tradebridge.core.models import DataLoad
from tradebridge.geo import loaders as geo_loaders

DATASET = "reference"


def reference_checksum(geo_dir: Path, catalog_dir: Path) -> str:
    return checksum([geo_dir / f.name for f in geo_loaders.FILES]
                    + [catalog_dir / f.name for f in catalog_loaders.FILES])


def do_load_reference(
    *,
    force: bool = False,
    geo_dir: Path = geo_loaders.DATA_DIR,
    catalog_dir: Path = catalog_loaders.DATA_DIR,
) -> dict[str, int] | None:
    """Load countries, provinces, zones, HS codes and the glossary.

    Returns the row counts, or None when the same files were already loaded. Raises
    DataFileError naming the file, line and field; then nothing has changed.
    """
    digest = reference_checksum(geo_dir, catalog_dir)
    if not force and DataLoad.objects.filter(name=DATASET, checksum=digest).exists():
        return None
    with transaction.atomic():
        summary = {
            "countries": geo_loaders.load_countries(geo_dir),
            "provinces": geo_loaders.load_provinces(geo_dir),
            "zones": geo_loaders.load_zones(geo_dir),
            "hs_sections": catalog_loaders.load_sections(catalog_dir),
            "hs_codes": catalog_loaders.load_hs_codes(catalog_dir),
            "glossary_terms": catalog_loaders.load_glossary(catalog_dir),
            "hs_names": catalog_loaders.load_chapter_and_section_names(catalog_dir),
            "sectors": catalog_loaders.load_sectors(catalog_dir),
        }
        DataLoad.objects.update_or_create(
            name=DATASET, defaults={"checksum": digest, "summary": summary}
        )
    return summary
