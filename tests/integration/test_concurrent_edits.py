"""Two people editing one organisation at once (issue 16, item 2): the edit page carries the
values it was loaded from, so a save writes only what its editor changed; a field both changed
is refused with what it is now, and nothing is saved. The API's PATCH changes only the fields
sent, and with If-Match refuses any change since the version read (412)."""

from __future__ import annotations

import html
import json
import re
import threading
import uuid

import pytest
from django.db import connection, connections

from tests.personas import client_for
from tests.threads import in_thread
from tradebridge.core.text import fold
from tradebridge.geo.models import Country
from tradebridge.registry import services
from tradebridge.registry.forms import OrganizationForm
from tradebridge.registry.models import Organization

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]
SLUG = "demo-zhejiang-textiles"
EDIT = f"/organizations/{SLUG}/edit/"


def org() -> Organization:
    return Organization.objects.get(slug=SLUG)


def open_form(client) -> dict:
    """What the browser would post back unchanged: the form's current values and the hidden
    version it was loaded with (read from the page itself)."""
    page = client.get(EDIT)
    assert page.status_code == 200
    token = re.search(r'name="loaded" value="([^"]+)"', page.content.decode())
    assert token, "the edit page carries the values it was loaded from"
    form = OrganizationForm(instance=org())
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = [str(v) for v in value] if isinstance(value, list) else ("" if value is None else value)
    data["loaded"] = html.unescape(token.group(1))
    return data


def test_two_editors_of_different_fields_both_keep_their_change(cn_member, vn_officer):
    member, officer = client_for(cn_member), client_for(vn_officer)
    first, second = open_form(member), open_form(officer)
    first["description"] = "Silk and velvet, since 1998"
    assert member.post(EDIT, first).status_code == 302
    second["contact_phone"] = "+86 571 0000 0000"
    assert officer.post(EDIT, second).status_code == 302
    saved = org()
    assert saved.description == "Silk and velvet, since 1998"
    assert saved.contact_phone == "+86 571 0000 0000"
    reasons = list(saved.history.values_list("history_change_reason", flat=True)[:2])
    assert reasons == ["edited contact_phone", "edited description"]


def test_a_field_both_changed_is_refused_showing_what_it_is_now(cn_member, vn_officer):
    member, officer = client_for(cn_member), client_for(vn_officer)
    first, second = open_form(member), open_form(officer)
    first["description"] = "Velvet first"
    assert member.post(EDIT, first).status_code == 302
    second["description"] = "Silk second"
    second["address"] = "1 Silk Road, Hangzhou"
    refused = officer.post(EDIT, second)
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Nothing was saved" in page
    assert "Changed meanwhile by someone else to “Velvet first”; you entered “Silk second”." in page
    saved = org()
    assert (saved.description, saved.address) == ("Velvet first", first["address"])
    # Saving the form as shown again keeps the second editor's values, now knowingly.
    again = {**second, "loaded": html.unescape(re.search(r'name="loaded" value="([^"]+)"', page).group(1))}
    assert officer.post(EDIT, again).status_code == 302
    assert (org().description, org().address) == ("Silk second", "1 Silk Road, Hangzhou")


def test_a_damaged_version_is_refused(cn_member):
    client = client_for(cn_member)
    data = {**open_form(client), "description": "x", "loaded": "forged"}
    response = client.post(EDIT, data)
    assert response.status_code == 200 and "damaged" in response.content.decode()
    assert org().description != "x"


def test_a_stale_api_patch_keeps_the_concurrent_change(cn_member, vn_officer):
    """The API read the organisation, someone renamed it, then the PATCH of another field is
    written: the rename stays, and the search text follows the new name."""
    stale = org()
    services.do_update_organization(org(), {"name_en": "Hangzhou Velvet Works"}, actor=vn_officer)
    services.do_update_organization(stale, {"description": "Velvet"}, actor=cn_member)
    saved = org()
    assert (saved.name_en, saved.description) == ("Hangzhou Velvet Works", "Velvet")
    assert "velvet works" in saved.search_text


