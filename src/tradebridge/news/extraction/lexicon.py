"""Words that qualify, measure or name a figure in Vietnamese trade news."""

from __future__ import annotations

import re


def alternation(words) -> str:
    """A regex alternation, longest first, spaces matching any run of spaces (or none)."""
    parts = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in parts)


# Qualifier words right before a figure → the spec's qualifier.
QUALIFIERS = {
    "xấp xỉ": "approximately", "khoảng": "approximately", "chừng": "approximately",
    "vào khoảng": "approximately", "ước khoảng": "approximately", "tầm": "approximately",
    "trên": "more than", "hơn": "more than", "vượt": "more than", "vượt mức": "more than",
    "trên mức": "more than", "gần": "nearly", "suýt": "nearly", "gần như": "nearly",
    "dưới": "less than", "chưa đến": "less than", "chưa tới": "less than",
    "không đến": "less than", "không tới": "less than", "ít nhất": "at least",
    "tối thiểu": "at least", "không dưới": "at least", "không ít hơn": "at least",
    "dự kiến": "forecast", "dự kiến đạt": "forecast", "dự kiến sẽ đạt": "forecast",
    "dự báo": "forecast", "dự báo đạt": "forecast", "có thể đạt": "forecast",
    "mục tiêu": "target", "phấn đấu": "target", "phấn đấu đạt": "target",
    "chỉ tiêu": "target", "mục tiêu đạt": "target", "đặt mục tiêu": "target",
    "ước đạt": "estimated", "ước tính": "estimated", "ước tính đạt": "estimated",
    "ước": "estimated", "ước thực hiện": "estimated", "ước đạt khoảng": "estimated",
    "ước đạt trên": "estimated", "ước đạt gần": "estimated", "ước đạt hơn": "estimated",
    "ước tính khoảng": "estimated",
}
QUALIFIER = alternation(QUALIFIERS)


def qualifier_of(words: str | None) -> str | None:
    if not words:
        return None
    key = re.sub(r"\s+", " ", words.strip().lower())
    if key in QUALIFIERS:
        return QUALIFIERS[key]
    spaced = {k.replace(" ", ""): v for k, v in QUALIFIERS.items()}
    return spaced.get(key.replace(" ", ""))


CURRENCIES = {
    "usd": "USD", "us$": "USD", "đô la mỹ": "USD", "đô la": "USD", "đôla": "USD", "đô": "USD",
    "dollar": "USD", "$": "USD", "vnd": "VND", "vnđ": "VND", "đồng": "VND", "đ": "VND",
    "kíp": "LAK", "lak": "LAK", "kip": "LAK", "nhân dân tệ": "CNY", "ndt": "CNY", "cny": "CNY",
    "rmb": "CNY", "tệ": "CNY", "euro": "EUR", "eur": "EUR", "baht": "THB", "bạt": "THB",
    "thb": "THB", "yên": "JPY", "jpy": "JPY", "won": "KRW", "krw": "KRW", "riel": "KHR",
    "khr": "KHR", "sgd": "SGD", "đô la singapore": "SGD", "bảng anh": "GBP", "gbp": "GBP",
}
# "đồng" must not be the start of "đồng bộ", "đồng chí" …; "đ" only right after a number.
CURRENCY = (r"(?:US\$|USD|đô\s*la\s*Mỹ|đô\s*la\s*Singapore|đô\s*la|đôla|VNĐ|VND"
            r"|đồng(?!\s*(?:bộ|chí|thời|ý|hành|nghiệp|bằng|chủ|tình|minh|loạt|lòng|đều|hương|ruộng))"
            r"|kíp|LAK|nhân\s*dân\s*tệ|NDT|CNY|RMB|tệ|euro|EUR|baht|bạt|THB|yên|JPY|won|KRW"
            r"|riel|KHR|SGD|bảng\s*Anh|GBP|đ(?=[\s.,;)]|$))(?![a-zà-ỹ])")


def currency_code(words: str) -> str | None:
    key = re.sub(r"\s+", " ", words.strip().lower())
    return CURRENCIES.get(key) or CURRENCIES.get(key.replace(" ", ""))


