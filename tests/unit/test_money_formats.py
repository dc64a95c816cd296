"""Money and numbers in the reader's locale (the project's formats modules), and a value already in
US dollars needing no exchange rate."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from tradebridge.agreements import fx
from tradebridge.core.templatetags.figures import money


@pytest.mark.parametrize(("language", "expected", "cents"), [
    ("vi", "2.000.000 USD", "1.234,50 VND"),
    ("lo", "2.000.000 USD", "1.234,50 VND"),
    ("zh-hans", "2,000,000 USD", "1,234.50 VND"),
    ("en", "2,000,000 USD", "1,234.50 VND"),
])
def test_money_is_grouped_in_the_readers_locale(language, expected, cents):
    with translation.override(language):
        assert money(Decimal("2000000.00"), "USD") == expected
        assert money(Decimal("1234.5"), "VND") == cents
        assert money(None, "USD") == ""
        assert Template('{{ v|floatformat:"2g" }}').render(Context({"v": Decimal("2000000")})) in (
            "2.000.000,00", "2,000,000.00")


def test_a_value_in_usd_needs_no_rate():
    assert fx.rate("USD", 1990) == 1 and fx.rate("USD", None) == 1
    assert fx.to_usd(Decimal("2000000"), "USD", None) == Decimal("2000000.00")
    assert fx.rate("XXX", 2022) is None
