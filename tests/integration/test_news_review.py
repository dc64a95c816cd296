"""Articles through the pages and the API: import (stored once: same address or same text is
refused, naming the first), the review page, accepting candidates as real records that cite the
article, discarding, and every role that must be refused. The extraction engine is replaced by
fixed facts here (its own tests judge it), so that these tests check the review alone."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from tests.personas import client_for
from tradebridge.agreements.models import Agreement
from tradebridge.cooperation.models import LabourProgramme
from tradebridge.events.models import Event
from tradebridge.news import services
from tradebridge.news.forms import candidate_form
from tradebridge.news.models import Article, Candidate, SourceCitation
from tradebridge.trade.models import InvestmentRecord
from tradebridge.trade.store import TradeStore

pytestmark = pytest.mark.django_db
# Seed 000 (Chinhphu.vn, 2023-04), verbatim: two sentences of its trade paragraph.
SEED_000 = ("Theo báo cáo, kim ngạch xuất khẩu năm 2022 của Hà Nội sang Lào ước đạt 200 triệu USD (chiếm tỷ trọng "
            "1,2% tổng kim ngạch xuất khẩu của Hà Nội năm 2022), tăng 20% so với năm 2021. Trong khi đó, "
            "kim ngạch nhập khẩu của Hà Nội năm 2022 từ Lào ước đạt 211 triệu USD (chiếm tỷ trọng 0,5% "
            "tổng kim ngạch nhập khẩu của Hà Nội năm 2022), tăng 12,6% so với năm 2021.")

URL = "https://example.vn/lao-cai-hoi-cho-2019"
TEXT = (
    "Lào Cai và Vân Nam mở hội chợ biên giới\n"
    "Ngày 10/11/2019, tại thành phố Lào Cai, Sở Công Thương tỉnh Lào Cai khai mạc Hội chợ thương mại "
    "quốc tế Việt - Trung với 500 gian hàng.\n"
    "Năm 2019, kim ngạch xuất khẩu của Lào Cai sang Trung Quốc ước đạt 1.280,6 triệu USD, tăng 12,5% "
    "so với năm 2018.\n"
    "Hai bên đã ký 3 biên bản ghi nhớ hợp tác.\n"
    "Trung Quốc có 80 dự án đầu tư tại Lào Cai với tổng vốn 500 triệu USD.\n"
    "Giai đoạn 2017 - 2019, hơn 1.000 lao động Việt Nam sang làm việc tại Vân Nam."
)


def _span(text: str, part: str) -> dict:
    start = text.index(part)
    return {"text": part, "start": start, "end": start + len(part)}


def _sentence(text: str, part: str) -> dict:
    start = text.index(part)
    return {"sentence": part, "start": start, "end": start + len(part)}


def fixed_reading(text, published, language):
    facts = {
        "format": "tradebridge.facts/1", "published": published.isoformat(),
        "amounts": [{**_span(text, "ước đạt 1.280,6 triệu USD"), "value": 1280600000, "currency": "USD",
                     "qualifier": "estimated", "measure": "kim ngạch xuất khẩu"}],
        "percentages": [{**_span(text, "tăng 12,5%"), "value": 12.5, "direction": "increase"}],
        "counts": [{**_span(text, "500 gian hàng"), "value": 500, "unit": "gian hàng"}],
        "dates": [{**_span(text, "Ngày 10/11/2019"), "normalized": "2019-11-10", "kind": "date"}],
        "countries": ["VNM", "CHN"],
        "places": [{**_span(text, "Lào Cai"), "ref": "VN-02"}],
        "organisations": [{**_span(text, "Sở Công Thương tỉnh Lào Cai"), "ref": None}],
    }
    proposals = [
        {"kind": "event", **_sentence(text, "Ngày 10/11/2019, tại thành phố Lào Cai"),
         "fields": {"kind": "hội chợ", "title": "Hội chợ thương mại quốc tế Việt - Trung", "date": "2019-11-10",
                    "place": "Lào Cai", "place_ref": "VN-02", "organisers": ["Sở Công Thương tỉnh Lào Cai"],
                    "attendance": 500}},
        {"kind": "trade_figure", **_sentence(text, "Năm 2019, kim ngạch xuất khẩu"),
         "fields": {"reporter": "VN-02", "partner": "CHN", "flow": "export", "product": None, "period": "2019",
                    "year": 2019, "value": 1280600000, "currency": "USD", "qualifier": "estimated",
                    "growth_pct": 12.5}},
        {"kind": "agreements", **_sentence(text, "Hai bên đã ký 3 biên bản ghi nhớ hợp tác."),
         "fields": {"count": 3, "parties": [], "countries": ["VNM", "CHN"], "categories": [], "date": None}},
        {"kind": "investment", **_sentence(text, "Trung Quốc có 80 dự án đầu tư"),
         "fields": {"direction": "inbound", "investor_country": "CHN", "host_country": "VNM", "projects": 80,
                    "capital": 500000000, "currency": "USD", "period": None}},
        {"kind": "labour", **_sentence(text, "Giai đoạn 2017 - 2019, hơn 1.000 lao động"),
         "fields": {"country": "CHN", "workers": 1000, "programme": None, "period": "2017/2019"}},
    ]
    return facts, proposals


@pytest.fixture(autouse=True)
def fixed_engine(monkeypatch):
    monkeypatch.setattr(services, "read_article", fixed_reading)


def import_form(**changes) -> dict:
    return {"url": URL, "published": "2019-11-12", "language": "vi", "title": "", "text": TEXT, **changes}


def imported(officer) -> Article:
    return services.do_import_article(actor=officer, text=TEXT, url=URL, published=dt.date(2019, 11, 12))


def form_data(candidate: Candidate, user, **changes) -> dict:
    """What the review page posts when the user accepts the form as filled in (with `changes`)."""
    form = candidate_form(candidate, user)
    data = {}
    for name, field in form.fields.items():
        value = changes.get(name, form.initial.get(name, field.initial))
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(v) for v in value]
        else:
            data[form.add_prefix(name)] = value.isoformat() if isinstance(value, dt.date) else str(value)
    return data


def test_import_shows_the_facts_by_kind_and_the_records_filled_in(vn_officer):
    client = client_for(vn_officer)
    response = client.post("/news/import/", import_form())
    article = Article.objects.get(url=URL)
    assert response.status_code == 302 and response.url == f"/news/{article.pk}/"
    assert article.title == "Lào Cai và Vân Nam mở hội chợ biên giới"
    assert article.added_by == vn_officer and article.history.count() == 1
    assert sorted(article.candidates.values_list("kind", flat=True)) == [
        "agreements", "event", "investment", "labour", "trade_figure"]
    page = client.get(response.url).content.decode()
    assert 'data-testid="fact-legend"' in page
    for kind in ("amounts", "percentages", "counts", "dates", "places", "organisations"):
        assert f'<mark class="fact fact-{kind}"' in page
    assert '<mark class="fact fact-amounts" data-kind="amounts" title="1280600000 USD estimated">' \
           "ước đạt 1.280,6 triệu USD<span class=\"fact-tag\" lang=\"en\">amount</span></mark>" in page
    trade = article.candidates.get(kind="trade_figure")
    assert f'name="c{trade.pk}-value" value="1280600000"' in page
    assert f'name="c{trade.pk}-reporter" value="VN-02"' in page


def test_the_same_address_or_the_same_text_is_refused_naming_the_first(vn_officer, lao_officer):
    first = imported(vn_officer)
    client = client_for(lao_officer)
    by_address = client.post("/news/import/", import_form(text="Một bài khác hẳn."))
    assert by_address.status_code == 200
    assert f"This address is already stored: article #{first.pk}" in by_address.content.decode()
    assert f'href="/news/{first.pk}/" data-testid="first-article"' in by_address.content.decode()
    # The same text copied again: decomposed accents, other line breaks, another address.
    copy = unicodedata.normalize("NFD", TEXT).replace("\n", "\r\n  ")
    by_text = client.post("/news/import/", import_form(url="https://other.example/copy", text=copy))
    assert f"The same text is already stored: article #{first.pk}" in by_text.content.decode()
    assert Article.objects.count() == 1
    api = client.post("/api/news/articles", {"text": TEXT, "published": "2019-11-12"},
                      content_type="application/json")
    assert api.status_code == 409 and api.json()["first"] == first.pk


def test_accepted_records_exist_with_the_article_as_their_source(vn_officer, administrator):
    article = imported(vn_officer)
    client = client_for(vn_officer)
    trade = article.candidates.get(kind="trade_figure")
    response = client.post(f"/news/candidates/{trade.pk}/accept/", form_data(trade, vn_officer))
    assert response.status_code == 302, response.content.decode()[:3000]
    con = TradeStore().connect()
    row = con.execute("SELECT value, qualifier, growth_pct, source FROM reported WHERE year = 2019 AND "
                      "reporter = 'VN-02' AND partner = 'CHN' AND flow = 'export'").fetchone()
    con.close()
    assert row[:3] == (1280600000.0, "estimated", 12.5)
    assert row[3].startswith(f"{URL} (2019-11-12): “Năm 2019, kim ngạch xuất khẩu")
    province = client.get("/trade/province/?reporter=VN-02&partner=CHN").content.decode()
    assert f"{URL} (2019-11-12)" in province

    event_candidate = article.candidates.get(kind="event")
    data = form_data(event_candidate, vn_officer)
    assert data[f"c{event_candidate.pk}-organizers"] == ["laocai-doit"]  # named in the article
    assert data[f"c{event_candidate.pk}-kind"] == "fair"
    assert client.post(f"/news/candidates/{event_candidate.pk}/accept/", data).status_code == 302
    event = Event.objects.get(title_vi="Hội chợ thương mại quốc tế Việt - Trung")
    assert event.starts_on == dt.date(2019, 11, 10) and event.source.startswith(URL)
    assert event.history.first().history_user == vn_officer
    citation = SourceCitation.objects.get(candidate=event_candidate)
    assert citation.record == event and citation.article == article
    # A draft event of the Lào Cai department: its staff and administrators see it.
    detail = client_for(administrator).get(f"/events/{event.slug}/").content.decode()
    assert "Ngày 10/11/2019, tại thành phố Lào Cai" in detail and URL in detail

    event_candidate.refresh_from_db()
    assert event_candidate.status == "accepted" and event_candidate.fields["organizers"] == ["laocai-doit"]
    assert list(event_candidate.history.values_list("history_change_reason", flat=True)) == ["accepted", "proposed"]
    again = client.post(f"/news/candidates/{event_candidate.pk}/accept/", data, follow=True)
    assert "This candidate was already accepted." in again.content.decode()
    assert Event.objects.filter(title_vi="Hội chợ thương mại quốc tế Việt - Trung").count() == 1
    review = client.get(f"/news/{article.pk}/").content.decode()
    assert f'href="/events/{event.slug}/" data-testid="record-link"' in review


def test_a_refused_record_changes_nothing_and_discard_keeps_history(vn_officer):
    article = imported(vn_officer)
    client = client_for(vn_officer)
    trade = article.candidates.get(kind="trade_figure")
    response = client.post(f"/news/candidates/{trade.pk}/accept/", form_data(trade, vn_officer, currency="VND"))
    assert response.status_code == 200 and "Reported figures are kept in USD" in response.content.decode()
    unknown = client.post(f"/news/candidates/{trade.pk}/accept/", form_data(trade, vn_officer, partner="XXX"))
    assert "unknown country or province code" in unknown.content.decode()
    trade.refresh_from_db()
    assert trade.status == "proposed" and not SourceCitation.objects.exists()

    agreements = article.candidates.get(kind="agreements")
    assert client.post(f"/news/candidates/{agreements.pk}/discard/").status_code == 302
    agreements.refresh_from_db()
    assert agreements.status == "discarded" and agreements.decided_by == vn_officer
    assert agreements.history.first().history_change_reason == "discarded"
    twice = client.post(f"/news/candidates/{agreements.pk}/discard/", follow=True)
    assert "This candidate was already discarded." in twice.content.decode()


def test_only_agency_staff_and_administrators_import_and_review(vn_officer, administrator, outsider, cn_member):
    article = imported(vn_officer)
    candidate = article.candidates.get(kind="agreements")
    pages = [("get", "/news/"), ("get", "/news/import/"), ("post", "/news/import/"),
             ("get", f"/news/{article.pk}/"), ("post", f"/news/candidates/{candidate.pk}/accept/"),
             ("post", f"/news/candidates/{candidate.pk}/discard/")]
    calls = [("get", "/api/news/articles", None),
             ("post", "/api/news/articles", {"text": "x", "published": "2024-01-01"}),
             ("get", f"/api/news/articles/{article.pk}", None),
             ("post", f"/api/news/candidates/{candidate.pk}/accept", {"fields": {}}),
             ("post", f"/api/news/candidates/{candidate.pk}/discard", None)]
    for user in (outsider, cn_member, None):
        client = client_for(user)
        for method, url in pages:
            data = import_form(url="https://x.example/a") if method == "post" else None
            response = getattr(client, method)(url, data)
            if user is None:
                assert response.status_code == 302 and "/accounts/login/" in response.url, url
            else:
                assert response.status_code == 403, (user, url)
        for method, url, body in calls:
            kwargs = {"content_type": "application/json", "data": body} if body is not None else {}
            response = getattr(client, method)(url, **kwargs)
            assert response.status_code == (401 if user is None else 403), (user, url)
    candidate.refresh_from_db()
    assert candidate.status == "proposed" and Article.objects.count() == 1
    assert client_for(administrator).get(f"/news/{article.pk}/").status_code == 200
    assert client_for(vn_officer).get("/news/").status_code == 200


def test_the_api_imports_accepts_with_corrections_and_discards(lao_officer):
    client = client_for(lao_officer)
    response = client.post("/api/news/articles", {"text": TEXT, "published": "2019-11-12", "url": URL},
                           content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["facts"]["amounts"][0]["value"] == 1280600000
    by_kind = {c["kind"]: c for c in body["candidates"]}
    accept = client.post(f"/api/news/candidates/{by_kind['trade_figure']['id']}/accept",
                         {"fields": {"value": "1300000000", "qualifier": ""}}, content_type="application/json")
    assert accept.status_code == 200, accept.content
    assert accept.json()["record"]["key"] == "reported:2019/VN-02/CHN/export/TOTAL"
    assert accept.json()["fields"]["value"] == 1300000000
    refused = client.post(f"/api/news/candidates/{by_kind['agreements']['id']}/accept", {"fields": {}},
                          content_type="application/json")
    assert refused.status_code == 422 and "parties" in refused.json()["fields"]
    parties = {"fields": {"parties": ["laocai-doit", "vientiane-doic"], "category": "trade_promotion"}}
    agreement = client.post(f"/api/news/candidates/{by_kind['agreements']['id']}/accept", parties,
                            content_type="application/json")
    assert agreement.status_code == 200, agreement.content
    record = Agreement.objects.get(pk=agreement.json()["record"]["id"])
    assert (record.kind, record.category, record.summary) == ("mou", "trade_promotion", "The article counts 3 agreements.")
    assert record.source.startswith(URL) and record.parties.count() == 2
    discard = client.post(f"/api/news/candidates/{by_kind['event']['id']}/discard")
    assert discard.status_code == 200 and discard.json()["status"] == "discarded"
    investment = client.post(f"/api/news/candidates/{by_kind['investment']['id']}/accept", {"fields": {}},
                             content_type="application/json")
    assert investment.status_code == 200, investment.content
    record = InvestmentRecord.objects.get(pk=investment.json()["record"]["id"])
    assert (record.source_country.alpha3, record.projects, record.capital_usd, record.year) == ("CHN", 80, 500000000, 2019)
    assert record.source == f"{URL} (2019-11-12)" and record.citation.startswith("Trung Quốc có 80 dự án")
    labour = client.post(f"/api/news/candidates/{by_kind['labour']['id']}/accept",
                         {"fields": {"sending_province": "VN-02", "receiving_province": "CN-YN"}},
                         content_type="application/json")
    assert labour.status_code == 200, labour.content
    programme = LabourProgramme.objects.get(pk=labour.json()["record"]["id"])
    assert (programme.starts_on, programme.ends_on, programme.workers_sent) == (
        dt.date(2017, 1, 1), dt.date(2019, 12, 31), 1000)
    assert "Giai đoạn 2017 - 2019" in programme.source
    assert client.get(labour.json()["record"]["url"]).status_code == 200
    statuses = {c["kind"]: c["status"] for c in client.get(f"/api/news/articles/{body['id']}").json()["candidates"]}
    assert statuses == {"event": "discarded", "trade_figure": "accepted", "agreements": "accepted",
                        "investment": "accepted", "labour": "accepted"}


def test_a_seed_article_with_the_real_engine_is_proposed_as_the_demo_states_it(vn_officer, monkeypatch):
    monkeypatch.undo()  # the real extraction and relations
    client = client_for(vn_officer)
    response = client.post("/api/news/articles", {"text": SEED_000, "published": "2023-04-25"},
                           content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert {"VNM", "LAO"} <= set(body["facts"]["countries"])
    figures = [c for c in body["candidates"] if c["kind"] == "trade_figure"]
    assert {"reporter": "VN-HN", "partner": "LAO", "flow": "export", "year": 2022, "value": 200000000,
            "qualifier": "estimated", "growth_pct": 20.0}.items() <= figures[0]["proposed"].items()
    candidate = Candidate.objects.get(pk=figures[0]["id"])
    initial = candidate_form(candidate, vn_officer).initial
    assert (initial["reporter"], initial["value"], initial["qualifier"]) == ("VN-HN", 200000000, "estimated")
