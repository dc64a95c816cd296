"""The gap report (tradebridge.chain-gaps/1): hand-computed flows, untapped values and RCA on a
tiny store, density and RCA against the Growth Lab's ``ecomplexity``, the "could develop"
products, --top, the density cache, registry members and the bilateral flows by stage."""

from __future__ import annotations

import contextlib
import io
import warnings

import numpy as np
import pandas as pd
import pytest
from django.db import OperationalError
from ecomplexity import ecomplexity

from tests.factories.chain_flows import CHAIN, WORLD, flow_table, milk_store
from tradebridge.chains import gap_matrix, gaps
from tradebridge.chains.definition import parse_definition
from tradebridge.trade.store import TradeStore


@pytest.fixture(autouse=True)
def fresh_cache():
    gaps.clear_cache()
    yield
    gaps.clear_cache()


@pytest.fixture
def tiny(tmp_path) -> TradeStore:
    return milk_store(tmp_path)


def report(store, **kwargs):
    options = {"year": 2022, "exporter": "LAO", "importer": "VNM", "with_members": False, "store": store}
    return gaps.gap_report(CHAIN, **{**options, **kwargs})


def stage(result, key):
    return next(s for s in result["stages"] if s["id"] == key)


def test_report_shape_and_hand_computed_figures(tiny):
    result = report(tiny)
    assert {k: result[k] for k in ("format", "chain", "year", "exporter", "importer")} == {
        "format": "tradebridge.chain-gaps/1", "chain": "milk-test", "year": 2022,
        "exporter": "LAO", "importer": "VNM",
    }
    assert [s["id"] for s in result["stages"]] == ["milk", "processed", "packaging"]
    milk = stage(result, "milk")
    assert milk["flows"] == {"exporter_to_importer": 100.0, "importer_to_exporter": 0.0,
                             "importer_imports_world": 550.0}
    assert stage(result, "processed")["flows"] == {"exporter_to_importer": 0.0, "importer_to_exporter": 80.0,
                                                   "importer_imports_world": 30.0}
    first, second = milk["products"][:2]
    # 040120: VNM buys 500 from the world, 100 of it from LAO; LAO sells 300 in all.
    assert first["product"] == "040120"
    assert first["importer_imports_world"] == 500.0
    assert first["importer_imports_from_exporter"] == 100.0
    assert first["exporter_exports_world"] == 300.0
    assert first["untapped"] == 200.0  # max(0, min(500, 300) - 100)
    total = sum(v for *_k, v in WORLD)
    assert first["exporter_rca"] == pytest.approx((300 / 600) / (700 / total))
    assert first["members"] == {"exporter": [], "importer": []}
    assert set(first) == {"product", "importer_imports_world", "importer_imports_from_exporter",
                          "exporter_exports_world", "exporter_rca", "exporter_density", "untapped", "members"}
    # 040110: VNM buys 50 (from THA), LAO sells 300 elsewhere: all 50 untapped.
    assert (second["product"], second["untapped"], second["importer_imports_from_exporter"]) == ("040110", 50.0, 0.0)
    assert second["exporter_rca"] == pytest.approx((300 / 600) / (350 / total))
    assert stage(result, "packaging")["products"] == []


def test_untapped_order_and_top(tiny):
    result = report(tiny, top=1)
    assert [p["product"] for p in stage(result, "milk")["products"]] == ["040120"]
    assert all(len(s["products"]) <= 1 for s in result["stages"])


def _ecomplexity(rows, year=2022):
    frame = pd.DataFrame(rows, columns=["loc", "importer", "prod", "val"])
    frame = frame.groupby(["loc", "prod"], as_index=False)["val"].sum()
    frame["year"] = year
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        out = ecomplexity(frame, {"time": "year", "loc": "loc", "prod": "prod", "val": "val"})
    return out.set_index(["loc", "prod"]).sort_index()


def test_could_develop_products_follow_the_others(tiny):
    theirs = _ecomplexity(WORLD)
    lao = theirs.loc["LAO"]["density"]
    threshold = np.quantile(lao.to_numpy(), 0.75)
    imported = {p for _e, i, p, v in WORLD if i == "VNM" and v > 0}
    exported = {p for e, _i, p, v in WORLD if e == "LAO" and v > 0}
    expected = {p for p in imported - exported if p in CHAIN.subheadings and lao[p] >= threshold}
    assert expected == {"040221"}  # the data is made so that there is one
    result = report(tiny)
    found = {p["product"]: p for s in result["stages"] for p in s["products"] if p["untapped"] == 0}
    assert set(found) == expected
    entry = found["040221"]
    assert entry["exporter_exports_world"] == 0.0 and entry["exporter_rca"] == 0.0
    assert entry["exporter_density"] == pytest.approx(lao["040221"], rel=1e-6)
    assert entry["importer_imports_world"] == 30.0


