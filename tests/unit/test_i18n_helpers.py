import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradebridge.core.i18n import FIELD_SUFFIX, UnknownLanguage, check_language, localized


class Named:
    def __init__(self, **names):
        for code in ("vi", "lo", "zh_hans", "en"):
            setattr(self, f"name_{code}", names.get(code, ""))


@pytest.mark.parametrize(("raw", "code"), [("vi", "vi"), ("LO", "lo"), ("zh_Hans", "zh-hans"),
                                            ("zh-cn", "zh-hans"), ("zh", "zh-hans"), (" en ", "en")])
def test_check_language_accepts_common_spellings(raw, code):
    assert check_language(raw) == code


@given(st.text(max_size=12))
def test_check_language_refuses_anything_else_naming_it(raw):
    try:
        code = check_language(raw)
    except UnknownLanguage as exc:
        assert repr(raw) in str(exc) and "vi, lo, zh-hans, en" in str(exc)
    else:
        assert code in FIELD_SUFFIX


def test_localized_falls_back_to_english_then_any():
    both = Named(vi="Lào", en="Laos")
    assert localized(both, language="vi") == "Lào"
    assert localized(both, language="lo") == "Laos"
    assert localized(Named(zh_hans="老挝"), language="vi") == "老挝"
    assert localized(Named(), language="en") == ""
