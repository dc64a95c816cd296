"""tradebridge.registry.identifiers: organisation identifiers for Vietnam, China and Laos (no Django)."""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tradebridge.registry.identifiers import (
    SCHEMES,
    IdentifierError,
    organization_code_check_char,
    scheme_for_country,
    uscc_check_char,
    validate,
    validate_cn_uscc,
    validate_la_enterprise_number,
    validate_vn_tax_code,
    vn_tax_code_check_digit,
)

PROPERTY = settings(database=None, deadline=None)


pytestmark = pytest.mark.usefixtures("english_messages")  # messages compared with their msgids

DIGITS = "0123456789"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

# Published registration numbers of well-known companies; each was checked by hand against the
# weights of the standards (and against independent listings of the same company).
VN_REAL = {
    "0300588569": "Vinamilk (Công ty Cổ phần Sữa Việt Nam)",
    "0100109106": "Viettel (Tập đoàn Công nghiệp - Viễn thông Quân đội)",
    "0100112437": "Vietcombank (Ngân hàng TMCP Ngoại thương Việt Nam)",
    "0101245486": "Vingroup (Tập đoàn Vingroup - Công ty CP)",
}
CN_REAL = {
    "91330100716105852F": "阿里巴巴（中国）网络技术有限公司 (Alibaba)",
    "914403001922038216": "华为技术有限公司 (Huawei Technologies)",
    "91440300708461136T": "腾讯科技（深圳）有限公司 (Tencent)",
    "91110108551385082Q": "小米科技有限责任公司 (Xiaomi)",
    "91310000132260250X": "上海汽车集团股份有限公司 (SAIC Motor)",
    "12100000425006133D": "华东师范大学 (East China Normal University; authority 1, not 9)",
}


def raises(validator, raw: str) -> str:
    with pytest.raises(IdentifierError) as info:
        validator(raw)
    return str(info.value)


# --------------------------------------------------------------------------------------------
# Vietnam
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(VN_REAL))
def test_vn_real_codes_are_valid(code: str) -> None:
    assert validate_vn_tax_code(code) == code
    assert validate("vn_tax_code", code) == code


@pytest.mark.parametrize(
    ("first9", "check"),
    [("030058856", 9), ("010010910", 6), ("010011243", 7), ("010124548", 6), ("100000008", None)],
)
def test_vn_check_digit_helper(first9: str, check: int | None) -> None:
    assert vn_tax_code_check_digit(first9) == check


@pytest.mark.parametrize("bad", ["", "12345678", "1234567890", "01001091O"])
def test_vn_check_digit_helper_wants_nine_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        vn_tax_code_check_digit(bad)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("0100109105", "Vietnamese tax code “0100109105”: check digit should be 6"),
        ("0300588560", "Vietnamese tax code “0300588560”: check digit should be 9"),
        # A digit changed in the body moves the expected check digit.
        ("0300588469", "Vietnamese tax code “0300588469”: check digit should be 3"),
        ("0100112407", "Vietnamese tax code “0100112407”: check digit should be 5"),
        ("0100109105-001", "Vietnamese tax code “0100109105-001”: check digit should be 6"),
    ],
)
def test_vn_changed_digit_names_expected_check_digit(raw: str, message: str) -> None:
    assert raises(validate_vn_tax_code, raw) == message


