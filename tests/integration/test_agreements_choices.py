"""The agreement form's party rows are labelled; the register filters by a country chosen by
name, not a typed code."""

import re

import pytest

from tests.personas import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


def test_party_rows_are_labelled(vn_officer):
    html = client_for(vn_officer).get("/agreements/new/").content.decode()
    rows = re.findall(r'<fieldset class="party-row" data-testid="party-row">(.*?)</fieldset>', html, re.S)
    assert len(rows) == 4
    for number, row in enumerate(rows, start=1):
        assert f"<legend>Party {number}</legend>" in row
        index = number - 1
        assert f'<label for="id_party-{index}-organization">Organisation</label>' in row
        assert f'<label for="id_party-{index}-signatory">Signatory</label>' in row


def test_register_country_filter_is_a_choice_of_countries():
    client = client_for()
    html = client.get("/agreements/").content.decode()
    select = re.search(r'<select name="country".*?</select>', html, re.S).group(0)
    assert '<option value="VNM">Vietnam</option>' in select or '<option value="VNM">Viet Nam</option>' in select
    assert '<option value="LAO">' in select and 'placeholder="VNM"' not in html
    chosen = client.get("/agreements/", {"country": "LAO"}).content.decode()
    assert '<option value="LAO" selected>' in chosen
