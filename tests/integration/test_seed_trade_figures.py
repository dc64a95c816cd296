"""The demo's trade and investment figures say exactly what the seed articles say.

Each test takes the seed's own sentences (copied verbatim from shared/seeds 000 and 002), reads
the figure, its qualifier ("trên" more than, "ước đạt" estimated), shares and ranks out of the
sentence, and looks for them on the pages (through the test client) and in the exports, in
Vietnamese and in English.  Figures the article does not state (2021 worked back from the
growth rate, a product group's value from its share) must be marked derived.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from tradebridge.core.figures import VIETNAMESE_WORDS, derived_note, qualify
from tradebridge.trade import pages, reports
from tradebridge.trade.demo import SEED_FIGURES
from tradebridge.trade.models import InvestmentRecord
from tradebridge.trade.templatetags.trade_format import musd, pct

pytestmark = pytest.mark.django_db

# Seed 000 (Chinhphu.vn, 2023-04), verbatim.
SEED_000_EXPORTS = ("kim ngạch xuất khẩu năm 2022 của Hà Nội sang Lào ước đạt 200 triệu USD (chiếm tỷ trọng "
                    "1,2% tổng kim ngạch xuất khẩu của Hà Nội năm 2022), tăng 20% so với năm 2021")
SEED_000_IMPORTS = ("kim ngạch nhập khẩu của Hà Nội năm 2022 từ Lào ước đạt 211 triệu USD (chiếm tỷ trọng 0,5% "
                    "tổng kim ngạch nhập khẩu của Hà Nội năm 2022), tăng 12,6% so với năm 2021")
SEED_000_EXPORT_GROUPS = ("Mặt hàng xuất khẩu chủ yếu sang thị trường Lào năm 2022 là khoáng sản (chiếm tỷ trọng "
                          "14,8% tổng kim ngạch xuất khẩu của Hà Nội sang Lào); cơ kim khí (chiếm tỷ trọng 14,4%); "
                          "linh kiện điện tử - vi tính (chiếm tỷ trọng 5,3%).")
SEED_000_IMPORT_GROUPS = ("Mặt hàng nhập khẩu chủ yếu từ thị trường Lào năm 2022 gồm: nông sản các loại (chiếm tỷ "
                          "trọng 14,7% tổng kim ngạch nhập khẩu của Hà Nội); phân bón các loại (chiếm tỷ trọng 12,2%); "
                          "thực phẩm (chiếm tỷ trọng 6%).")
SEED_000_INVESTMENT = (
    "Năm 2022, vốn đầu tư từ Việt Nam sang Lào đạt 180 triệu USD, tăng 52,5% so với năm 2021. Tính đến nay, "
    "Việt Nam đã đầu tư 214 dự án tại Lào với tổng số vốn 5,34 tỷ USD, đứng thứ 3 trong số các nước và vùng "
    "lãnh thổ đầu tư vào Lào. Lào luôn duy trì vị trí thứ nhất trong số 79 quốc gia và vùng lãnh thổ có đầu tư "
    "của doanh nghiệp Việt Nam.")
SEED_000_LAO_FDI = ("Về phía Lào, lũy kế đến nay, tổng vốn FDI đăng ký của Lào vào TP. Hà Nội là 10,5 triệu USD, "
                    "trong đó, có 5 dự án cấp mới với vốn đăng ký 4,34 triệu USD; 4 lượt góp vốn, mua cổ phần với "
                    "giá trị góp vốn 6,172 triệu USD.")
# Seed 002 (vietrade.gov.vn, 2021-01), verbatim.
SEED_002 = ("hợp tác thương mại hai chiều giữa các tỉnh Việt Nam với Chiết Giang năm 2020 đạt giá trị trên 8.11 "
            "tỉ USD; trong đó Chiết Giang xuất khẩu sang Việt Nam đạt trên 6.09 tỷ USD, Chiết Giang nhập khẩu của "
            "Việt Nam đạt trên 2.02 tỷ USD.")

AMOUNT = re.compile(r"(?:(?P<word>trên|hơn|gần|khoảng|ước đạt) )?(?P<number>\d+(?:[.,]\d+)?) "
                    r"(?P<unit>triệu|tỷ|tỉ) USD")
UNITS = {"triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}


def amounts(sentence: str) -> list[tuple[float, str]]:
    """(value in USD, qualifier) of every amount in a seed sentence, in order.  These articles
    use one separator, always a decimal one ("6,172 triệu", "6.09 tỷ")."""
    words = {word: qualifier for qualifier, listed in VIETNAMESE_WORDS.items() for word in listed}
    found = []
    for match in AMOUNT.finditer(sentence):
        value = float(match["number"].replace(",", ".")) * UNITS[match["unit"]]
        found.append((round(value, 2), str(words.get(match["word"], ""))))
    return found


def percents(sentence: str) -> list[float]:
    return [float(p.replace(",", ".")) for p in re.findall(r"(\d+(?:,\d+)?)%", sentence)]


def page(client, name: str, language: str, **params) -> str:
    client.cookies["tradebridge_language"] = language
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def shown(value: float, qualifier: str, language: str) -> str:
    with translation.override(language):
        return qualify(musd(value), qualifier)


# Columns of the reported-figures export, and of the investment totals export.
YEAR, VALUE, STATED, DERIVED = 0, 3, 5, 6
PROJECTS, CONTRIBUTIONS, CAPITAL = 2, 3, 4


def download(client, page_name: str, table: str, language: str, **params) -> list[list[str]]:
    """The rows of a CSV download (header and the notes after the blank line left out)."""
    client.cookies["tradebridge_language"] = language
    response = client.get(reverse("trade:download", args=[page_name, table, "csv"]), params)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig").split("\r\n\r\n")[0]
    return list(csv.reader(io.StringIO(text)))[1:]


def kpi(html_text: str, flow: str, year: int) -> str:
    match = re.search(rf'data-testid="kpi-{flow}-{year}">(.*?)</div>', html_text, re.S)
    assert match, f"no headline box for {flow} {year}"
    return match.group(1)


def test_the_demo_quotes_are_the_seed_articles_words():
    figures = json.loads(SEED_FIGURES.read_text(encoding="utf-8"))
    sentences = {"000": " ".join([SEED_000_EXPORTS, SEED_000_IMPORTS, SEED_000_EXPORT_GROUPS,
                                  SEED_000_IMPORT_GROUPS, SEED_000_INVESTMENT, SEED_000_LAO_FDI]),
                 "002": SEED_002}
    for item in [*figures["reported"], *figures["investments"]]:
        if item["article"] in sentences:
            assert item["quote"] in sentences[item["article"]], item["quote"]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_seed_000_hanoi_laos_trade_as_stated(client, language):
    """Seed 000: exports "ước đạt 200 triệu USD (chiếm tỷ trọng 1,2% ...), tăng 20%", imports
    "ước đạt 211 triệu USD (0,5% ...), tăng 12,6%"; 2021 only follows from the growth rates."""
    text = page(client, "trade:province", language, reporter="VN-HN", partner="LAO")
    rows = download(client, "province", "reported", language, reporter="VN-HN", partner="LAO")
    with translation.override(language):
        derived = derived_note()
    for flow, sentence in (("export", SEED_000_EXPORTS), ("import", SEED_000_IMPORTS)):
        [(value, qualifier)] = amounts(sentence)
        share, growth = percents(sentence)
        assert qualifier == "estimated"  # "ước đạt"
        box = kpi(text, flow, 2022)
        assert shown(value, qualifier, language) in box
        assert derived not in box
        with translation.override(language):
            assert pct(share / 100) in box  # 1,2 % / 0,5 % of all Hanoi's exports / imports
            assert ("+" + pct(growth / 100)) in box
        # 2021 is worked back from the stated growth, and says so.
        earlier = kpi(text, flow, 2021)
        assert shown(round(value / (1 + growth / 100), 2), qualifier, language) in earlier
        assert derived in earlier
        # The export: the same figure, qualifier and derived mark.
        [total] = [r for r in rows if r[YEAR] == "2022" and r[VALUE] == str(value)
                   and r[STATED] == shown(value, qualifier, language)]
        assert total[DERIVED] == ""
        [before] = [r for r in rows if r[YEAR] == "2021" and r[STATED].startswith(
            shown(round(value / (1 + growth / 100), 2), qualifier, language))]
        assert before[DERIVED] == derived
    if language == "vi":
        assert "chiếm 1,2 % tổng kim ngạch xuất khẩu của Hà Nội" in text
        assert "chiếm 0,5 % tổng kim ngạch nhập khẩu của Hà Nội" in text
        assert "ước đạt 200,0 triệu USD" in text and "ước đạt 211,0 triệu USD" in text
    else:
        assert "1.2 % of all exports of Hanoi" in text and "estimated 200.0 M USD" in text
    # Product groups: their shares are stated, their values (share × an estimate) are not.
    for flow, sentence, total in (("export", SEED_000_EXPORT_GROUPS, SEED_000_EXPORTS),
                                  ("import", SEED_000_IMPORT_GROUPS, SEED_000_IMPORTS)):
        groups = re.search(rf'data-testid="groups-{flow}-2022">(.*?)</table>', text, re.S).group(1)
        [(value, qualifier)] = amounts(total)
        for share in percents(sentence):
            with translation.override(language):
                assert pct(share / 100) in groups
            assert shown(round(value * share / 100, 2), qualifier, language) in groups
        assert groups.count(derived) == len(percents(sentence))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_seed_002_zhejiang_vietnam_more_than(client, language):
    """Seed 002: two-way "trên 8.11 tỉ USD", exports "trên 6.09 tỷ USD", imports "trên 2.02 tỷ USD"."""
    text = page(client, "trade:province", language, reporter="CN-ZJ", partner="VNM")
    rows = download(client, "province", "reported", language, reporter="CN-ZJ", partner="VNM")
    stated = dict(zip(("total", "export", "import"), amounts(SEED_002), strict=True))
    for flow, (value, qualifier) in stated.items():
        assert qualifier == "more_than"  # "trên"
        assert shown(value, qualifier, language) in kpi(text, flow, 2020)
        assert [r for r in rows if r[STATED] == shown(value, qualifier, language) and float(r[VALUE]) == value]
    assert stated["total"][0] == stated["export"][0] + stated["import"][0]
    with translation.override(language):
        assert str(derived_note()) not in text
    if language == "vi":
        assert "trên 6.090,0 triệu USD" in text and "trên 2.020,0 triệu USD" in text
        assert "trên 8.110,0 triệu USD" in text
    else:
        assert "more than 6,090.0 M USD" in text and "more than 8,110.0 M USD" in text
    # The chart's hover text says it too (the figure's JSON, drawn by charts.js after the page).
    chart = re.search(r'<div class="plotly-chart" id="chart-reported".*?</script>', text, re.S).group(0)
    hover = json.loads(re.search(r'"hovertext":(\[.*?\])', chart).group(1))
    assert shown(stated["export"][0], "more_than", language) in hover


@pytest.mark.parametrize("language", ["vi", "en"])
def test_seed_000_investment_kinds_are_never_added_into_projects(client, language):
    """Seed 000: Laos's FDI in Hanoi is 10.5 M USD: 5 new projects (4.34 M USD) and 4 capital
    contributions or share purchases (6.172 M USD), not "9 projects"."""
    text = page(client, "trade:investments", language)
    (total, _), (new_capital, _), (contributed, _) = amounts(SEED_000_LAO_FDI)
    new_projects = int(re.search(r"có (\d+) dự án cấp mới", SEED_000_LAO_FDI).group(1))
    contributions = int(re.search(r"(\d+) lượt góp vốn, mua cổ phần", SEED_000_LAO_FDI).group(1))
    assert (total, new_capital, contributed, new_projects, contributions) == (10.5e6, 4.34e6, 6.172e6, 5, 4)
    records = re.search(r'data-testid="investment-records">(.*?)</table>', text, re.S).group(1)
    rows = re.findall(r"<tr.*?</tr>", records, re.S)
    hanoi = [r for r in rows if "VN-HN" in r or "Hà Nội" in r or "Hanoi" in r]
    with translation.override(language):
        expected = {
            "total": (shown(total, "", language), "—", "—"),
            "new": (shown(new_capital, "", language), str(new_projects), "—"),
            "contributions": (shown(contributed, "", language), "—", str(contributions)),
        }
    found = {}
    for row in hanoi:
        projects = re.search(r'data-testid="projects">(.*?)</td>', row).group(1)
        counted = re.search(r'data-testid="contributions">(.*?)</td>', row).group(1)
        for key, (capital, want_projects, want_contributions) in expected.items():
            if capital in row:
                found[key] = (projects, counted)
                assert (projects, counted) == (want_projects, want_contributions), key
    assert set(found) == set(expected)
    # Totals: the stated 10.5 M USD, 5 projects and 4 contributions side by side; never 9 projects.
    totals = re.search(r'data-testid="investment-totals">(.*?)</table>', text, re.S).group(1)
    [line] = [r for r in re.findall(r"<tr>.*?</tr>", totals, re.S) if shown(total, "", language) in r]
    assert re.search(r'data-testid="total-projects">5<', line)
    assert re.search(r'data-testid="total-contributions">4<', line)
    assert ">9<" not in line
    # The API and the exports keep them apart too.
    api = client.get("/api/trade/investments", {"source": "LAO"}).json()
    kinds = {r["kind"]: (r["projects"], r["contributions"], float(r["capital_usd"])) for r in api}
    assert kinds == {"total": (None, None, total), "new_projects": (new_projects, None, new_capital),
                     "contributions": (None, contributions, contributed)}
    exported = download(client, "investments", "investment_totals", language, source="LAO")
    assert [(r[PROJECTS], r[CONTRIBUTIONS], float(r[CAPITAL])) for r in exported] == [
        (str(new_projects), str(contributions), total)]


def test_seed_000_vietnam_laos_investment_ranks_and_growth(client):
    """"đứng thứ 3 trong số các nước và vùng lãnh thổ đầu tư vào Lào", "thứ nhất trong số 79
    quốc gia ...": the ranks are data on the record and shown beside its figures."""
    text = page(client, "trade:investments", "vi")
    [(year_value, _), (cumulative, _)] = amounts(SEED_000_INVESTMENT)
    assert shown(year_value, "", "vi") in text and "+52,5 %" in text
    assert shown(cumulative, "", "vi") in text and ">214<" in text
    rank = int(re.search(r"đứng thứ (\d+) trong số các nước và vùng lãnh thổ đầu tư vào Lào", SEED_000_INVESTMENT)[1])
    of = int(re.search(r"thứ nhất trong số (\d+) quốc gia và vùng lãnh thổ", SEED_000_INVESTMENT)[1])
    assert f"Việt Nam đứng thứ {rank} trong số các nước và vùng lãnh thổ đầu tư vào Lào" in text
    assert f"Lào đứng thứ 1 trong số {of} quốc gia và vùng lãnh thổ có đầu tư của Việt Nam" in text
    english = page(client, "trade:investments", "en")
    assert f"no. {rank} among the countries and territories investing in" in english
    assert f"no. 1 of {of} countries and territories in which" in english
    [record] = [r for r in client.get("/api/trade/investments", {"source": "VNM"}).json() if r["projects"] == 214]
    assert (record["investor_rank"], record["investor_rank_of"]) == (rank, None)
    assert (record["destination_rank"], record["destination_rank_of"]) == (1, of)


