"""Every environment variable the code reads is listed in the README's settings table."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ_PATTERNS = [
    re.compile(r"env_(?:str|bool|int|list|path)\(\s*\"([A-Z0-9_]+)\""),
    re.compile(r"os\.environ(?:\.get)?\(\s*\"([A-Z0-9_]+)\""),
    re.compile(r"os\.environ\[\s*\"([A-Z0-9_]+)\"\s*\]"),
    re.compile(r"os\.getenv\(\s*\"([A-Z0-9_]+)\""),
    re.compile(r"\"([A-Z0-9_]+)\" (?:not )?in os\.environ"),
]
# Variables that belong to tools, not to TradeBridge's settings.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE", "CI"}


def variables_read() -> set[str]:
    names: set[str] = set()
    for folder in ("src", "tests", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "test_config.py":
                continue  # exercises the helpers with made-up names
            text = path.read_text(encoding="utf-8")
            for pattern in READ_PATTERNS:
                names.update(pattern.findall(text))
    return names - NOT_SETTINGS


def documented() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z0-9_]+)` \|", section, flags=re.MULTILINE))


def test_the_scan_finds_the_settings_module():
    assert {"DATABASE_URL", "TRADEBRIDGE_SECRET_KEY", "TRADEBRIDGE_DEBUG"} <= variables_read()


def test_every_variable_read_is_documented():
    missing = variables_read() - documented()
    assert not missing, f"add to README's Settings table: {sorted(missing)}"


def test_no_documented_variable_is_stale():
    stale = documented() - variables_read()
    assert not stale, f"README documents variables nothing reads: {sorted(stale)}"