def test_vn_prefix_without_check_digit_is_refused() -> None:
    for last in DIGITS:
        assert "check digit would be 10" in raises(validate_vn_tax_code, "100000008" + last)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  0300588569 ", "0300588569"),
        ("0300 588 569", "0300588569"),
        ("01.00.112.437", "0100112437"),
        ("0100109106-501", "0100109106-501"),
        ("0100109106501", "0100109106-501"),
        ("0100109106 - 509", "0100109106-509"),
        ("0100112437-005", "0100112437-005"),
        ("0100112437 999", "0100112437-999"),
    ],
)
def test_vn_normalisation_and_branches(raw: str, expected: str) -> None:
    assert validate_vn_tax_code(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("030058856", "has 9 digits"),
        ("03005885690", "has 11 digits"),
        ("030058856900", "has 12 digits"),
        ("03005885690012", "has 14 digits"),
        ("0100109106-000", "branch suffix must be 001-999"),
        ("0100109106000", "branch suffix must be 001-999"),
        ("0100109106-01", "a dash may only separate"),
        ("010010-9106", "a dash may only separate"),
        ("0100109106-501-1", "a dash may only separate"),
        ("-0100109106", "a dash may only separate"),
        ("MST0300588569", "contains “M”"),
        ("030058856９", "contains “９”"),  # full-width digit
        ("0300588569/001", "contains “/”"),
    ],
)
def test_vn_refusals_give_reasons(raw: str, reason: str) -> None:
    message = raises(validate_vn_tax_code, raw)
    assert message.startswith("Vietnamese tax code ")
    assert reason in message


@PROPERTY
@given(st.text(alphabet=DIGITS, min_size=9, max_size=9))
def test_vn_appending_the_check_digit_validates_and_no_other_digit_does(first9: str) -> None:
    check = vn_tax_code_check_digit(first9)
    assume(check is not None)
    assert validate_vn_tax_code(f"{first9}{check}") == f"{first9}{check}"
    for other in DIGITS:
        if other != str(check):
            assert raises(validate_vn_tax_code, first9 + other).endswith(f"check digit should be {check}")


def _independent_vn_check(first9: str) -> int | None:
    # Straight from the rule, to cross-check the helper.
    total = 0
    for weight, digit in zip([31, 29, 23, 19, 17, 13, 7, 5, 3], first9, strict=True):
        total += weight * int(digit)
    return {10: None}.get(10 - total % 11, 10 - total % 11)


@PROPERTY
@given(st.text(alphabet=DIGITS, min_size=9, max_size=9))
def test_vn_check_digit_helper_matches_the_rule(first9: str) -> None:
    assert vn_tax_code_check_digit(first9) == _independent_vn_check(first9)


# --------------------------------------------------------------------------------------------
# China
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(CN_REAL))
def test_cn_real_codes_are_valid(code: str) -> None:
    assert validate_cn_uscc(code) == code
    assert validate("cn_uscc", code) == code
    assert uscc_check_char(code[:17]) == code[17]
    assert organization_code_check_char(code[8:16]) == code[16]


@pytest.mark.parametrize(
    ("body", "check"),
    [
        ("71610585", "2"),  # Alibaba
        ("19220382", "1"),  # Huawei
        ("55138508", "2"),  # Xiaomi
        ("13226025", "0"),  # SAIC Motor: 11 - 0 = 11 is written 0
        ("00000006", "X"),  # 6 x 2 = 12 = 1 mod 11: 11 - 1 = 10 is written X
        # Letters count on the full A-Z scale (M = 22, N = 23, J = 19, K = 20), not the USCC's:
        # 66 + 70 + 0 + 10 + 115 + 72 + 76 + 40 = 449 = 9 mod 11, so 2.
        ("MA01N9JK", "2"),
    ],
)
def test_organization_code_check_char(body: str, check: str) -> None:
    assert organization_code_check_char(body) == check


