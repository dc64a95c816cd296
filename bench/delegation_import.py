"""Benchmark: a 19,999-row delegation list (just under the 20,000-row limit), preview then commit.

Run: .venv/bin/python bench/delegation_import.py [--rows 19999] [--format xlsx|csv] [--seed 5]

Builds a fresh SQLite database in a temporary folder (migrate + load_reference), 200 registered
organisations for the rows to be matched against, and a list of new Vietnamese, Lao and Chinese
enterprises with 1–3 offers and needs each (names, provinces, phones, e-mails, web sites); then
prints the seconds of ``do_preview_import`` (parse, check, match against the registry) and of
``do_commit_import`` (create the organisations, their offers and needs and their history: the
same code as the task worker's commit, `import_runs.run_commit`), with the counts created; the
product glossary's one-off build is timed apart.  Also prints the time to refuse a zip bomb (a
small .xlsx that unpacks to about 1 GB) and a workbook with one 400 MB cell.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

COUNTRIES = [("VNM", "Việt Nam", "Lào Cai"), ("LAO", "Lào", "Luang Namtha"), ("CHN", "Trung Quốc", "Yunnan")]
PRODUCTS = ["cà phê", "gạo", "cao su", "sắn lát", "chuối", "phân bón", "xi măng", "gỗ xẻ", "chè", "hạt điều",
            "thanh long", "vải thiều", "tinh bột sắn", "quặng sắt", "than đá"]
WORDS = ["Hoàng", "Minh", "Phát", "Thành", "Long", "An", "Việt", "Đại", "Phú", "Hưng", "Tân", "Bình", "Sơn",
         "Hải", "Nam", "Bắc", "Kim", "Ngọc", "Trường", "Thịnh"]


def build_rows(rows: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    out = [["Tên doanh nghiệp", "Quốc gia", "Tỉnh", "Điện thoại", "Email", "Website", "Địa chỉ",
            "Sản phẩm", "Nhu cầu"]]
    for n in range(rows):
        alpha3, country, province = COUNTRIES[n % len(COUNTRIES)]
        name = f"Công ty TNHH {' '.join(rng.sample(WORDS, 3))} {n:05d}"
        slug = f"dn{n:05d}"
        offers = "; ".join(_item(rng, p) for p in rng.sample(PRODUCTS, rng.randint(1, 3)))
        needs = "; ".join(_item(rng, p) for p in rng.sample(PRODUCTS, rng.randint(1, 3)))
        out.append([name, country, province, f"+84 20{rng.randint(1000000, 9999999)}", f"info@{slug}.vn",
                    f"https://{slug}.vn", f"Số {n % 300 + 1}, đường {rng.choice(WORDS)}, {province}",
                    offers, needs])
    return out


def _item(rng: random.Random, product: str) -> str:
    """A product as lists write it: bare, or with a quantity (some 300 different texts in all)."""
    quantity = rng.choice([0, 5, 10, 20, 30, 50, 80, 100, 150, 200, 300, 500, 800, 1000, 2000, 5000])
    return product if not quantity else rng.choice([f"{product} {quantity} tấn/năm",
                                                    f"{product} loại 1, {quantity} tấn"])


def as_xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_csv(rows: list[list[str]]) -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def rebuilt(workbook: bytes, part: str, chunks) -> bytes:
    """``workbook`` with ``part`` replaced by the bytes ``chunks`` yields (streamed into the zip)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != part:
                archive.writestr(info.filename, source.read(info.filename))
        with archive.open(part, "w", force_zip64=True) as out:
            for chunk in chunks:
                out.write(chunk)
    return buffer.getvalue()


_SHEET = "xl/worksheets/sheet1.xml"
_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
         b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_TAIL = b"</sheetData></worksheet>"


