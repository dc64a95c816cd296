import pytest

from tradebridge.config import SettingError, env_bool, env_int, env_list, env_path


def test_env_bool_reads_common_spellings(monkeypatch):
    for raw, expected in [("1", True), ("yes", True), ("ON", True), ("0", False), ("off", False)]:
        monkeypatch.setenv("TB_FLAG", raw)
        assert env_bool("TB_FLAG", not expected) is expected


def test_env_bool_default_when_unset_or_empty(monkeypatch):
    monkeypatch.delenv("TB_FLAG", raising=False)
    assert env_bool("TB_FLAG", True) is True
    monkeypatch.setenv("TB_FLAG", "")
    assert env_bool("TB_FLAG", False) is False


def test_env_bool_refuses_nonsense_naming_the_variable(monkeypatch):
    monkeypatch.setenv("TB_FLAG", "maybe")
    with pytest.raises(SettingError, match="TB_FLAG='maybe'"):
        env_bool("TB_FLAG", False)


def test_env_int(monkeypatch):
    monkeypatch.setenv("TB_N", "42")
    assert env_int("TB_N", 1) == 42
    monkeypatch.setenv("TB_N", "forty")
    with pytest.raises(SettingError, match="TB_N"):
        env_int("TB_N", 1)


def test_env_list_and_path(monkeypatch, tmp_path):
    monkeypatch.setenv("TB_HOSTS", " a.example, b.example ,,")
    assert env_list("TB_HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.delenv("TB_HOSTS")
    assert env_list("TB_HOSTS", ["x"]) == ["x"]
    monkeypatch.setenv("TB_DIR", str(tmp_path))
    assert env_path("TB_DIR", tmp_path / "other") == tmp_path.resolve()
