"""``tradebridge recommend-file PROFILES.json [--top N] [-o OUT.json] [--glossary PATH]``.

Reads organisation profiles (format ``tradebridge.profiles/1``) and writes each organisation's
best partners (format ``tradebridge.recommendations/1``) to OUT.json or standard output.  No
database is used: the product resolver is built from the glossary CSV file.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tradebridge.catalog.resolve import GlossaryError
from tradebridge.core.command_files import positive_int, write_atomically
from tradebridge.registry.matching import DEFAULT_GLOSSARY, DEFAULT_TOP, RecommendationEngine
from tradebridge.registry.matching.files import (
    ProfileFormatError,
    dump_recommendations,
    load_profiles,
    recommendation_fragment,
)


class _Unterminated:
    """Django's output wrapper adds a line ending to every write; JSON pieces need none."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, ending="")


class Command(BaseCommand):
    help = "Recommend trade partners for every organisation of a profiles JSON file (no database)."
    requires_system_checks: list[str] = []  # a file-to-file tool: no database, no app checks

    def add_arguments(self, parser):
        parser.add_argument("profiles", metavar="PROFILES.json", help="organisation profiles")
        parser.add_argument(
            "--top",
            type=positive_int,
            default=DEFAULT_TOP,
            metavar="N",
            help=f"partners per organisation (at least 1, default {DEFAULT_TOP})",
        )
        parser.add_argument(
            "-o", "--output", metavar="OUT.json", help="write here instead of standard output"
        )
        parser.add_argument(
            "--glossary",
            metavar="PATH",
            default=str(DEFAULT_GLOSSARY),
            help="product glossary CSV (default: the packaged glossary)",
        )

    def handle(self, *args, profiles: str, top: int, output: str | None, glossary: str, **options):
        if top < 1:  # call_command passes values without argparse's type check
            raise CommandError(f"--top must be at least 1, got {top}")
        try:
            loaded = load_profiles(profiles)
        except OSError as exc:
            raise CommandError(f"cannot read {profiles}: {exc.strerror or exc}") from exc
        except ProfileFormatError as exc:
            raise CommandError(f"{profiles}: {exc}") from exc
        # The profiles (millions of small objects for a large file) live until the end: keep the
        # garbage collector from walking them again and again meanwhile.
        gc.freeze()
        try:
            with translation.override("en"):  # the file format's reasons are English
                self._recommend(loaded, top, output, glossary)
        finally:
            gc.unfreeze()

    def _recommend(self, loaded, top: int, output: str | None, glossary: str) -> None:
        try:
            engine = RecommendationEngine.from_csv(glossary)
        except OSError as exc:
            raise CommandError(f"cannot read glossary {glossary}: {exc.strerror or exc}") from exc
        except GlossaryError as exc:
            raise CommandError(f"bad glossary: {exc}") from exc
        engine.build(loaded)
        fragments = engine.iter_recommendations(top, render=recommendation_fragment)
        if output is None:
            try:
                dump_recommendations(fragments, _Unterminated(self.stdout))
            except BrokenPipeError:  # "| head": the reader has what it wanted
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
        write_atomically(Path(output), lambda handle: dump_recommendations(fragments, handle))
