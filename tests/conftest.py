"""Shared fixtures: the reference and demo data are loaded once per test database, and the
personas of the foundation issue are available to every test."""

from __future__ import annotations

import pytest

from tradebridge.bootstrap.demo import do_load_demo
from tradebridge.bootstrap.reference import do_load_reference


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        do_load_reference(force=True)
        do_load_demo()


pytest_plugins = ["tests.personas"]
