"""Input no field can hold is refused with a 400 naming where it was, never a server error:
a NUL character anywhere (issue 16, item 4) and pagination past what the database counts (item 5)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.personas import client_for
from tradebridge.registry.models import ImportBatch, Organization

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


@pytest.mark.parametrize("url", [
    "/api/organizations?q=%00",
    "/api/products/search?q=ca%00fe",
    "/organizations/?q=%00",
    "/geo/countries/VN%00M/",
    "/products/picker/?q=%00",
    "/agreements/?q=x%00",
])
def test_a_nul_in_an_anonymous_get_is_a_400(url):
    response = client_for(None).get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_the_api_answers_json_naming_the_part():
    response = client_for(None).get("/api/organizations?q=%00")
    assert response.json()["fields"] == {"query": [response.json()["message"]]}


def test_the_page_is_in_the_site_layout_and_the_readers_language():
    response = client_for(None, language="vi").get("/organizations/?q=%00")
    assert response.status_code == 400
    assert 'data-testid="error-page"' in response.content.decode()
    assert "NUL" in response.content.decode()


def test_a_nul_in_a_form_field_changes_nothing(vn_officer):
    org = Organization.objects.get(slug="hanoi-doit")
    before = org.description
    response = client_for(vn_officer).post(f"/organizations/{org.slug}/edit/", {"description": "a\x00b"})
    assert response.status_code == 400
    assert "description" in response.content.decode()
    org.refresh_from_db()
    assert org.description == before


def test_a_nul_escape_in_a_json_body_is_refused(vn_officer):
    org = Organization.objects.get(slug="hanoi-doit")
    response = client_for(vn_officer).patch(
        f"/api/organizations/{org.slug}", json.dumps({"description": "a\u0000b"}),
        content_type="application/json")
    assert response.status_code == 400
    assert response.json()["fields"] == {"body": [response.json()["message"]]}
    org.refresh_from_db()
    assert "\x00" not in org.description


def test_an_escaped_backslash_before_u0000_is_text_not_nul(vn_officer):
    org = Organization.objects.get(slug="hanoi-doit")
    response = client_for(vn_officer).patch(
        f"/api/organizations/{org.slug}", json.dumps({"description": "path \\u0000 text"}),
        content_type="application/json")
    assert response.status_code == 200, response.content
    org.refresh_from_db()
    assert org.description == "path \\u0000 text"


def test_a_nul_in_an_uploaded_file_name_never_reaches_the_database(vn_officer):
    # Django's upload parser drops it from the name (the middleware refuses any left in a part).
    upload = SimpleUploadedFile("list\x00.csv", b"name\nA\n", content_type="text/csv")
    response = client_for(vn_officer).post("/organizations/import/", {"file": upload})
    assert response.status_code == 302
    assert ImportBatch.objects.get().file_name == "list.csv"


@pytest.mark.parametrize("url", ["/api/organizations?offset=9223372036854775808",
                                 "/api/agreements?offset=9223372036854775807",
                                 "/api/organizations?offset=-1"])
def test_pagination_past_the_bound_is_a_422_not_a_500(url):
    response = client_for(None).get(url)
    assert response.status_code == 422
    assert "offset" in json.dumps(response.json())


def test_pagination_at_the_bound_is_an_empty_page():
    response = client_for(None).get("/api/organizations?offset=1000000")
    assert response.status_code == 200
    assert response.json() == []