@pytest.mark.parametrize("bad", ["", "7161058", "716105852", "7161058!"])
def test_organization_code_check_char_wants_eight_characters(bad: str) -> None:
    with pytest.raises(ValueError):
        organization_code_check_char(bad)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            "914403001922038217",
            "Chinese unified social credit code “914403001922038217”: check character should be 6",
        ),
        (
            "91330100716105852E",
            "Chinese unified social credit code “91330100716105852E”: check character should be F",
        ),
        # The division code changed: the organisation code still checks, the whole code does not.
        (
            "91330200716105852F",
            "Chinese unified social credit code “91330200716105852F”: check character should be L",
        ),
        (
            "91330100716105853F",
            "Chinese unified social credit code “91330100716105853F”: "
            "organisation code check character (position 17) should be 2",
        ),
    ],
)
def test_cn_changed_character_names_expected_check(raw: str, message: str) -> None:
    assert raises(validate_cn_uscc, raw) == message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("91330100716105852f", "91330100716105852F"),
        ("  91310000132260250x\t", "91310000132260250X"),
        ("\n91440300708461136t ", "91440300708461136T"),
    ],
)
def test_cn_normalisation(raw: str, expected: str) -> None:
    assert validate_cn_uscc(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "is empty"),
        ("9133010071610585", "has 16 characters; expected 18"),
        ("91330100716105852FF", "has 19 characters; expected 18"),
        ("9133010071610585IF", "the letters I, O, Z, S and V are never used"),
        ("91330100716105852o", "the letters I, O, Z, S and V are never used"),
        ("9144 0300 1922 0382 16", "contains “ ”"),
        ("91330100-716105852F", "contains “-”"),
        ("9133010071610585２F", "contains “２”"),
        ("91A30100716105852F", "positions 3-8 (administrative division code) must be digits"),
    ],
)
def test_cn_refusals_give_reasons(raw: str, reason: str) -> None:
    message = raises(validate_cn_uscc, raw)
    assert message.startswith("Chinese unified social credit code ")
    assert reason in message


@pytest.mark.parametrize(
    "bad", ["", "9133010071610585", "913301007161058520", "9133010071610585I", "91330100716105852"[:16] + "f"]
)
def test_uscc_check_char_wants_seventeen_alphabet_characters(bad: str) -> None:
    with pytest.raises(ValueError):
        uscc_check_char(bad)


@st.composite
def uscc_first17(draw) -> str:
    """17 characters from the USCC alphabet: digits at 3-8 and a valid GB 11714 check at 17."""
    head = draw(st.text(alphabet=USCC_ALPHABET, min_size=2, max_size=2))
    division = draw(st.text(alphabet=DIGITS, min_size=6, max_size=6))
    body = draw(st.text(alphabet=USCC_ALPHABET, min_size=8, max_size=8))
    return head + division + body + organization_code_check_char(body)


@PROPERTY
@given(uscc_first17())
def test_cn_appending_the_check_char_validates_and_no_other_char_does(first17: str) -> None:
    check = uscc_check_char(first17)
    assert validate_cn_uscc(first17 + check) == first17 + check
    for other in USCC_ALPHABET:
        if other != check:
            assert raises(validate_cn_uscc, first17 + other).endswith(f"check character should be {check}")


@PROPERTY
@given(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))
def test_uscc_check_char_matches_the_rule(first17: str) -> None:
    weights = [pow(3, i, 31) for i in range(17)]
    assert weights[:5] == [1, 3, 9, 27, 19]
    total = sum(w * USCC_ALPHABET.index(c) for w, c in zip(weights, first17, strict=True))
    assert (USCC_ALPHABET.index(uscc_check_char(first17)) + total) % 31 == 0