# Direction words of a percentage, right before it or earlier in its clause.
DIRECTIONS = {
    "tăng": "increase", "tăng trưởng": "increase", "tăng thêm": "increase", "tăng lên": "increase",
    "cao hơn": "increase", "nhiều hơn": "increase", "tăng mạnh": "increase", "tăng nhẹ": "increase",
    "giảm": "decrease", "sụt giảm": "decrease", "giảm đi": "decrease", "thấp hơn": "decrease",
    "giảm mạnh": "decrease", "giảm nhẹ": "decrease", "sụt": "decrease", "đi xuống": "decrease",
    "chiếm": "share", "chiếm tỷ trọng": "share", "tỷ trọng": "share", "chiếm tỉ trọng": "share",
    "tỉ trọng": "share", "chiếm khoảng": "share", "chiếm gần": "share", "chiếm hơn": "share",
    "chiếm trên": "share", "chiếm tới": "share", "chiếm đến": "share",
}
DIRECTION = alternation(DIRECTIONS)
# Words between a direction word and its figure ("tăng tới 20%", "tăng khoảng 20%").
LINKERS = r"(?:tới|đến|lên|khoảng|gần|hơn|trên|xấp xỉ|ở mức|là|đạt|được|thêm|lần lượt)"


def direction_of(words: str) -> str:
    key = re.sub(r"\s+", " ", words.strip().lower())
    for stem, value in sorted(DIRECTIONS.items(), key=lambda kv: -len(kv[0])):
        if key.startswith(stem):
            return value
    return "level"


# Nouns of counted things; the unit reported is the noun as written (lower case).
COUNT_UNITS = [
    "biên bản ghi nhớ", "bản ghi nhớ", "biên bản hợp tác", "biên bản thỏa thuận", "biên bản",
    "thỏa thuận", "thoả thuận", "hợp đồng", "văn kiện", "văn bản", "MOU", "MoU", "hiệp định",
    "dự án", "doanh nghiệp", "công ty", "hợp tác xã", "nhà đầu tư", "tập đoàn", "cơ sở",
    "người lao động", "lao động", "công nhân", "học viên", "sinh viên", "người", "đại biểu",
    "khách hàng", "du khách", "lượt khách", "lượt người", "lượt phương tiện", "lượt xe", "lượt",
    "khách", "gian hàng", "quốc gia", "nước", "tỉnh", "thành phố", "địa phương", "đoàn",
    "phiên", "sự kiện", "hội nghị", "cuộc", "chương trình", "sản phẩm", "mặt hàng", "nhóm hàng",
    "điểm cầu", "phòng", "cửa khẩu", "khu công nghiệp", "cụm công nghiệp", "chợ", "siêu thị",
    "xe", "phương tiện", "container", "chuyến", "tờ khai", "hồ sơ", "làng nghề", "nghệ nhân",
    "hiệp hội", "tổ chức", "cơ quan", "đơn vị", "giấy phép", "nhà máy", "cặp cửa khẩu",
    "lối mở", "thương nhân", "hộ", "tiểu thương", "gian", "quầy", "điểm",
]
COUNT_UNIT = alternation(COUNT_UNITS)
# Units a number word may count: "hai bên", "hai nước" are manners of speaking, not counts.
WORD_COUNT_UNITS = alternation([
    "biên bản ghi nhớ", "bản ghi nhớ", "biên bản", "thỏa thuận", "thoả thuận", "hợp đồng",
    "văn kiện", "dự án", "doanh nghiệp", "gian hàng", "lao động", "đại biểu", "hiệp định",
    "phòng giao thương", "điểm cầu",
])

# Measures named before an amount (the spec's `measure`), longest first.
MEASURES = [
    "vốn đầu tư đăng ký", "tổng vốn đầu tư", "vốn đầu tư", "vốn đăng ký", "tổng vốn đăng ký",
    "vốn FDI", "tổng vốn FDI đăng ký", "vốn điều lệ", "giá trị góp vốn", "tổng số vốn",
    "tổng vốn", "vốn", "kim ngạch xuất nhập khẩu", "kim ngạch thương mại hai chiều",
    "kim ngạch thương mại", "kim ngạch xuất khẩu", "kim ngạch nhập khẩu", "kim ngạch",
    "thương mại hai chiều", "trao đổi thương mại", "xuất nhập khẩu", "xuất khẩu", "nhập khẩu",
    "doanh thu", "giá trị hợp đồng", "giá trị giao dịch", "giá trị", "trị giá", "thu ngân sách",
    "nộp ngân sách", "tổng giá trị", "viện trợ", "tài trợ", "giải ngân", "doanh số",
]
MEASURE_RE = re.compile(r"(?<![a-zà-ỹ])(" + alternation(MEASURES) + r")(?![a-zà-ỹ])",
                        re.IGNORECASE)
