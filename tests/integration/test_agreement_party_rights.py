"""Who may change the parties and visibility of an agreement (issue 16, item 8): only the
organisation that recorded it (for an agency's record, that agency) or an administrator. A party
that did not record it is refused through the API (403) and the edit page (a clear error), and
nothing changes; a change that is made is mailed to the other parties and kept in the history."""

from __future__ import annotations

import json
import re

import pytest

from tests.factories.agreements import silk_supply
from tests.personas import client_for
from tradebridge.agreements.models import Agreement, Party

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


@pytest.fixture
def agreement(vn_officer, cn_member):
    """Recorded by the Hanoi agency; signed by Lao Cai and the Zhejiang enterprise."""
    return silk_supply(vn_officer, cn_member, visibility="public")


def parties_of(agreement) -> list[str]:
    return list(Party.objects.filter(agreement=agreement).values_list("organization__slug", flat=True))


def patch(user, agreement, payload):
    return client_for(user).patch(f"/api/agreements/{agreement.pk}", json.dumps(payload),
                                  content_type="application/json")


HIJACK = {"parties": [{"organization": "demo-zhejiang-textiles"}, {"organization": "demo-vn-hanoi-silk"}]}


@pytest.mark.parametrize("payload", [HIJACK, {"visibility": "private"}, {**HIJACK, "title": "Mine now"}])
def test_a_party_that_did_not_record_it_is_refused_through_the_api(agreement, cn_member, mailoutbox, payload):
    response = patch(cn_member, agreement, payload)
    assert response.status_code == 403
    assert "Only Hanoi" in response.json()["message"] and "which recorded this agreement" in response.json()["message"]
    saved = Agreement.objects.get(pk=agreement.pk)
    assert (saved.title, saved.visibility) == ("Silk supply", "public")
    assert parties_of(agreement) == ["laocai-doit", "demo-zhejiang-textiles"]
    assert mailoutbox == []


def test_a_party_still_edits_the_rest_and_its_own_signatory(agreement, cn_member):
    own_signatory = {"title": "Silk supply (2024)", "parties": [
        {"organization": "laocai-doit"}, {"organization": "demo-zhejiang-textiles", "signatory": "Wang Wei"}]}
    assert patch(cn_member, agreement, own_signatory).status_code == 200
    assert Party.objects.get(agreement=agreement, organization__slug="demo-zhejiang-textiles").signatory == "Wang Wei"
    other_signatory = {"parties": [{"organization": "laocai-doit", "signatory": "Someone"},
                                   {"organization": "demo-zhejiang-textiles", "signatory": "Wang Wei"}]}
    assert patch(cn_member, agreement, other_signatory).status_code == 403


def test_another_agency_is_refused_but_an_administrator_may(agreement, lao_officer, administrator):
    assert patch(lao_officer, agreement, {"visibility": "parties"}).status_code == 403
    assert patch(administrator, agreement, {"visibility": "parties"}).status_code == 200
    assert Agreement.objects.get(pk=agreement.pk).visibility == "parties"


def form_data(agreement, **changes) -> dict:
    """The edit page's form as a browser posts it back (parties and visibility unchanged)."""
    data = {"level": agreement.level, "kind": agreement.kind, "title": agreement.title,
            "category": agreement.category, "visibility": agreement.visibility, "signed_on": "2024-03-01",
            "party-TOTAL_FORMS": "4", "party-INITIAL_FORMS": "2", "party-MIN_NUM_FORMS": "4",
            "party-MAX_NUM_FORMS": "12"}
    for index, party in enumerate(agreement.parties.select_related("organization")):
        data[f"party-{index}-organization"] = party.organization.slug
        data[f"party-{index}-signatory"] = party.signatory
    data.update(changes)
    return data


def test_the_edit_page_shows_them_locked_and_refuses_a_forged_change(agreement, cn_member, mailoutbox):
    client = client_for(cn_member)
    url = f"/agreements/{agreement.pk}/edit/"
    page = client.get(url).content.decode()
    assert 'data-testid="parties-locked"' in page and 'data-testid="party-row"' not in page
    assert "which recorded this agreement" in page
    for forged in ({"party-0-organization": "demo-vn-hanoi-silk"}, {"visibility": "private"}):
        response = client.post(url, form_data(agreement, title="Forged", **forged))
        assert response.status_code == 403 and "which recorded this agreement" in response.content.decode(), \
            re.findall(r"error.{0,300}", response.content.decode())
        saved = Agreement.objects.get(pk=agreement.pk)
        assert (saved.title, saved.visibility) == ("Silk supply", "public")
        assert parties_of(agreement) == ["laocai-doit", "demo-zhejiang-textiles"]
    # The page as shown, posted back with another title, is saved.
    assert client.post(url, form_data(agreement, title="Silk supply 2024")).status_code == 302
    assert Agreement.objects.get(pk=agreement.pk).title == "Silk supply 2024"
    assert mailoutbox == []


def test_the_recording_agency_changes_them_and_the_other_parties_hear_of_it(
        agreement, vn_officer, mailoutbox, django_capture_on_commit_callbacks):
    payload = {"visibility": "parties",
               "parties": [{"organization": "laocai-doit"}, {"organization": "demo-vn-hanoi-silk"}]}
    with django_capture_on_commit_callbacks(execute=True):
        assert patch(vn_officer, agreement, payload).status_code == 200
    assert parties_of(agreement) == ["laocai-doit", "demo-vn-hanoi-silk"]
    # The removed enterprise hears of it; the recording agency, which made the change, does not.
    to_member = [m for m in mailoutbox if "wang@example.cn" in m.to]
    assert len(to_member) == 1 and "hoa@example.vn" not in {a for m in mailoutbox for a in m.to}
    body = to_member[0].body
    assert "Silk supply" in body and "Parties:" in body and "Who may see it: Public → Parties and agencies" in body
    # The history keeps who left and who joined, and the visibility change.
    reasons = set(Party.history.filter(agreement_id=agreement.pk).values_list("history_change_reason", flat=True))
    assert {"removed", "set"} <= reasons
    assert Agreement.history.filter(id=agreement.pk, history_change_reason="edited visibility").exists()
