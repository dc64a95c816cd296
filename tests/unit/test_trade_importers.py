"""Importers: BACI, UN Comtrade and reported figures.  Property tests (hypothesis) for the
parsers, and every kind of bad input: a clear message with file and line, the store unchanged."""

from __future__ import annotations

import csv

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradebridge.trade.importers import (
    import_baci,
    import_comtrade,
    import_reported,
    known_codes,
    parse_comtrade,
    parse_rates,
    parse_reported,
)
from tradebridge.trade.store import TradeImportError, TradeStore

COUNTRIES = {4: "AFG", 418: "LAO", 704: "VNM", 156: "CHN", 764: "THA"}
KNOWN = known_codes(provinces=True)
PROPERTY = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def write_countries(path, countries=COUNTRIES):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["country_code", "country_name", "country_iso2", "country_iso3"])
        for code, iso3 in countries.items():
            writer.writerow([code, iso3.title(), iso3[:2], iso3])
    return path


def write_baci(path, rows, header="t,i,j,k,v,q"):
    path.write_text(
        header + "\n" + "".join(",".join(str(c) for c in row) + "\n" for row in rows), encoding="utf-8"
    )
    return path


def snapshot(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def loaded(tmp_path):
    """A store with one good import, to check that failed imports leave it as it was."""
    store = TradeStore(tmp_path / "store")
    countries = write_countries(tmp_path / "countries.csv")
    good = write_baci(tmp_path / "good.csv", [(2021, 704, 418, "010121", "1.5", "")])
    import_baci(store, [good], countries, known=KNOWN)
    return store, countries, snapshot(store.root)


# --- BACI ------------------------------------------------------------------------------------
baci_rows = st.lists(
    st.tuples(
        st.sampled_from(sorted(COUNTRIES)),
        st.sampled_from(sorted(COUNTRIES)),
        st.integers(min_value=10100, max_value=999999),
        st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False),
        st.one_of(st.just(""), st.just("NA"), st.decimals(min_value=0, max_value=10**6, places=3)),
    ).filter(lambda r: r[0] != r[1]),
    min_size=1,
    max_size=40,
    unique_by=lambda r: (r[0], r[1], r[2]),
)


@PROPERTY
@given(rows=baci_rows)
def test_baci_round_trip(tmp_path_factory, rows):
    tmp = tmp_path_factory.mktemp("baci")
    store = TradeStore(tmp / "store")
    data = [(2022, i, j, f"{k:06d}", f" {v}", q) for i, j, k, v, q in rows]
    progress = []
    summary = import_baci(
        store,
        [write_baci(tmp / "b.csv", data)],
        write_countries(tmp / "c.csv"),
        known=KNOWN,
        progress=lambda done, total: progress.append(done),
    )
    assert summary.rows == len(rows) and summary.years == [2022] and progress[-1] == len(rows)
    stored = (
        store.connect().execute("SELECT exporter, importer, product, value, quantity FROM flows").fetchall()
    )
    expected = {
        (COUNTRIES[i], COUNTRIES[j], f"{k:06d}"): (float(v) * 1000, None if q in ("", "NA") else float(q))
        for i, j, k, v, q in rows
    }
    assert {(e, i, p): (v, q) for e, i, p, v, q in stored} == pytest.approx(expected)
    assert all(len(p) == 6 for _e, _i, p, _v, _q in stored)


