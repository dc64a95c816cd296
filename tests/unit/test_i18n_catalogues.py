"""The four catalogues are complete: every string in the code is translated in vi, lo,
zh_Hans and en, none is fuzzy, and the compiled .mo files match the .po files."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "tradebridge"
LOCALES = ["vi", "lo", "zh_Hans", "en"]


def po_path(locale: str) -> Path:
    return PACKAGE / "locale" / locale / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_is_complete(locale):
    catalogue = polib.pofile(str(po_path(locale)))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, f"{locale}: untranslated {untranslated[:10]}"
    assert not fuzzy, f"{locale}: fuzzy {fuzzy[:10]}"
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), f"{locale}: plural forms of {entry.msgid}"
    assert len(catalogue) > 100


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogue_matches(locale):
    po = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "")
          for e in polib.pofile(str(po_path(locale))).translated_entries()}
    mo_file = po_path(locale).with_suffix(".mo")
    mo = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "")
          for e in polib.mofile(str(mo_file)) if e.msgid}
    assert po == mo, f"run `make messages`: {mo_file} is out of date"


def test_lao_catalogue_is_lao():
    catalogue = polib.pofile(str(po_path("lo")))
    lao = [e for e in catalogue.translated_entries()
           if any("\u0e80" <= ch <= "\u0eff" for ch in e.msgstr)]
    assert len(lao) >= 0.9 * len(catalogue.translated_entries())


def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    """Extract the strings again (as `make messages` does) and compare the msgids."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is needed: apt-get install gettext")
    copy = tmp_path / "tradebridge"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "data"))
    subprocess.run(
        ["django-admin", "makemessages", "--no-obsolete", "--no-location", "-l", "en"],
        cwd=copy, check=True, capture_output=True,
        env={"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"},
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/en/LC_MESSAGES/django.po"))}
    for locale in LOCALES:
        known = {e.msgid for e in polib.pofile(str(po_path(locale))) if not e.obsolete}
        missing = fresh - known
        assert not missing, f"{locale} lacks {sorted(missing)[:10]}: run `make messages`"
