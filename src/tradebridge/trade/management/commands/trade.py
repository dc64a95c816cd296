"""``tradebridge trade SUBCOMMAND``: the trade store from the command line.

    tradebridge trade import-baci --countries country_codes_V202501.csv BACI_HS22_Y2022_V202501.csv ...
    tradebridge trade import-comtrade comtrade-export.csv ...
    tradebridge trade import-reported figures.csv [--rate VND=24000] [--rate LAK:2022=17500]
    tradebridge trade import-sections [oec.csv]
    tradebridge trade indicator NAME [--year Y] [--reporter ISO3] [--partner ISO3] [--level 2|4|6]
                                     [--format json|csv]
    tradebridge trade potential EXPORTER PARTNER [--year Y] [--level 6] [--limit 50] [--format json|csv]
    tradebridge trade status

Imports are all or nothing: on any bad row the command lists the errors (file, line, field,
reason), exits with status 1 and the store is unchanged.  Progress goes to standard error.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tradebridge.geo.codes import EXTRA_CODES, known_codes
from tradebridge.trade import importers
from tradebridge.trade.indicators import INDICATORS, IndicatorError, compute
from tradebridge.trade.potential import export_potential
from tradebridge.trade.sections import OEC_FILE, load_oec_sections
from tradebridge.trade.store import TradeImportError, TradeStore


def _known_codes(*, provinces: bool = False, extra: bool = True) -> set[str]:
    """ISO3 codes of the database's countries (and province codes); the reference files when the
    database has none loaded yet.  ``extra``: also the non-ISO codes Comtrade uses."""
    try:
        from tradebridge.geo.models import Country, Province

        codes = set(Country.objects.values_list("alpha3", flat=True))
        if codes and provinces:
            codes |= set(Province.objects.values_list("code", flat=True))
    except Exception:  # noqa: BLE001 - no database yet: fall back on the shipped files
        codes = set()
    if not codes:
        return known_codes(provinces=provinces, extra=extra)
    return (codes | EXTRA_CODES) if extra else codes


class Command(BaseCommand):
    help = "Trade store: import BACI, Comtrade and reported figures; print indicators and export potential."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="SUBCOMMAND")

        baci = sub.add_parser(
            "import-baci", help="import CEPII BACI files (t,i,j,k,v,q), replacing their years"
        )
        baci.add_argument("files", nargs="+", type=Path, metavar="BACI.csv")
        baci.add_argument("--countries", required=True, type=Path, metavar="COUNTRY_CODES.csv")
        baci.add_argument("--source", help="source label (default: CEPII BACI and the file names)")
        baci.add_argument("--synthetic", action="store_true", help="mark the data as generated, not real")

        comtrade = sub.add_parser(
            "import-comtrade", help="import UN Comtrade CSV exports, replacing their years"
        )
        comtrade.add_argument("files", nargs="+", type=Path, metavar="COMTRADE.csv")
        comtrade.add_argument("--source")

        reported = sub.add_parser("import-reported", help="import figures reported by agencies")
        reported.add_argument("file", type=Path, metavar="FIGURES.csv")
        reported.add_argument("--rate", action="append", default=[], metavar="CUR[:YEAR]=UNITS_PER_USD")
        reported.add_argument("--source")

        sections = sub.add_parser("import-sections", help="load the OEC exports by HS section")
        sections.add_argument("file", nargs="?", type=Path, default=OEC_FILE)

        indicator = sub.add_parser("indicator", help="print an indicator")
        indicator.add_argument("name", choices=INDICATORS)
        indicator.add_argument("--year", type=int)
        indicator.add_argument("--reporter")
        indicator.add_argument("--partner")
        indicator.add_argument("--level", type=int, choices=(2, 4, 6), default=6)
        indicator.add_argument("--format", choices=("json", "csv"), default="json")

        potential = sub.add_parser("potential", help="export potential of EXPORTER in PARTNER's market")
        potential.add_argument("exporter")
        potential.add_argument("partner")
        potential.add_argument("--year", type=int)
        potential.add_argument("--level", type=int, choices=(2, 4, 6), default=6)
        potential.add_argument("--limit", type=int, default=50)
        potential.add_argument("--format", choices=("json", "csv"), default="json")

        sub.add_parser("status", help="years in the store and the import log")

    def handle(self, *args, **options):
        store = TradeStore()
        action = options["action"]
        try:
            if action == "import-baci":
                self._done(
                    importers.import_baci(
                        store,
                        options["files"],
                        options["countries"],
                        # Codes outside the reference list are warned about, not refused.
                        known=_known_codes(extra=False),
                        progress=self._progress(),
                        synthetic=options["synthetic"],
                        source=options["source"],
                    )
                )
            elif action == "import-comtrade":
                self._done(
                    importers.import_comtrade(
                        store,
                        options["files"],
                        known=_known_codes(),
                        progress=self._progress(),
                        source=options["source"],
                    )
                )
            elif action == "import-reported":
                try:
                    rates = importers.parse_rates(options["rate"])
                except ValueError as exc:
                    raise CommandError(str(exc)) from None
                self._done(
                    importers.import_reported(
                        store,
                        options["file"],
                        known=_known_codes(provinces=True),
                        rates=rates,
                        source=options["source"],
                        progress=self._progress(),
                    )
                )
            elif action == "import-sections":
                self._done(load_oec_sections(store, options["file"]))
            elif action == "indicator":
                records = compute(
                    store,
                    options["name"],
                    year=options["year"],
                    reporter=options["reporter"],
                    partner=options["partner"],
                    level=options["level"],
                )
                self._print(records, options["format"])
            elif action == "potential":
                year = options["year"] or (store.years() or [None])[-1]
                if year is None:
                    raise CommandError("the trade store has no flows yet: import BACI or Comtrade data first")
                records = export_potential(
                    store,
                    options["exporter"],
                    options["partner"],
                    year,
                    level=options["level"],
                    limit=options["limit"],
                )
                if options["format"] == "csv":
                    records = [{**r, "reasons": " | ".join(r["reasons"])} for r in records]
                self._print(records, options["format"])
            elif action == "status":
                self._status(store)
        except TradeImportError as exc:
            raise CommandError(str(exc)) from None
        except IndicatorError as exc:
            raise CommandError(str(exc)) from None

    def _progress(self):
        started = time.monotonic()
        last = [0.0]

        def report(done: int, total: int | None) -> None:
            now = time.monotonic()
            if now - last[0] < 0.5 and (total is None or done < total):
                return
            last[0] = now
            of = f" of {total:,}" if total else ""
            sys.stderr.write(f"\r  {done:,}{of} rows read ({now - started:.1f} s)")
            sys.stderr.flush()

        return report

    def _done(self, summary) -> None:
        sys.stderr.write("\n")
        for note in summary.notes:
            sys.stderr.write(f"warning: {note}\n")
        years = ", ".join(str(y) for y in summary.years)
        skipped = f", {summary.skipped:,} rows skipped (aggregates or other flows)" if summary.skipped else ""
        self.stdout.write(
            f"imported {summary.rows:,} rows ({summary.kind}; years {years}){skipped}; "
            f"source: {summary.source}"
        )

    def _print(self, records: list[dict], fmt: str) -> None:
        if fmt == "json":
            self.stdout.write(json.dumps(records, ensure_ascii=False))
            return
        if not records:
            return
        keys = list(records[0])
        writer = csv.DictWriter(self.stdout, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: ("" if v is None else v) for k, v in record.items()})

    def _status(self, store: TradeStore) -> None:
        manifest = store.manifest()
        self.stdout.write(f"trade store: {store.root}")
        for year in store.years():
            info = manifest.get(year, {})
            label = " (generated data)" if info.get("synthetic") else ""
            self.stdout.write(f"  {year}: {info.get('source', '?')}{label}")
        for entry in store.import_log():
            self.stdout.write(
                f"  import {entry['imported_at']:%Y-%m-%d %H:%M} {entry['kind']}: "
                f"{entry['rows']:,} rows, {entry['source']}"
            )
            for note in entry["notes"]:
                self.stdout.write(f"    warning: {note}")