@PROPERTY
@given(
    rows=baci_rows,
    where=st.integers(min_value=0, max_value=39),
    kind=st.sampled_from(["lost_zero", "negative", "unknown_country", "not_a_number", "bad_year"]),
)
def test_baci_bad_row_is_reported_with_its_line(tmp_path_factory, rows, where, kind):
    tmp = tmp_path_factory.mktemp("bad")
    data = [[2022, i, j, f"{k:06d}", str(v), q] for i, j, k, v, q in rows]
    n = where % len(data)
    field, expected = {
        "lost_zero": ("k", "lost its leading zero"),
        "negative": ("v", "negative value"),
        "unknown_country": ("j", "unknown country code 999"),
        "not_a_number": ("v", "not a number"),
        "bad_year": ("t", "not a whole number"),
    }[kind]
    if kind == "lost_zero":
        data[n][3] = "10121"
    elif kind == "negative":
        data[n][4] = "-3.5"
    elif kind == "unknown_country":
        data[n][2] = 999
    elif kind == "not_a_number":
        data[n][4] = "12abc"
    else:
        data[n][0] = "20x2"
    store = TradeStore(tmp / "store")
    with pytest.raises(TradeImportError) as info:
        import_baci(store, [write_baci(tmp / "b.csv", data)], write_countries(tmp / "c.csv"), known=KNOWN)
    assert ("b.csv", n + 2, field) in [e[:3] for e in info.value.errors]
    assert any(expected in e[3] for e in info.value.errors)
    assert store.years() == [] and not store.root.exists()


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ("t,i,j,k,v,q\n2022,704,418,010121,1,\n2022,704,418,010121,2,\n", 3, "duplicate row"),
        ("t,i,j,k,v,q\n2022,704,418,10121,1,\n", 2, "lost its leading zero"),
        ("t,i,j,k,v,q\n2022,704,418,010121,-1,\n", 2, "negative value"),
        ("t,i,j,k,v,q\n2022,704,999,010121,1,\n", 2, "unknown country code 999"),
        ("t,i,j,k,v,q\n2022,704,704,010121,1,\n", 2, "same country"),
        (
            "refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\n2022,VNM,LAO,X,010121,5\n",
            1,
            "expected the columns t,i,j,k,v,q",
        ),
        ("t,i,j,k,v,q\n", 2, "no rows"),
        ("t,i,j,k,v,q\n2022,704,418,010121,1,\n2022,704,418,010122,1\n", 3, "expected 6 columns"),
    ],
)
def test_baci_bad_files_leave_the_store_unchanged(tmp_path, loaded, content, line, reason):
    store, countries, before = loaded
    path = tmp_path / "BACI_bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TradeImportError) as info:
        import_baci(store, [path], countries, known=KNOWN)
    assert info.value.errors[0][0] == "BACI_bad.csv"
    assert info.value.errors[0][1] == line
    assert reason in info.value.errors[0][3]
    assert f"BACI_bad.csv:{line}:" in str(info.value)
    assert snapshot(store.root) == before


def test_baci_binary_file_and_duplicates_across_files(tmp_path, loaded):
    store, countries, before = loaded
    binary = tmp_path / "BACI.xlsx"
    binary.write_bytes(b"PK\x03\x04\x00\x00\xff\xfe" * 50)
    with pytest.raises(TradeImportError) as info:
        import_baci(store, [binary], countries, known=KNOWN)
    assert info.value.errors[0][0] == "BACI.xlsx"
    a = write_baci(tmp_path / "a.csv", [(2022, 704, 418, "010121", 1, "")])
    b = write_baci(tmp_path / "b.csv", [(2022, 156, 418, "010121", 1, ""), (2022, 704, 418, "010121", 2, "")])
    with pytest.raises(TradeImportError) as info:
        import_baci(store, [a, b], countries, known=KNOWN)
    assert info.value.errors[0][:2] == ("b.csv", 3) and "a.csv" in info.value.errors[0][3]
    assert snapshot(store.root) == before