def test_reported_api_gives_qualifiers_and_derived(client):
    data = client.get("/api/trade/reported", {"reporter": "VN-HN", "partner": "LAO"}).json()
    by_key = {(f["flow"], f["year"]): f for f in data["figures"]}
    assert by_key[("export", 2022)]["qualifier"] == "estimated" and not by_key[("export", 2022)]["derived"]
    assert by_key[("export", 2022)]["share_of_total"] == pytest.approx(0.012)
    assert by_key[("export", 2021)]["derived"] is True
    assert all(g["derived"] for g in by_key[("export", 2022)]["groups"])
    zhejiang = client.get("/api/trade/reported", {"reporter": "CN-ZJ", "partner": "VNM"}).json()
    assert {(f["flow"], f["qualifier"]) for f in zhejiang["figures"]} == {
        ("total", "more_than"), ("export", "more_than"), ("import", "more_than")}


@pytest.mark.parametrize("language", ["vi", "zh-hans"])
def test_pdf_reports_carry_qualifiers_and_derived_marks(client, language):
    with translation.override(language):
        context = pages.province_report_context({"reporter": "VN-HN", "partner": "LAO"})
        printed = reports.render_html("trade/figures_report.html", context)
        assert qualify(musd(200e6), "estimated") in printed
        assert derived_note() in printed
        context = pages.investments_report_context(InvestmentRecord.objects.all(), {})
        printed = reports.render_html("trade/figures_report.html", context)
        assert str(InvestmentRecord.Kind.CONTRIBUTIONS.label) in printed
        assert qualify(musd(10.5e6), "") in printed
    client.cookies["tradebridge_language"] = language
    response = client.get(reverse("trade:province_report"), {"reporter": "CN-ZJ", "partner": "VNM"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client.get(reverse("trade:investments_report")).content.startswith(b"%PDF")