def random_world(seed=5, countries=("VNM", "LAO", "CHN", "THA", "KHM", "MMR", "IDN", "MYS", "PHL", "SGP", "KOR",
                                    "JPN")):
    rng = np.random.default_rng(seed)
    products = [p for p in sorted(CHAIN_WIDE.subheadings)]
    rows = []
    for e, exporter in enumerate(countries):
        for product in products:
            if rng.random() < 0.45:
                for importer in rng.choice([c for c in countries if c != exporter], 2, replace=False):
                    rows.append((exporter, str(importer), product, float(np.round(rng.lognormal(3, 2), 3) + e)))
    return rows


CHAIN_WIDE = parse_definition({
    "format": "tradebridge.chain/1", "id": "wide", "name": {"en": "Wide"},
    "stages": [{"id": "dairy", "name": {"en": "Dairy"}, "hs": ["04"]},
               {"id": "paper", "name": {"en": "Paper"}, "hs": ["4819", "4821"]}],
})


def test_density_and_rca_agree_with_ecomplexity(tmp_path):
    rows = random_world()
    store = TradeStore(tmp_path / "store")
    store.write_flows(flow_table(rows), source="generated", kind="test", synthetic=True)
    theirs = _ecomplexity(rows)
    matrix = gaps.year_matrix(store, 2022)
    for (country, product), line in theirs.iterrows():
        i, j = matrix.country_index[country], matrix.product_index[product]
        assert matrix.density[i, j] == pytest.approx(line["density"], rel=1e-6, abs=1e-12)
    result = gaps.gap_report(CHAIN_WIDE, year=2022, exporter="LAO", importer="VNM", with_members=False, store=store)
    listed = [p for s in result["stages"] for p in s["products"]]
    assert listed
    for entry in listed:
        line = theirs.loc[("LAO", entry["product"])]
        assert entry["exporter_density"] == pytest.approx(line["density"], rel=1e-6)
        assert entry["exporter_rca"] == pytest.approx(line["rca"], rel=1e-6, abs=1e-12)
        # untapped from the raw rows, independently
        world = sum(v for _e, i, p, v in rows if i == "VNM" and p == entry["product"])
        direct = sum(v for e, i, p, v in rows if e == "LAO" and i == "VNM" and p == entry["product"])
        exports = sum(v for e, _i, p, v in rows if e == "LAO" and p == entry["product"])
        assert entry["untapped"] == pytest.approx(max(0.0, min(world, exports) - direct), abs=0.01)
    untapped = [p["untapped"] for p in listed if p["untapped"] > 0]
    for s in result["stages"]:
        values = [(-p["untapped"], p["product"]) for p in s["products"] if p["untapped"] > 0]
        assert values == sorted(values)
    assert untapped


def test_density_is_cached_in_the_store_and_refreshed_after_a_reimport(tiny):
    first = report(tiny)
    cache_file = tiny.root / "derived" / "chains-density-2022.bin"
    assert cache_file.exists()
    gaps.clear_cache()
    assert report(tiny) == first  # read back from the file
    changed = [(e, i, p, v * 2 if p == "040120" else v) for e, i, p, v in WORLD]
    tiny.write_flows(flow_table(changed), source="hand", kind="test", synthetic=True)
    again = report(tiny)
    assert stage(again, "milk")["products"][0]["untapped"] == 400.0  # min(1000, 600) - 200


def test_a_baci_import_computes_the_density_for_the_reports(tmp_path, monkeypatch):
    from tradebridge.trade.importers import import_baci

    countries = tmp_path / "countries.csv"
    countries.write_text("country_code,country_name,country_iso2,country_iso3\n"
                         "418,Laos,LA,LAO\n704,Viet Nam,VN,VNM\n156,China,CN,CHN\n764,Thailand,TH,THA\n",
                         encoding="utf-8")
    numbers = {"LAO": 418, "VNM": 704, "CHN": 156, "THA": 764}
    flows = tmp_path / "baci.csv"
    flows.write_text("t,i,j,k,v,q\n" + "".join(f"2022,{numbers[e]},{numbers[i]},{p},{v / 1000},\n"
                                                for e, i, p, v in WORLD), encoding="utf-8")
    store = TradeStore(tmp_path / "store")
    import_baci(store, [flows], countries, synthetic=True)  # the chains app's hook runs after it
    assert (store.root / "derived" / "chains-density-2022.bin").exists()
    gaps.clear_cache()  # a new process: the report reads the file and computes nothing

    def not_again(*args):
        raise AssertionError("the density was computed again")

    monkeypatch.setattr(gap_matrix, "_compute", not_again)
    expected = gaps.gap_report(CHAIN, year=2022, exporter="LAO", importer="VNM", store=store, with_members=False)
    assert stage(expected, "milk")["products"][0]["untapped"] == pytest.approx(200.0)