def zip_bomb(unpacked_mb: int) -> bytes:
    """A real workbook whose sheet is a header then ``unpacked_mb`` MB of empty formatted rows."""
    block = b'<row><c s="0"/></row>' * 50_000

    def chunks():
        yield _HEAD + b'<row><c t="inlineStr"><is><t>name</t></is></c><c t="inlineStr"><is><t>country</t>' \
                      b"</is></c></row>"
        for _ in range(unpacked_mb * 1024 * 1024 // len(block)):
            yield block
        yield _TAIL

    return rebuilt(as_xlsx([["x"]]), _SHEET, chunks())


def huge_cell(megabytes: int) -> bytes:
    """A real workbook whose second row's name is one cell of ``megabytes`` MB."""
    def chunks():
        yield _HEAD + b'<row><c t="inlineStr"><is><t>name</t></is></c><c t="inlineStr"><is><t>country</t>' \
                      b'</is></c></row><row><c t="inlineStr"><is><t>'
        for _ in range(megabytes):
            yield b"A" * (1024 * 1024)
        yield b'</t></is></c><c t="inlineStr"><is><t>VNM</t></is></c></row>' + _TAIL

    return rebuilt(as_xlsx([["x"]]), _SHEET, chunks())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=19_999)
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="tradebridge-bench-delegation-"))
    os.environ["TRADEBRIDGE_DATA_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradebridge.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import translation

    from tradebridge.geo.models import Country
    from tradebridge.registry import imports, services
    from tradebridge.registry.delegation import ImportFileError
    from tradebridge.registry.models import Organization, TradeItem

    translation.activate("en")
    try:
        call_command("migrate", verbosity=0)
        call_command("load_reference", verbosity=0)
        actor = get_user_model().objects.create_user("bench", password="x")  # noqa: S106
        vietnam = Country.objects.get(alpha3="VNM")
        for n in range(200):
            services.do_create_organization(actor=actor, kind="enterprise", name=f"Registered {n}",
                                            country=vietnam)
        rows = build_rows(args.rows, args.seed)
        data = as_xlsx(rows) if args.format == "xlsx" else as_csv(rows)
        name = f"delegation.{args.format}"
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall times grow with it)")
        print(f"file: {args.rows:,} rows, {args.format}, {len(data) / 1024 / 1024:.1f} MB")

        started, cpu = time.perf_counter(), time.process_time()
        batch = imports.do_preview_import(data, name, actor=actor)
        preview, preview_cpu = time.perf_counter() - started, time.process_time() - cpu
        assert not batch.errors, batch.errors[:3]
        print(f"preview: {preview:.1f} s ({preview_cpu:.1f} s of CPU; plan {batch.summary['plan']})")

        # The product glossary the commit reads HS codes from is built once per process (the task
        # worker keeps it): timed apart, so that the commit's figure is the commit's.
        from tradebridge.catalog.search import resolver

        started, cpu = time.perf_counter(), time.process_time()
        resolver()
        print(f"product glossary, built once per process: {time.perf_counter() - started:.1f} s "
              f"({time.process_time() - cpu:.1f} s of CPU)")

        organizations, items = Organization.objects.count(), TradeItem.objects.count()
        started, cpu = time.perf_counter(), time.process_time()
        done = imports.do_commit_import(batch, actor=actor)
        commit, commit_cpu = time.perf_counter() - started, time.process_time() - cpu
        created = Organization.objects.count() - organizations
        history = Organization.history.filter(history_type="+").count()
        item_history = TradeItem.history.filter(history_type="+").count()
        print(f"commit: {commit:.1f} s ({commit_cpu:.1f} s of CPU; {done['create']:,} created, "
              f"{done['review']:,} held for review; {created:,} organisations, "
              f"{TradeItem.objects.count() - items:,} offers and needs, "
              f"{history:,} organisation and {item_history:,} offer/need history entries in all)")

        for label, payload in (("zip bomb (1 GB of empty rows)", zip_bomb(1024)),
                               ("one 400 MB cell", huge_cell(400))):
            started = time.perf_counter()
            try:
                imports.do_preview_import(payload, "bomb.xlsx", actor=actor)
                outcome = "accepted (!)"
            except ImportFileError as exc:
                outcome = f"refused: {exc}"
            took = time.perf_counter() - started
            print(f"{label}, {len(payload) / 1024 / 1024:.1f} MB on disk: {took:.2f} s, {outcome}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
