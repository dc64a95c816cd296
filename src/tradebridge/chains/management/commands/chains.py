"""``tradebridge chains gaps``: the gap report of a chain for two countries (spec/chains.md).

    tradebridge chains gaps CHAIN.json --year Y --exporter ISO3 --importer ISO3 [--top N] [--format json|csv]
    tradebridge chains gaps --chain SLUG --year Y --exporter ISO3 --importer ISO3 [...]

It reads the trade store and, when a database is configured, the registry (the ``members`` lists;
empty without one).  A bad file, an unknown chain, country or year: a message naming it on
standard error, exit status 1, nothing written.
"""

from __future__ import annotations

import csv
import json
from argparse import RawDescriptionHelpFormatter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from tradebridge.chains.definition import ChainDef, DefinitionError, parse_definition
from tradebridge.core.command_files import positive_int
from tradebridge.geo.codes import known_codes
from tradebridge.trade.store import TradeStore

CSV_COLUMNS = (
    "chain", "year", "exporter", "importer", "stage",
    "stage_exporter_to_importer", "stage_importer_to_exporter", "stage_importer_imports_world",
    "product", "importer_imports_world", "importer_imports_from_exporter", "exporter_exports_world",
    "exporter_rca", "exporter_density", "untapped", "members_exporter", "members_importer",
)
CSV_HELP = """\
--format csv writes one row per stage and product, with these columns:
  chain, year, exporter, importer        as in the JSON report
  stage                                  the stage id
  stage_exporter_to_importer,            the stage's flows (USD): exports from the exporter to
  stage_importer_to_exporter,            the importer, the reverse, and the importer's imports
  stage_importer_imports_world           from the world (repeated on each row of the stage)
  product                                HS 2022 subheading
  importer_imports_world, importer_imports_from_exporter, exporter_exports_world,
  exporter_rca, exporter_density, untapped
                                         the product's figures (USD; RCA and density are ratios)
  members_exporter, members_importer     registry slugs separated by spaces, best match first
A stage with no product listed has one row with the product columns empty."""


class Command(BaseCommand):
    help = "Industrial linkage chains: the gap report of a chain for an exporter and an importer."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="SUBCOMMAND")
        gaps = sub.add_parser(
            "gaps",
            help="what the importer buys that the exporter sells or could make, per stage of a chain",
            description="The tradebridge.chain-gaps/1 report (spec/chains.md) of a chain file or of a "
                        "chain kept in the database.",
            epilog=CSV_HELP,
            formatter_class=RawDescriptionHelpFormatter,
        )
        gaps.add_argument("file", nargs="?", type=Path, metavar="CHAIN.json",
                          help="a tradebridge.chain/1 file (or give --chain)")
        gaps.add_argument("--chain", metavar="SLUG", help="a chain kept in the database, by its short name")
        gaps.add_argument("--year", required=True, type=int, help="a year the trade store holds")
        gaps.add_argument("--exporter", required=True, metavar="ISO3")
        gaps.add_argument("--importer", required=True, metavar="ISO3")
        gaps.add_argument("--top", type=positive_int, metavar="N", help="keep N products per stage")
        gaps.add_argument("--format", choices=("json", "csv"), default="json")

    @no_translations  # messages in English, as the other commands'
    def handle(self, *args, **options):
        from tradebridge.chains import gaps

        chain_def = self._chain(options["file"], options["chain"])
        store = TradeStore()
        known = known_codes(extra=True) | set(store.country_names())
        for label in ("exporter", "importer"):
            code = (options[label] or "").strip().upper()
            if code not in known:
                raise CommandError(
                    f"--{label} {options[label]!r} is not a known ISO 3166 alpha-3 country code")
        try:
            report = gaps.gap_report(chain_def, year=options["year"], exporter=options["exporter"],
                                     importer=options["importer"], top=options["top"])
        except gaps.GapError as exc:
            raise CommandError(str(exc)) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=1))
        else:
            self._csv(report)

    def _chain(self, path: Path | None, slug: str | None) -> ChainDef:
        if (path is None) == (slug is None):
            raise CommandError("give either a chain file (CHAIN.json) or --chain SLUG, not both or neither")
        if path is not None:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from None
            try:
                return parse_definition(data)
            except DefinitionError as exc:
                raise CommandError(f"{path}: {exc.message}") from None
        return _chain_from_database(slug)

    def _csv(self, report: dict) -> None:
        writer = csv.DictWriter(self.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        head = {k: report[k] for k in ("chain", "year", "exporter", "importer")}
        for stage in report["stages"]:
            row = {**head, "stage": stage["id"], **{f"stage_{k}": v for k, v in stage["flows"].items()}}
            if not stage["products"]:
                writer.writerow(row)
            for product in stage["products"]:
                figures = {k: ("" if v is None else v) for k, v in product.items() if k != "members"}
                writer.writerow({**row, **figures,
                                 "members_exporter": " ".join(product["members"]["exporter"]),
                                 "members_importer": " ".join(product["members"]["importer"])})


def _chain_from_database(slug: str) -> ChainDef:
    from django.db import DatabaseError

    from tradebridge.chains.definition import definition_of_chain
    from tradebridge.chains.models import Chain

    try:
        chain = Chain.objects.filter(slug=slug).first()
    except DatabaseError as exc:
        raise CommandError(f"--chain needs the database, which cannot be read: {exc}") from None
    if chain is None:
        raise CommandError(f"no chain {slug!r} in the database")
    if chain.archived_at is not None:
        raise CommandError(f"chain {slug!r} is archived")
    try:
        return definition_of_chain(chain)
    except DefinitionError as exc:
        raise CommandError(f"chain {slug!r}: {exc.message}") from None