def test_baci_country_table_errors(tmp_path):
    bad = tmp_path / "countries.csv"
    bad.write_text("code,name\n1,x\n", encoding="utf-8")
    good = write_baci(tmp_path / "b.csv", [(2022, 704, 418, "010121", 1, "")])
    with pytest.raises(TradeImportError, match="countries.csv:1: country_code"):
        import_baci(TradeStore(tmp_path / "s"), [good], bad)
    malformed = tmp_path / "c3.csv"
    malformed.write_text("country_code,country_name,country_iso2,country_iso3\n704,Viet Nam,VN,VNM\n"
                         "x12,Somewhere,SW,SWW\n999,Nowhere,N/A,N/A\n", encoding="utf-8")
    with pytest.raises(TradeImportError) as info:
        import_baci(TradeStore(tmp_path / "s"), [good], malformed, known=KNOWN)
    assert [e[:3] for e in info.value.errors] == [("c3.csv", 3, "country_code"), ("c3.csv", 4, "country_iso3")]
    assert not (tmp_path / "s").exists()


def test_baci_replaces_the_year(tmp_path, loaded):
    store, countries, _before = loaded
    newer = write_baci(tmp_path / "new.csv", [(2021, 156, 764, "850440", "2.0", "1.5")])
    import_baci(store, [newer], countries, known=KNOWN, synthetic=True)
    rows = (
        store.connect().execute("SELECT exporter, importer, product, value, quantity FROM flows").fetchall()
    )
    assert rows == [("CHN", "THA", "850440", 2000.0, 1.5)]
    assert store.synthetic_years() == [2021]


# --- UN Comtrade -----------------------------------------------------------------------------
COMTRADE_HEADER = [
    "typeCode",
    "freqCode",
    "refYear",
    "period",
    "reporterCode",
    "reporterISO",
    "flowCode",
    "partnerCode",
    "partnerISO",
    "partner2Code",
    "cmdCode",
    "aggrLevel",
    "customsCode",
    "motCode",
    "netWgt",
    "primaryValue",
]


def comtrade_file(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COMTRADE_HEADER)
        for year, reporter, flow, partner, cmd, weight, value, *rest in rows:
            partner2, customs, mot = rest or ("0", "C00", "0")
            writer.writerow(
                [
                    "C",
                    "A",
                    year,
                    year,
                    "0",
                    reporter,
                    flow,
                    "0",
                    partner,
                    partner2,
                    cmd,
                    len(cmd),
                    customs,
                    mot,
                    weight,
                    value,
                ]
            )
    return path


comtrade_rows = st.lists(
    st.tuples(
        st.just(2022),
        st.sampled_from(["VNM", "LAO", "CHN"]),
        st.sampled_from(["X", "M"]),
        st.sampled_from(["VNM", "LAO", "CHN", "THA"]),
        st.integers(min_value=10100, max_value=999999).map(lambda k: f"{k:06d}"),
        st.one_of(st.just(""), st.integers(min_value=0, max_value=10**7).map(str)),
        st.integers(min_value=0, max_value=10**9).map(str),
    ).filter(lambda r: r[1] != r[3]),
    min_size=1,
    max_size=30,
    unique_by=lambda r: (r[1], r[2], r[3], r[4]),
)


@PROPERTY
@given(rows=comtrade_rows)
def test_comtrade_parser_properties(tmp_path_factory, rows):
    path = comtrade_file(tmp_path_factory.mktemp("ct") / "comtrade.csv", rows)
    parsed, skipped = parse_comtrade(path, KNOWN)
    assert skipped == 0 and len(parsed) == len(rows)
    for (year, reporter, flow, partner, cmd, weight, value), row in zip(rows, parsed, strict=True):
        exporter, importer = (reporter, partner) if flow == "X" else (partner, reporter)
        assert row[:4] == (year, exporter, importer, cmd)
        assert row[4] == float(value)
        assert row[5] == (float(weight) / 1000 if weight else None)