def test_api_patch_changes_only_what_is_sent_and_honours_if_match(cn_member, vn_officer):
    client = client_for(cn_member)
    read = client.get(f"/api/organizations/{SLUG}")
    etag = read["ETag"]
    assert etag.strip('"').isdigit()
    # Meanwhile an officer changes the phone on the page.
    officer = client_for(vn_officer)
    form = open_form(officer)
    form["contact_phone"] = "+86 1"
    assert officer.post(EDIT, form).status_code == 302
    stale = client.patch(f"/api/organizations/{SLUG}", json.dumps({"description": "Stale"}),
                         content_type="application/json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and "GET it again" in stale.json()["message"]
    assert org().description != "Stale"
    fresh = client.get(f"/api/organizations/{SLUG}")["ETag"]
    patched = client.patch(f"/api/organizations/{SLUG}", json.dumps({"description": "Fresh"}),
                           content_type="application/json", HTTP_IF_MATCH=fresh)
    assert patched.status_code == 200 and patched["ETag"] != fresh
    # Without If-Match, only the fields sent change: the officer's phone stays.
    plain = client.patch(f"/api/organizations/{SLUG}", json.dumps({"address": "2 Velvet Lane"}),
                         content_type="application/json")
    assert plain.status_code == 200
    saved = org()
    assert (saved.description, saved.address, saved.contact_phone) == ("Fresh", "2 Velvet Lane", "+86 1")


# A burst of editors, each changing another field of the form they all loaded at once. On
# PostgreSQL they run in threads on their own connections, so the organisation is committed by
# a helper thread and deleted afterwards (the shared demo data is left alone); SQLite's shared
# in-memory test database takes one writer at a time, so there they save one after the other.
BURST = {"name_vi": "Dệt Chiết Giang", "name_lo": "ແຜ່ນແພເຈີ້ຈຽງ", "name_en": "Zhejiang Weavers",
         "address": "1 West Lake Road", "website": "https://weavers.example", "description": "Silk",
         "contact_email": "sales@weavers.example", "contact_phone": "+86 571 1", "size": "small",
         "certifications": ["ISO 9001"]}
RACING = connection.vendor == "postgresql"


def _make_organization(tag: str) -> Organization:
    # A user-assigned ISO code, so that it cannot clash with a real country of the reference data.
    country = Country.objects.create(alpha2="XB", alpha3="XXB", name_en=f"Land {tag}")
    return Organization.objects.create(slug=f"burst-{tag}", kind=Organization.Kind.ENTERPRISE,
                                       name=f"Burst Textiles {tag}", country=country)


def _remove_organization(organization: Organization) -> None:
    Organization.history.filter(id=organization.pk).delete()
    Organization.objects.filter(pk=organization.pk).delete()
    Country.objects.filter(pk=organization.country_id).delete()


def test_a_burst_of_editors_of_different_fields_all_keep_their_change():
    tag = uuid.uuid4().hex[:8]
    run = in_thread if RACING else (lambda function: function())
    organization = run(lambda: _make_organization(tag))
    try:
        loaded = run(lambda: services.edit_snapshot(organization)["values"])
        start = threading.Barrier(len(BURST)) if RACING else None
        errors: list = []

        def save(field, value):
            try:
                if start is not None:
                    start.wait(timeout=10)
                services.do_update_organization(organization, {**loaded, field: value}, actor=None,
                                                loaded=loaded)
            except Exception as exc:  # the test reports any failure
                errors.append(exc)
            finally:
                if start is not None:
                    connections.close_all()

        if RACING:
            threads = [threading.Thread(target=save, args=item) for item in BURST.items()]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        else:
            for item in BURST.items():
                save(*item)
        assert errors == []
        saved = run(lambda: Organization.objects.get(pk=organization.pk))
        assert {field: getattr(saved, field) for field in BURST} == BURST
        # Each save read the row under its lock, so the search text holds every new name.
        assert all(fold(BURST[name]) in saved.search_text for name in ("name_vi", "name_lo", "name_en"))
    finally:
        if RACING:
            in_thread(lambda: _remove_organization(organization))