def test_bad_requests_are_refused(tiny):
    with pytest.raises(gaps.GapError, match="2021"):
        report(tiny, year=2021)
    with pytest.raises(gaps.GapError, match="same country"):
        report(tiny, exporter="VNM", importer="vnm")
    with pytest.raises(gaps.GapError, match="exporter"):
        report(tiny, exporter="LA")
    assert not (tiny.root / "derived").exists()


def test_bilateral_by_stage_and_available_years(tmp_path):
    store = TradeStore(tmp_path / "store")
    store.write_flows(flow_table(WORLD, 2021) .select(["year", "exporter", "importer", "product", "value", "quantity"]),
                      source="hand", kind="test", synthetic=True)
    store.write_flows(flow_table([("LAO", "VNM", "040150", 7.0), ("VNM", "LAO", "481910", 9.0)], 2022),
                      source="hand", kind="test", synthetic=True)
    assert gaps.available_years(store) == [2021, 2022]
    rows = gaps.bilateral_by_stage(CHAIN, a="VNM", b="LAO", years=[2020, 2021, 2022], store=store)
    assert rows == [
        {"stage": "milk", "year": 2021, "a_to_b": 0.0, "b_to_a": 100.0},
        {"stage": "processed", "year": 2021, "a_to_b": 80.0, "b_to_a": 0.0},
        {"stage": "packaging", "year": 2021, "a_to_b": 0.0, "b_to_a": 0.0},
        {"stage": "milk", "year": 2022, "a_to_b": 0.0, "b_to_a": 7.0},
        {"stage": "processed", "year": 2022, "a_to_b": 0.0, "b_to_a": 0.0},
        {"stage": "packaging", "year": 2022, "a_to_b": 9.0, "b_to_a": 0.0},
    ]
    assert gaps.bilateral_by_stage(CHAIN, a="VNM", b="LAO", years=[2019], store=store) == []


def test_no_database_gives_empty_member_lists(tiny, monkeypatch):
    from tradebridge.chains import gap_members

    def unavailable(*args, **kwargs):
        raise OperationalError("no such table: registry_tradeitem")

    monkeypatch.setattr(gap_members, "_signature", unavailable)
    result = report(tiny, with_members=True)
    assert stage(result, "milk")["products"][0]["members"] == {"exporter": [], "importer": []}


@pytest.mark.django_db
def test_members_best_match_first(tmp_path):
    from django.utils import timezone

    from tradebridge.catalog.models import HSCode
    from tradebridge.geo.models import Country
    from tradebridge.registry.models import Organization, TradeItem

    store = TradeStore(tmp_path / "store")
    store.write_flows(flow_table([("THA", "CHN", "040120", 500.0), ("CHN", "KHM", "040120", 300.0),
                                  ("CHN", "KHM", "040110", 20.0)]), source="hand", kind="test", synthetic=True)
    tha, khm, vnm = (Country.objects.get(alpha3=c) for c in ("THA", "KHM", "VNM"))

    def organisation(slug, country, direction, code, archived=False):
        org = Organization.objects.create(slug=slug, kind="enterprise", name=slug, country=country,
                                          archived_at=timezone.now() if archived else None)
        TradeItem.objects.create(organization=org, direction=direction, text=code, hs=HSCode.objects.get(code=code))
        return org

    organisation("th-z-exact", tha, "offer", "040120")
    organisation("th-a-heading", tha, "offer", "0401")
    organisation("th-chapter", tha, "offer", "04")
    organisation("th-other-product", tha, "offer", "040110")
    organisation("th-buyer", tha, "need", "040120")  # a need of the exporter's side: not listed
    organisation("th-archived", tha, "offer", "040120", archived=True)
    organisation("th-elsewhere", tha, "offer", "481910")  # another stage
    organisation("vn-seller", vnm, "offer", "040120")  # another country
    organisation("kh-needs-milk", khm, "need", "040120")
    organisation("kh-offers-milk", khm, "offer", "040120")

    result = gaps.gap_report(CHAIN, year=2022, exporter="THA", importer="KHM", store=store)
    product = stage(result, "milk")["products"][0]
    assert product["product"] == "040120" and product["untapped"] == 300.0
    assert product["members"] == {
        "exporter": ["th-z-exact", "th-a-heading", "th-chapter", "th-other-product"],
        "importer": ["kh-needs-milk"],
    }
    # The registry changes: the next report sees it.
    gone = Organization.objects.get(slug="th-a-heading")
    gone.archived_at = timezone.now()
    gone.save(update_fields=["archived_at", "updated_at"])
    again = gaps.gap_report(CHAIN, year=2022, exporter="THA", importer="KHM", store=store)
    assert stage(again, "milk")["products"][0]["members"]["exporter"] == [
        "th-z-exact", "th-chapter", "th-other-product"]
    plain = gaps.gap_report(CHAIN, year=2022, exporter="THA", importer="KHM", store=store, with_members=False)
    assert stage(plain, "milk")["products"][0]["members"] == {"exporter": [], "importer": []}
