"""Pages render in every language, the switcher remembers the choice, search works."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOME_TITLE = {
    "en": "Cross-border trade promotion for Vietnam, Laos and China",
}
PAGES = [
    reverse("home"),
    reverse("catalog:products") + "?q=gừng",
    reverse("catalog:product", args=["091011"]),
    reverse("catalog:product", args=["09"]),
    reverse("geo:countries"),
    reverse("geo:country", args=["LAO"]),
    reverse("geo:zones") + "?kind=border_gate",
    reverse("registry:organization", args=["van-phuc-silk"]),
    reverse("accounts:login"),
]


def with_language(code: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    return client


@pytest.mark.parametrize("code", ["vi", "lo", "zh-hans", "en"])
@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_in_every_language(code, url):
    response = with_language(code).get(url)
    assert response.status_code == 200
    assert f'<html lang="{code}">' in response.content.decode()


def test_default_language_is_vietnamese():
    page = Client().get(reverse("home")).content.decode()
    assert '<html lang="vi">' in page
    assert "Xúc tiến thương mại xuyên biên giới" in page


def test_home_is_translated():
    pages = {code: with_language(code).get(reverse("home")).content.decode()
             for code in ("vi", "lo", "zh-hans", "en")}
    assert HOME_TITLE["en"] in pages["en"]
    assert "越南、老挝和中国" in pages["zh-hans"]
    assert "ຫວຽດນາມ" in pages["lo"]
    assert len({p.split("<h1>")[1].split("</h1>")[0] for p in pages.values()}) == 4


def test_language_switch_sets_a_cookie_and_returns():
    client = Client()
    response = client.post(reverse("set_language"), {"language": "lo", "next": "/geo/countries/"})
    assert response.status_code == 302 and response["Location"] == "/geo/countries/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "lo"
    assert '<html lang="lo">' in client.get("/geo/countries/").content.decode()


def test_unknown_language_is_ignored():
    client = Client()
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert '<html lang="vi">' in client.get("/").content.decode()


def test_every_page_has_the_switcher_and_the_lao_font():
    page = Client().get(reverse("geo:zones")).content.decode()
    for code in ("vi", "lo", "zh-hans", "en"):
        assert f'name="language" value="{code}"' in page
    css = (settings.PACKAGE_DIR / "core/static/tradebridge/site.css").read_text()
    assert "noto-sans-lao-lao-400-normal.woff2" in css
    assert (settings.PACKAGE_DIR / "core/static/tradebridge/fonts/noto-sans-lao-lao-400-normal.woff2").stat().st_size > 5_000


@pytest.mark.parametrize("query", ["ຂີງ", "生姜", "gung", "gừng tươi", "fresh ginger", "0910.11"])
def test_product_search_finds_ginger_in_any_language(query):
    page = Client().get(reverse("catalog:products"), {"q": query}).content.decode()
    results = page.split('data-testid="product-results"')[1]
    first_row = results.split("<tr>")[2]
    assert "0910.11" in first_row


def test_product_search_partial_for_htmx():
    response = Client().get(reverse("catalog:products"), {"q": "ຂີງ"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "<html" not in content and "0910.11" in content


def test_product_search_with_no_hit_says_so():
    page = with_language("en").get(reverse("catalog:products"), {"q": "zzzzqqq"}).content.decode()
    assert "No product matches" in page


def test_country_search_ignores_diacritics():
    page = Client().get(reverse("geo:countries"), {"q": "viet nam"}).content.decode()
    assert "VNM" in page and "LAO" not in page.split('data-testid="countries"')[1]


def test_zone_page_lists_gates_with_map_data():
    page = with_language("en").get(reverse("geo:zones"), {"kind": "border_gate"}).content.decode()
    assert 'id="zone-markers"' in page and "Lao Cai – Hekou" in page
    assert "Industrial park" not in page.split('data-testid="zones"')[1]


def test_unknown_product_and_country_are_404():
    assert Client().get(reverse("catalog:product", args=["999998"])).status_code == 404
    assert Client().get(reverse("geo:country", args=["XXX"])).status_code == 404
    assert Client().get(reverse("registry:organization", args=["nobody"])).status_code == 404


def test_demo_records_are_labelled_illustrative():
    # The home page no longer lists every organisation (issue 11, item 7): the directory does.
    page = with_language("en").get(reverse("registry:directory"), {"q": "Zhejiang"}).content.decode()
    row = page.split("Zhejiang Silk Road Textiles")[1].split("</tr>")[0]
    assert "illustrative" in row
    page = with_language("en").get(reverse("registry:directory"), {"q": "Van Phuc"}).content.decode()
    real = page.split("Van Phuc silk village")[1].split("</tr>")[0]
    assert "illustrative" not in real


def test_health():
    # No worker runs here, so the status is "fail"; the checks are in test_health.py.
    data = Client().get("/health/").json()
    assert data["checks"]["database"]["ok"] and "reference" in data["data"]