# --------------------------------------------------------------------------------------------
# Laos
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("123456", "123456"),
        ("012345678901", "012345678901"),
        ("0100 2345 67", "0100234567"),
        ("01-00-234567", "0100234567"),
        (" 0100 - 234567 ", "0100234567"),
        ("0123/ERO", "0123/ERO"),
        ("0123/ero", "0123/ERO"),
        ("0123 / Ero", "0123/ERO"),
        ("1/VT", "1/VT"),
        ("123456/ABCDEF", "123456/ABCDEF"),
        ("໐໑໒໓໔໕໖", "0123456"),  # Lao digits
        ("໑໒໓/ERO", "123/ERO"),
    ],
)
def test_la_forms_accepted(raw: str, expected: str) -> None:
    assert validate_la_enterprise_number(raw) == expected
    assert validate("la_enterprise_number", raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("12345", "has 5 digits; expected 6 to 12"),
        ("12 34-5", "has 5 digits; expected 6 to 12"),
        ("1234567890123", "has 13 digits; expected 6 to 12"),
        ("ABC123456", "contains “A”"),
        ("123456.7", "contains “.”"),
        ("１２３４５６", "contains “１”"),  # full-width digits are not accepted
        ("-123456", "spaces and dashes may only separate groups of digits"),
        ("123456-", "spaces and dashes may only separate groups of digits"),
        ("0123/E", "has 1 letters after the slash; expected 2 to 6"),
        ("0123/ABCDEFG", "has 7 letters after the slash; expected 2 to 6"),
        ("1234567/ERO", "has 7 digits before the slash; expected 1 to 6"),
        ("/ERO", "digits, a slash and letters"),
        ("0123/", "digits, a slash and letters"),
        ("0123/ER0", "digits, a slash and letters"),
        ("ERO/0123", "digits, a slash and letters"),
        ("0123/ERO/VTE", "digits, a slash and letters"),
        ("0123/ÉRO", "digits, a slash and letters"),
        ("0123/ລາວ", "digits, a slash and letters"),
    ],
)
def test_la_refusals_give_reasons(raw: str, reason: str) -> None:
    message = raises(validate_la_enterprise_number, raw)
    assert message.startswith("Lao enterprise registration number ")
    assert reason in message


def test_la_docstring_says_format_check_only() -> None:
    doc = validate_la_enterprise_number.__doc__ or ""
    assert "format check only" in doc
    assert "check-digit" in doc


# --------------------------------------------------------------------------------------------
# Dispatch
# --------------------------------------------------------------------------------------------


def test_schemes() -> None:
    assert dict(SCHEMES) == {
        "vn_tax_code": validate_vn_tax_code,
        "cn_uscc": validate_cn_uscc,
        "la_enterprise_number": validate_la_enterprise_number,
    }


def test_unknown_scheme_is_named() -> None:
    with pytest.raises(IdentifierError, match="identifier scheme “th_tax_id”: unknown; the known schemes are") as info:
        validate("th_tax_id", "0105536000000")
    assert "unknown" in str(info.value)
    assert info.value.scheme == "th_tax_id"


def test_error_carries_scheme_value_and_reason() -> None:
    with pytest.raises(IdentifierError) as info:
        validate("vn_tax_code", " 0100109105 ")
    assert isinstance(info.value, ValueError)
    assert (info.value.scheme, info.value.value, info.value.reason) == (
        "vn_tax_code",
        " 0100109105 ",
        "check digit should be 6",
    )


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("vi", "Mã số thuế Việt Nam “0100109105”: chữ số kiểm tra phải là 6"),
        ("lo", "ເລກປະຈຳຕົວຜູ້ເສຍອາກອນຫວຽດນາມ “0100109105”: ຕົວເລກກວດສອບຄວນເປັນ 6"),
        ("zh-hans", "越南税号 “0100109105”：校验位应为 6"),
    ],
)
def test_messages_follow_the_active_language(language: str, message: str) -> None:
    with translation.override(language):
        assert raises(validate_vn_tax_code, "0100109105") == message


def test_invisible_characters_are_shown_escaped() -> None:
    assert "contains “\\t”" in raises(validate_la_enterprise_number, "123\t456")


def test_long_input_is_cut_in_the_message() -> None:
    message = raises(validate_vn_tax_code, "9" * 500)
    assert len(message) < 200


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_non_text_is_an_identifier_error(scheme: str) -> None:
    with pytest.raises(IdentifierError, match="expected text, got NoneType"):
        validate(scheme, None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("alpha3", "scheme"),
    [
        ("VNM", "vn_tax_code"),
        ("CHN", "cn_uscc"),
        ("LAO", "la_enterprise_number"),
        ("lao", "la_enterprise_number"),
        ("THA", None),
        ("VN", None),
        ("", None),
        (None, None),
    ],
)
def test_scheme_for_country(alpha3: str | None, scheme: str | None) -> None:
    assert scheme_for_country(alpha3) == scheme