def test_comtrade_mirror_skips_and_errors(tmp_path):
    store = TradeStore(tmp_path / "store")
    path = comtrade_file(
        tmp_path / "TradeData.csv",
        [
            (2022, "VNM", "X", "LAO", "010121", "2000", "100"),
            (2022, "LAO", "M", "VNM", "010121", "", "120"),  # mirror of the row above: the export report wins
            (2022, "LAO", "M", "CHN", "850440", "", "300"),  # mirror only: CHN → LAO
            (2022, "VNM", "X", "W00", "010121", "", "999"),  # world total
            (2022, "VNM", "X", "LAO", "TOTAL", "", "999"),  # all products
            (2022, "VNM", "X", "LAO", "0101", "", "999"),  # heading level
            (2022, "VNM", "RX", "LAO", "010121", "", "999"),  # re-export
            (2022, "VNM", "X", "LAO", "010121", "", "5", "0", "C01", "0"),  # customs breakdown
        ],
    )
    summary = import_comtrade(store, [path], known=KNOWN)
    assert summary.rows == 2 and summary.skipped == 5
    rows = (
        store.connect()
        .execute("SELECT exporter, importer, product, value, quantity FROM flows ORDER BY exporter")
        .fetchall()
    )
    assert rows == [("CHN", "LAO", "850440", 300.0, None), ("VNM", "LAO", "010121", 100.0, 2.0)]
    before = snapshot(store.root)
    cases = [
        ([(2022, "VNM", "X", "LAO", "10121", "", "1")], "cmdCode", "lost its leading zero"),
        ([(2022, "VNM", "X", "LAO", "010121", "", "-1")], "primaryValue", "negative value"),
        ([(2022, "VNM", "X", "QQQ", "010121", "", "1")], "partnerISO", "unknown country code 'QQQ'"),
        (
            [(2022, "VNM", "X", "LAO", "010121", "", "1"), (2022, "VNM", "X", "LAO", "010121", "", "2")],
            "cmdCode",
            "duplicate row",
        ),
    ]
    for rows, field, reason in cases:
        bad = comtrade_file(tmp_path / "bad.csv", rows)
        with pytest.raises(TradeImportError) as info:
            import_comtrade(store, [bad], known=KNOWN)
        assert info.value.errors[0][0] == "bad.csv" and info.value.errors[0][1] == len(rows) + 1
        assert info.value.errors[0][2] == field and reason in info.value.errors[0][3]
    wrong = write_baci(tmp_path / "baci.csv", [(2022, 704, 418, "010121", 1, "")])
    with pytest.raises(TradeImportError, match="baci.csv:1: header: not a UN Comtrade CSV"):
        import_comtrade(store, [wrong], known=KNOWN)
    assert snapshot(store.root) == before


def test_comtrade_legacy_columns(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_text(
        "Classification,Year,Trade Flow Code,Trade Flow,Reporter ISO,Partner ISO,Commodity Code,"
        "Netweight (kg),Trade Value (US$)\nH6,2021,2,Export,VNM,LAO,090111,5000,12345\n",
        encoding="utf-8",
    )
    parsed, skipped = parse_comtrade(path, KNOWN)
    assert parsed[0][:6] == (2021, "VNM", "LAO", "090111", 12345.0, 5.0) and skipped == 0


# --- reported figures ------------------------------------------------------------------------
def reported_file(path, rows, header="year,reporter,partner,flow,hs_or_group,value,currency,source"):
    path.write_text(header + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows), encoding="utf-8")
    return path


@PROPERTY
@given(
    rows=st.lists(
        st.tuples(
            st.integers(min_value=2000, max_value=2030),
            st.sampled_from(["VN-HN", "VNM", "LA-VT", "CN-YN"]),
            st.sampled_from(["LAO", "CHN", "VN-SG"]),
            st.sampled_from(["export", "import"]),
            st.sampled_from(["TOTAL", "09", "0901", "090111", "coffee"]),
            st.decimals(min_value=0, max_value=10**12, places=2),
            st.sampled_from(["USD", "VND", "LAK"]),
        ),
        min_size=1,
        max_size=20,
        unique_by=lambda r: r[:5],
    )
)
def test_reported_parser_converts_to_usd(tmp_path_factory, rows):
    path = reported_file(
        tmp_path_factory.mktemp("rep") / "figures.csv", [(*r, "Hanoi statistics office") for r in rows]
    )
    rates = parse_rates(["VND=25000", "LAK:2022=20000", "LAK=21000"])
    table = parse_reported(path, KNOWN, rates)
    assert table.num_rows == len(rows)
    for row, (year, _r, _p, _f, _g, value, currency) in zip(table.to_pylist(), rows, strict=True):
        rate = {"USD": 1, "VND": 25000, "LAK": 20000 if year == 2022 else 21000}[currency]
        assert row["value"] == pytest.approx(float(value) / rate)
        assert row["value_original"] == float(value) and row["source"] == "Hanoi statistics office"


