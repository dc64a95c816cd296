"""The README's two commands install every Debian package the project and its tests use
(scripts/debian-packages.txt through scripts/debian-packages.sh), and stop with the command to
run when they may not install."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIST = ROOT / "scripts" / "debian-packages.txt"
SCRIPT = ROOT / "scripts" / "debian-packages.sh"


def listed() -> list[tuple[str, str, str]]:
    rows = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            need, package, check = line.split()
            rows.append((need, package, check))
    return rows


def commands_the_code_uses() -> set[str]:
    """Executables named in the sources and tests: shutil.which("x") and the browser path."""
    names = {"xgettext", "msgfmt"}  # makemessages / compilemessages, run by the catalogue tests
    for folder in ("src", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == Path(__file__):
                continue
            text = path.read_text(encoding="utf-8")
            names.update(re.findall(r"shutil\.which\(\s*[\"']([\w.+-]+)[\"']", text))
            names.update(Path(p).name for p in re.findall(r"[\"'](/usr/bin/[\w.+-]+)[\"']", text))
    return names


def test_every_command_the_suite_uses_is_installed_by_the_makefile_path():
    covered = {check.removeprefix("cmd:") for _need, _package, check in listed()
               if check.startswith("cmd:")}
    missing = commands_the_code_uses() - covered
    assert "chromium" in covered
    assert not missing, f"add to scripts/debian-packages.txt: {sorted(missing)}"


def test_pdf_fonts_cover_lao_and_chinese_and_are_needed_to_run():
    run_packages = {package for need, package, _check in listed() if need == "run"}
    assert {"fonts-noto-core", "fonts-noto-cjk"} <= run_packages


def test_makefile_targets_call_the_script_before_anything_else():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test: debian-test ", makefile, re.M)
    assert re.search(r"^run: debian-run ", makefile, re.M)
    assert "sh scripts/debian-packages.sh test" in makefile
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get" not in ci and "make test" in ci and "make lint" in ci


def _run_script(list_text: str, *, as_user: bool) -> subprocess.CompletedProcess:
    # Not pytest's tmp_path: its parents are closed to the unprivileged user.
    folder = Path(tempfile.mkdtemp(prefix="tb-debian-"))
    folder.chmod(0o755)
    scripts = folder / "scripts"
    scripts.mkdir()
    shutil.copy(SCRIPT, scripts / "debian-packages.sh")
    (scripts / "debian-packages.txt").write_text(list_text, encoding="utf-8")
    command = ["sh", str(scripts / "debian-packages.sh"), "test"]
    if as_user and os.geteuid() == 0:
        # An ordinary user without sudo: setpriv drops root for this one run.
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    env = {"PATH": "/usr/bin:/bin"}
    try:
        return subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    finally:
        shutil.rmtree(folder)


def test_nothing_to_do_when_everything_is_present():
    result = _run_script("test sh cmd:sh\nrun base-files file:/etc/debian_version\n", as_user=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_user_who_may_not_install_gets_the_one_command_and_a_failure():
    result = _run_script("test no-such-package-tb cmd:no-such-command-tb\n", as_user=True)
    assert result.returncode == 1
    assert "no-such-package-tb" in result.stderr
    assert "apt-get install -y --no-install-recommends no-such-package-tb" in result.stderr


def test_an_unknown_check_kind_is_refused():
    result = _run_script("test chromium path:/usr/bin/chromium\n", as_user=False)
    assert result.returncode == 2
    assert "unknown check 'path:/usr/bin/chromium'" in result.stderr
