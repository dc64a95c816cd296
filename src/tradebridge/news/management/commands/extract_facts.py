"""``tradebridge extract-facts ARTICLE.txt [--published YYYY-MM-DD] [--lang vi] [-o OUT.json]``.

Reads one article (UTF-8 text) and writes its facts (spec/facts.md, ``tradebridge.facts/1``)
to OUT.json or standard output.  A file that is not text, or is empty, is refused and nothing is
written.  Organisations are linked to the registry when the database is there.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tradebridge.core.command_files import write_atomically
from tradebridge.news.extraction import extract_facts

LANGUAGES = ("vi", "lo", "zh")


def read_article(path: str) -> str:
    """The article's text; CommandError naming the file when it is missing, binary or empty."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if b"\x00" in raw:
        raise CommandError(f"{path}: not a text file (it holds binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: not a UTF-8 text file (byte {exc.start} is not UTF-8)") from exc
    if not text.strip():
        raise CommandError(f"{path}: the file is empty")
    return text


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--published must be a date YYYY-MM-DD, got {value!r}") from exc


class Command(BaseCommand):
    help = "Extract amounts, percentages, counts, dates and places from a news article."
    requires_system_checks: list[str] = []  # a file-to-file tool

    def add_arguments(self, parser):
        parser.add_argument("article", metavar="ARTICLE.txt", help="the article, UTF-8 text")
        parser.add_argument("--published", metavar="YYYY-MM-DD",
                            help="the article's date, for relative dates")
        parser.add_argument("--lang", default="vi", choices=LANGUAGES, help="language (default vi)")
        parser.add_argument("-o", "--output", metavar="OUT.json",
                            help="write here instead of standard output")

    def handle(self, *args, article: str, published: str | None = None, lang: str = "vi",
               output: str | None = None, **options):
        if lang not in LANGUAGES:
            raise CommandError(f"--lang must be one of {', '.join(LANGUAGES)}, got {lang!r}")
        date = parse_date(published) if published else None
        text = read_article(article)
        facts = extract_facts(text, published=date, lang=lang)
        document = json.dumps(facts, ensure_ascii=False, indent=2) + "\n"
        if output:
            write_atomically(Path(output), lambda handle: handle.write(document))
        else:
            self.stdout.write(document, ending="")