def test_reported_import_and_errors(tmp_path):
    store = TradeStore(tmp_path / "store")
    good = reported_file(
        tmp_path / "ok.csv", [(2022, "VN-HN", "LAO", "export", "TOTAL", 200000000, "USD", "")]
    )
    summary = import_reported(store, good, known=KNOWN)
    assert summary.rows == 1
    assert store.connect().execute("SELECT reporter, value, source FROM reported").fetchone() == (
        "VN-HN",
        2e8,
        "reported figures: ok.csv",
    )
    before = snapshot(store.root)
    cases = [
        ((2022, "VN-XX", "LAO", "export", "TOTAL", 1, "USD", ""), "reporter", "unknown country or province"),
        ((2022, "VN-HN", "LAO", "sideways", "TOTAL", 1, "USD", ""), "flow", "expected export, import or total"),
        ((2022, "VN-HN", "LAO", "export", "90111", 1, "USD", ""), "hs_or_group", "lost its leading zero"),
        ((2022, "VN-HN", "LAO", "export", "TOTAL", -5, "USD", ""), "value", "negative value"),
        ((2022, "VN-HN", "LAO", "export", "TOTAL", 5, "VND", ""), "currency", "no exchange rate for VND"),
    ]
    for row, field, reason in cases:
        bad = reported_file(tmp_path / "bad.csv", [row])
        with pytest.raises(TradeImportError) as info:
            import_reported(store, bad, known=KNOWN)
        assert info.value.errors[0][:3] == ("bad.csv", 2, field)
        assert reason in info.value.errors[0][3]
    dup = reported_file(tmp_path / "dup.csv", [(2022, "VNM", "LAO", "export", "TOTAL", 1, "USD", "")] * 2)
    with pytest.raises(TradeImportError, match="dup.csv:3: hs_or_group: duplicate row"):
        import_reported(store, dup, known=KNOWN)
    with pytest.raises(TradeImportError, match="missing column"):
        import_reported(store, reported_file(tmp_path / "w.csv", [(1, 2)], header="a,b"), known=KNOWN)
    assert snapshot(store.root) == before
    with pytest.raises(ValueError, match="bad rate"):
        parse_rates(["VND24000"])


# --- BACI's own country table: codes outside ISO 3166-1 ---------------------------------------
# Rows as real BACI country tables have them (country_codes_V202501.csv): former and grouped
# territories with codes that are not current ISO 3166-1, names with commas, "N/A" as ISO2.
REAL_ROWS = [
    (704, "Viet Nam", "VN", "VNM"),
    (418, "Lao People's Dem. Rep.", "LA", "LAO"),
    (490, "Other Asia, nes", "N/A", "S19"),
    (530, "Netherlands Antilles (...2010)", "AN", "ANT"),
    (891, "Serbia and Montenegro (...2005)", "N/A", "SCG"),
    (697, "Europe EFTA, nes", "N/A", "R20"),
    (711, "Southern African Customs Union (...1999)", "N/A", "ZA1"),
    (849, "US Misc. Pacific Isds", "N/A", "PUS"),
]
REFERENCE = known_codes(extra=False)


def write_country_rows(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["country_code", "country_name", "country_iso2", "country_iso3"])
        writer.writerows(rows)
    return path