# --------------------------------------------------------------------------------------------
# Properties across schemes: only IdentifierError, and idempotence
# --------------------------------------------------------------------------------------------

SCHEME_NAMES = st.sampled_from(sorted(SCHEMES))
# Text near the accepted forms reaches deeper checks than arbitrary text does.
NEAR_MISS = st.text(alphabet=DIGITS + USCC_ALPHABET + "abcxyzIOSVZ -/.\t໑໒", max_size=24)


@PROPERTY
@given(SCHEME_NAMES, st.one_of(st.text(), NEAR_MISS))
def test_random_text_raises_only_identifier_error(scheme: str, raw: str) -> None:
    try:
        out = validate(scheme, raw)
    except IdentifierError as error:
        assert str(error)
    else:
        assert validate(scheme, out) == out


@st.composite
def vn_written(draw) -> tuple[str, str]:
    """A valid MST as a person might write it, and its canonical form."""
    first9 = draw(st.text(alphabet=DIGITS, min_size=9, max_size=9))
    check = vn_tax_code_check_digit(first9)
    assume(check is not None)
    code = f"{first9}{check}"
    branch = draw(st.one_of(st.none(), st.integers(1, 999).map(lambda n: f"{n:03d}")))
    sep = draw(st.sampled_from(["", " ", ".", "  "]))
    written = sep.join([code[:4], code[4:7], code[7:]]) if sep else code
    if branch:
        written += draw(st.sampled_from(["-", " - ", "", " "])) + branch
    pad = draw(st.sampled_from(["", " ", "\t"]))
    return pad + written + pad, f"{code}-{branch}" if branch else code


@st.composite
def cn_written(draw) -> tuple[str, str]:
    first17 = draw(uscc_first17())
    code = first17 + uscc_check_char(first17)
    written = "".join(c.lower() if draw(st.booleans()) else c for c in code)
    pad = draw(st.sampled_from(["", " ", "\n", " \t "]))
    return pad + written + pad, code


@st.composite
def la_written(draw) -> tuple[str, str]:
    if draw(st.booleans()):
        groups = draw(st.lists(st.text(alphabet=DIGITS, min_size=1, max_size=4), min_size=1, max_size=6))
        digits = "".join(groups)
        assume(6 <= len(digits) <= 12)
        written = "".join(g + draw(st.sampled_from(["", " ", "-", " - "])) for g in groups[:-1]) + groups[-1]
        return written, digits
    number = draw(st.text(alphabet=DIGITS, min_size=1, max_size=6))
    office = draw(
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", min_size=2, max_size=6)
    )
    slash = draw(st.sampled_from(["/", " / ", "/ "]))
    return f"{number}{slash}{office}", f"{number}/{office.upper()}"


@PROPERTY
@given(
    st.one_of(
        vn_written().map(lambda w: ("vn_tax_code", *w)),
        cn_written().map(lambda w: ("cn_uscc", *w)),
        la_written().map(lambda w: ("la_enterprise_number", *w)),
    )
)
def test_validators_normalise_and_are_idempotent(case: tuple[str, str, str]) -> None:
    scheme, written, canonical = case
    assert validate(scheme, written) == canonical
    assert validate(scheme, canonical) == canonical


@pytest.mark.parametrize("code", sorted(VN_REAL))
def test_vn_codes_are_not_uscc(code: str) -> None:
    assert "expected 18" in raises(validate_cn_uscc, code)


@pytest.mark.parametrize("code", sorted(CN_REAL))
def test_cn_codes_are_neither_mst_nor_lao_numbers(code: str) -> None:
    with pytest.raises(IdentifierError):
        validate_vn_tax_code(code)
    with pytest.raises(IdentifierError):
        validate_la_enterprise_number(code)
