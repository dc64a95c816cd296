"""The per-process recommendation engine: rebuilt in the request while that is quick, and in
a background thread (serving the previous engine meanwhile) once a build is slow."""

from __future__ import annotations

import pytest

from tradebridge.registry import recommendations
from tradebridge.registry.matching import ProductItem, Profile

pytestmark = pytest.mark.django_db


def _profiles(*extra: Profile) -> list[Profile]:
    return [
        Profile(id="1", country="LAO", offers=[ProductItem(text="ginger", hs="091011")]),
        Profile(id="2", country="VNM", needs=[ProductItem(text="gừng", hs="091011")]),
        *extra,
    ]


@pytest.fixture
def registry(monkeypatch):
    """A registry in memory: its version and profiles are whatever the test sets."""
    state = {"version": (1,), "profiles": _profiles()}
    monkeypatch.setattr(recommendations, "registry_version", lambda: state["version"])
    monkeypatch.setattr(recommendations, "load_profiles", lambda: list(state["profiles"]))
    monkeypatch.setattr(recommendations, "_cache", {"version": None, "engine": None,
                                                    "build_seconds": 0.0, "rebuilding": None})
    yield state
    recommendations.wait_for_rebuild(timeout=30)


def _partners(engine, org_id: str) -> list[str]:
    return [r.id for r in engine.recommend_for(org_id, top=5)]


def test_quick_builds_happen_in_the_request(registry):
    first = recommendations.engine()
    assert _partners(first, "1") == ["2"]
    assert recommendations.engine() is first  # unchanged registry: the same engine
    registry["version"] = (2,)
    registry["profiles"] = _profiles(Profile(id="3", country="CHN", needs=[ProductItem(text="生姜", hs="091011")]))
    second = recommendations.engine()
    assert second is not first
    assert set(_partners(second, "1")) == {"2", "3"}
    assert not recommendations.is_rebuilding()


def test_slow_builds_happen_in_the_background_while_the_old_engine_serves(registry, monkeypatch):
    monkeypatch.setattr(recommendations, "INLINE_REBUILD_SECONDS", -1.0)  # every build counts as slow
    first = recommendations.engine()  # the first build has nothing to fall back on: inline
    registry["version"] = (2,)
    registry["profiles"] = _profiles(Profile(id="3", country="CHN", needs=[ProductItem(text="生姜", hs="091011")]))
    served = recommendations.engine()
    assert served is first  # the change did not make this request wait
    recommendations.wait_for_rebuild(timeout=30)
    assert not recommendations.is_rebuilding()
    rebuilt = recommendations.engine()
    assert rebuilt is not first
    assert set(_partners(rebuilt, "1")) == {"2", "3"}


def test_one_background_rebuild_at_a_time(registry, monkeypatch):
    monkeypatch.setattr(recommendations, "INLINE_REBUILD_SECONDS", -1.0)
    recommendations.engine()
    started = []
    real_thread = recommendations.threading.Thread

    def counting_thread(*args, **kwargs):
        started.append(kwargs.get("name"))
        return real_thread(*args, **kwargs)

    monkeypatch.setattr(recommendations.threading, "Thread", counting_thread)
    release = recommendations.threading.Event()
    monkeypatch.setattr(recommendations, "load_profiles",
                        lambda: (release.wait(30), list(registry["profiles"]))[1])
    registry["version"] = (2,)
    for _ in range(5):
        recommendations.engine()
    assert started == ["tradebridge-recommendations"]
    assert recommendations.is_rebuilding()
    release.set()