def test_baci_accepts_the_codes_of_its_own_country_table_with_warnings(tmp_path, loaded):
    store, _countries, _before = loaded
    table = write_country_rows(tmp_path / "country_codes_V202501.csv", REAL_ROWS)
    data = write_baci(tmp_path / "BACI_HS22_Y2022_V202501.csv", [
        (2022, 704, 490, "850440", "12.5", "1"),   # Viet Nam → Other Asia, nes
        (2022, 530, 704, "270900", "3", ""),       # Netherlands Antilles → Viet Nam
        (2022, 418, 704, "440799", "2", "NA"),
        (2022, 891, 418, "010121", "1", ""),
    ])
    summary = import_baci(store, [data], table, known=REFERENCE)
    assert summary.rows == 4 and summary.years == [2022]
    warned = " ".join(summary.notes)
    for code in ("S19", "ANT", "SCG"):
        assert f"country {code}" in warned
    assert "Other Asia, nes" in warned and "code 490" in warned
    assert "VNM" not in warned and "LAO" not in warned and "R20" not in warned  # R20 has no flows
    assert store.import_log()[0]["notes"] == summary.notes
    flows = store.connect().execute("SELECT exporter, importer, value FROM flows WHERE year = 2022 "
                                    "ORDER BY exporter").fetchall()
    assert flows == [("ANT", "VNM", 3000.0), ("LAO", "VNM", 2000.0), ("SCG", "LAO", 1000.0),
                     ("VNM", "S19", 12500.0)]
    assert store.country_names()["S19"] == "Other Asia, nes"
    assert store.country_names()["ANT"] == "Netherlands Antilles (...2010)"


def test_baci_still_refuses_numeric_codes_missing_from_the_supplied_table(tmp_path, loaded):
    store, _countries, before = loaded
    table = write_country_rows(tmp_path / "country_codes.csv", REAL_ROWS)
    data = write_baci(tmp_path / "BACI.csv", [(2022, 704, 490, "850440", "1", ""), (2022, 704, 531, "850440", "1", "")])
    with pytest.raises(TradeImportError) as info:
        import_baci(store, [data], table, known=REFERENCE)
    assert info.value.errors == [("BACI.csv", 3, "j", "unknown country code 531 (not in the country table)")]
    assert snapshot(store.root) == before


def test_two_numeric_codes_of_one_iso3_code_meet_as_duplicates(tmp_path):
    rows = [(729, "Sudan", "SD", "SDN"), (736, "Sudan (...2011)", "N/A", "SDN"), (704, "Viet Nam", "VN", "VNM")]
    table = write_country_rows(tmp_path / "c.csv", rows)
    data = write_baci(tmp_path / "b.csv", [(2011, 736, 704, "090111", 1, ""), (2011, 729, 704, "090111", 2, "")])
    with pytest.raises(TradeImportError, match="duplicate row: 2011 SDN→VNM 090111"):
        import_baci(TradeStore(tmp_path / "s"), [data], table, known=REFERENCE)


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda n: n.strip() == n)
other_codes = st.from_regex(r"\A[A-Z][A-Z0-9]{2}\Z").filter(lambda c: c not in REFERENCE)


@PROPERTY
@given(
    table=st.lists(
        st.tuples(st.integers(min_value=1, max_value=999), names,
                  st.one_of(st.sampled_from(sorted(REFERENCE)), other_codes)),
        min_size=2, max_size=25, unique_by=(lambda r: r[0], lambda r: r[2]),
    )
)
def test_country_table_parser_keeps_every_code_and_name(tmp_path_factory, table):
    """Any BACI-shaped country table reads back as written (codes inside or outside the
    reference list alike), and flows between any two of its countries import, with one warning
    per code outside the reference list and the table's names kept."""
    from tradebridge.trade.importers_baci import read_baci_country_table

    tmp = tmp_path_factory.mktemp("countries")
    path = write_country_rows(tmp / "country_codes.csv", [(c, n, "N/A", iso) for c, n, iso in table])
    codes, table_names = read_baci_country_table(path)
    assert codes == {c: iso for c, _n, iso in table}
    assert table_names == {iso: n for _c, n, iso in table}
    (a, _na, iso_a), (b, _nb, iso_b) = table[0], table[1]
    store = TradeStore(tmp / "store")
    summary = import_baci(store, [write_baci(tmp / "b.csv", [(2022, a, b, "010121", 1, "")])], path, known=REFERENCE)
    outside = sorted({iso_a, iso_b} - REFERENCE)
    assert [n.split("country ")[1][:3] for n in summary.notes] == outside
    assert store.connect().execute("SELECT exporter, importer FROM flows").fetchall() == [(iso_a, iso_b)]
    assert {iso_a, iso_b} <= set(store.country_names())


# --- reported figures: qualifiers and the other optional columns -----------------------------
def test_reported_optional_columns(tmp_path):
    store = TradeStore(tmp_path / "store")
    path = tmp_path / "zhejiang.csv"
    path.write_text(
        "year,reporter,partner,flow,hs_or_group,value,currency,source,qualifier,share_of_total_pct,rank,rank_of,"
        "derived,growth_pct\n"
        "2020,CN-ZJ,VNM,total,TOTAL,8110000000,USD,vietrade,more than,,,,,\n"
        "2020,CN-ZJ,VNM,export,TOTAL,6090000000,USD,vietrade,more_than,,,,,\n"
        "2022,VN-HN,LAO,export,TOTAL,200000000,USD,chinhphu,estimated,1.2,5,40,no,20\n"
        "2021,VN-HN,LAO,export,TOTAL,166666666.67,USD,chinhphu,estimated,,,,true,\n"
        "2022,VN-HN,LAO,import,TOTAL,211000000,USD,chinhphu,,,,,,\n",
        encoding="utf-8",
    )
    import_reported(store, path, known=KNOWN)
    rows = store.connect().execute(
        "SELECT year, flow, qualifier, derived, growth_pct, share_of_total_pct, rank, rank_of FROM reported "
        "ORDER BY reporter, year, flow").fetchall()
    assert rows == [
        (2020, "export", "more_than", False, None, None, None, None),
        (2020, "total", "more_than", False, None, None, None, None),
        (2021, "export", "estimated", True, None, None, None, None),
        (2022, "export", "estimated", False, 20.0, 1.2, 5, 40),
        (2022, "import", "", False, None, None, None, None),
    ]


@pytest.mark.parametrize(("column", "cell", "reason"), [
    ("qualifier", "roughly-ish", "unknown qualifier 'roughly_ish'"),
    ("derived", "maybe", "expected true or false"),
    ("share_of_total_pct", "140", "between 0 and 100"),
    ("rank", "0", "not a whole number of 1 or more"),
    ("rank_of", "7", "rank_of given without a rank"),
])
def test_reported_bad_optional_cell_is_refused_with_file_line_and_reason(tmp_path, column, cell, reason):
    store = TradeStore(tmp_path / "store")
    import_reported(store, reported_file(tmp_path / "ok.csv", [(2022, "VN-HN", "LAO", "export", "TOTAL", 1, "USD", "")]),
                    known=KNOWN)
    before = snapshot(store.root)
    path = tmp_path / "bad.csv"
    path.write_text(f"year,reporter,partner,flow,hs_or_group,value,currency,source,{column}\n"
                    "2022,VN-HN,LAO,import,TOTAL,5,USD,x,\n"
                    f"2022,VN-HN,LAO,export,TOTAL,5,USD,x,{cell}\n", encoding="utf-8")
    with pytest.raises(TradeImportError) as info:
        import_reported(store, path, known=KNOWN)
    expected_field = "rank" if column == "rank_of" else column
    assert info.value.errors[0][:3] == ("bad.csv", 3, expected_field)
    assert reason in info.value.errors[0][3]
    assert snapshot(store.root) == before
