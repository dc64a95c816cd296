"""Candidate records from the facts of one article, sentence by sentence (issue 17, item 2).

Each record: {"kind", "sentence", "start", "end", "fields"} with the field keys the review pages
map to models; unknown fields are None.  Rules only: which words sit between the figures.
"""

from __future__ import annotations

import re

from tradebridge.news.extraction.gazetteer import Gazetteer, reference_gazetteer
from tradebridge.news.extraction.text import nfc, sentences, working_copy

F = re.IGNORECASE
_TRADE = re.compile(r"kim ngạch|xuất khẩu|nhập khẩu|thương mại|xuất nhập khẩu|trao đổi|giao thương"
                    r"|buôn bán", F)
_INVEST = re.compile(r"vốn|đầu tư|FDI|dự án", F)
_FLOW = re.compile(r"xuất nhập khẩu|xuất,\s*nhập khẩu|thương mại|hai chiều|trao đổi|xuất khẩu"
                   r"|nhập khẩu", F)
# "Chiết Giang nhập khẩu của Việt Nam": the partner; "kim ngạch nhập khẩu của Hà Nội": the reporter.
_PARTNER_LEAD = re.compile(r"(?:sang|từ|với|tới|đến|vào|thị trường|(?<!ngạch )nhập khẩu của|và)\s+"
                           r"(?:(?:thị trường|nước|các tỉnh|tỉnh|thành phố|TP\.?|Thủ đô)\s+)*$", F)
_HOST_LEAD = re.compile(r"(?:sang|tại|vào|ở)\s+(?:(?:thị trường|nước|tỉnh|thành phố|TP\.?|Thủ đô)\s+)*$",
                        F)
_INVESTOR_LEAD = re.compile(r"(?:từ|của)\s+(?:(?:nước|tỉnh|thành phố|TP\.?|Thủ đô|các nhà đầu tư)"
                            r"\s+)*$", F)
_COMPARISON = re.compile(r"(?:so với|cùng kỳ)\s+(?:cùng kỳ\s+)?$", F)
EVENT_KINDS = [
    ("trade_fair", r"[Hh]ội chợ|[Tt]riển lãm|[Hh]ội chợ triển lãm|[Ee]xpo|EXPO"),
    ("forum", r"[Dd]iễn đàn|[Tt]ọa đàm|[Tt]oạ đàm"),
    ("conference", r"[Hh]ội nghị|[Hh]ội thảo"),
    ("mission", r"[Đđ]oàn (?:giao dịch|xúc tiến|công tác|doanh nghiệp)|[Cc]huyến (?:thăm|khảo sát)"
                r"|[Cc]hương trình xúc tiến"),
    ("meeting", r"[Hh]ội đàm|[Cc]uộc gặp|[Gg]ặp gỡ|[Bb]uổi làm việc|[Hh]ọp|[Gg]iao lưu"),
]
_EVENT_RE = [(kind, re.compile(rf"(?<![\w])(?:{pattern})(?![\w])")) for kind, pattern in EVENT_KINDS]
_VENUE = re.compile(r"(?:Trung tâm|Nhà|Cung|Khu)\s+$")  # "Trung tâm Hội chợ": a place
_ATTENDANCE_UNITS = {"doanh nghiệp", "đại biểu", "khách", "người", "nhà đầu tư",
                     "khách hàng", "đoàn", "thương nhân", "du khách", "lượt khách"}
_AGREEMENT = re.compile(r"biên bản|bản ghi nhớ|thỏa thuận|thoả thuận|hợp đồng|MOU|MoU|văn kiện"
                        r"|hiệp định|ghi nhớ", F)
_SIGN = re.compile(r"ký|trao|thỏa thuận|thoả thuận", F)
_AGREEMENT_UNITS = {"biên bản ghi nhớ", "bản ghi nhớ", "biên bản hợp tác", "biên bản thỏa thuận",
                    "biên bản", "thỏa thuận", "thoả thuận", "hợp đồng", "văn kiện", "MOU", "MoU",
                    "hiệp định"}
_LABOUR = re.compile(r"sang làm việc|xuất khẩu lao động|đưa (?:người )?lao động|làm việc tại"
                     r"|tuyển dụng|đi làm việc|cung ứng lao động|lao động qua biên giới", F)
_LABOUR_UNITS = {"lao động", "người lao động", "công nhân", "người"}


def _within(facts, start, end):
    return [f for f in facts if start <= f["start"] and f["end"] <= end]


def _mentions(work: str, gazetteer: Gazetteer) -> list[dict]:
    out = []
    for m in gazetteer.regex.finditer(work):
        entry = gazetteer.lookup(m.group(0))
        if entry and entry[0] != "city":
            kind, ref, country = entry
            out.append({"start": m.start(), "end": m.end(), "kind": kind, "ref": ref,
                        "country": country})
    return out


def _country(mention):
    return mention["country"] if mention else None


def _ref(mention):
    if not mention:
        return None
    return mention["ref"] if mention["kind"] in ("country", "province") else mention["country"]


def _split_roles(work, mentions, lead_re):
    """(the first mention not led by `lead_re`, the last one that is)."""
    led, other = None, None
    for mention in mentions:
        before = work[max(0, mention["start"] - 40):mention["start"]]
        if lead_re.search(before):
            led = mention
        elif other is None:
            other = mention
    return other, led


def _between(work, mentions):
    """(X, Y) of "giữa X và/với Y", or None."""
    for i, mention in enumerate(mentions[:-1]):
        lead = work[max(0, mention["start"] - 40):mention["start"]]
        if re.search(r"giữa\s+(?:[\w.]+\s+){0,3}$", lead, F):
            partner = mentions[i + 1]
            if re.search(r"\s(?:và|với)\s", work[mention["end"]:partner["start"]]):
                return mention, partner
    return None


def _period(work, dates, before: int | None = None):
    """The date a figure is for: the last one before it that is not a comparison ("so với năm
    2021") nor a dateline, else the first after it."""
    usable = [d for d in dates if not _COMPARISON.search(work[max(0, d["start"] - 20):d["start"]])
              and not re.match(r"\s*[-–—]", work[d["end"]:d["end"] + 3])]
    if before is not None:
        earlier = [d for d in usable if d["start"] < before]
        if earlier:
            return earlier[-1]
        return next((d for d in usable if d["start"] >= before), None)
    return usable[0] if usable else None


def _year(date):
    if not date or not date.get("normalized"):
        return None
    head = date["normalized"][:4]
    return int(head) if head.isdigit() else None


_CAPTION = re.compile(r"\s*\(?\s*(?:Ảnh|Chú thích ảnh|Ảnh minh họa|Ảnh minh hoạ|Video|Nguồn)\b", F)


def _HEADLINE_OR_CAPTION(work, index, start, end) -> bool:  # noqa: N802 - reads as a rule
    line = work[start:end]
    if _CAPTION.match(line):
        return True
    return index == 0 and len(line) < 200 and not line.rstrip().endswith((".", "!", "?"))


def propose_records(text: str, facts: dict, *, gazetteer: Gazetteer | None = None) -> list[dict]:
    """Candidate records of `text` (any normalisation; offsets are of its NFC form)."""
    text = nfc(text)
    work = working_copy(text)
    gazetteer = gazetteer or reference_gazetteer()
    records: list[dict] = []
    state = {"reporter": None, "partner": None, "agreement": False}
    all_mentions = _mentions(work, gazetteer)
    for index, (start, end) in enumerate(sentences(work, semicolons=False)):
        if _HEADLINE_OR_CAPTION(work, index, start, end):
            continue  # the body says it again, with its context
        within = {kind: _within(facts.get(kind, []), start, end)
                  for kind in ("amounts", "percentages", "counts", "dates", "organisations")}
        mentions = [m for m in all_mentions if start <= m["start"] and m["end"] <= end]
        base = {"sentence": text[start:end], "start": start, "end": end}
        found = []
        found += _trade_figures(work, start, within, mentions, state)
        found += _investments(work, start, within, mentions)
        found += _events(work, start, end, within, mentions, records)
        found += _agreements(work, start, end, within, mentions, state)
        found += _labour(work, start, end, within, mentions)
        records += [{"kind": kind, **base, "fields": fields} for kind, fields in found]
    return records


def _trade_figures(work, start, within, mentions, state):
    out = []
    amounts = within["amounts"]
    previous_end = start
    for index, amount in enumerate(amounts):
        local = work[previous_end:amount["start"]]
        measure = amount.get("measure") or ""
        invest = _INVEST.search(measure) or (not _TRADE.search(measure)
                                             and _INVEST.search(local[-60:]))
        if invest or not (_TRADE.search(local) or _TRADE.search(measure)
                          or _TRADE.search(work[start:amount["start"]])):
            previous_end = amount["end"]
            continue
        flows = list(_FLOW.finditer(work, previous_end if _FLOW.search(local) else start,
                                    amount["start"]))
        flow = None
        if flows:
            word = flows[-1].group(0).lower()
            flow = ("export" if word == "xuất khẩu" else "import" if word == "nhập khẩu"
                    else "total")
        local_mentions = [m for m in mentions if previous_end <= m["start"] < amount["start"]] or [
            m for m in mentions if m["start"] < amount["start"]]
        reporter, partner = _between(work, local_mentions) or _split_roles(
            work, local_mentions, _PARTNER_LEAD)
        if reporter is None and partner is None:
            reporter, partner = state["reporter"], state["partner"]
        state["reporter"], state["partner"] = reporter, partner
        next_start = amounts[index + 1]["start"] if index + 1 < len(amounts) else 10**9
        growth = next((p for p in within["percentages"] if amount["end"] <= p["start"] < next_start
                       and p["direction"] in ("increase", "decrease")), None)
        period = _period(work, [d for d in within["dates"] if d["start"] < next_start],
                         amount["start"])
        out.append(("trade_figure", {
            "reporter": _ref(reporter), "partner": _country(partner), "flow": flow,
            "product": _product(work, previous_end, amount["start"]),
            "period": period["normalized"] if period else None, "year": _year(period),
            "value": amount["value"], "currency": amount["currency"],
            "qualifier": amount["qualifier"],
            "growth_pct": (None if growth is None else
                           growth["value"] * (-1 if growth["direction"] == "decrease" else 1)),
        }))
        previous_end = amount["end"]
    return out


_PRODUCT = re.compile(r"(?:xuất khẩu|nhập khẩu)\s+(?:(?:mặt|nhóm)\s+hàng\s+)?(?P<p>[a-zà-ỹ]+(?:\s+"
                      r"[a-zà-ỹ]+){0,3}?)\s+(?=sang|của|từ|đạt|năm|trong|ước|qua|tới|vào|là)")
_NOT_PRODUCT = {"hàng hóa", "hàng hoá", "của", "năm", "trong", "sang", "các", "chủ yếu"}


def _product(work, start, end):
    matches = list(_PRODUCT.finditer(work, start, end))
    match = matches[-1] if matches else None
    if match and match.group("p") not in _NOT_PRODUCT:
        return match.group("p")
    return None


def _investments(work, start, within, mentions):
    amounts = [a for a in within["amounts"]
               if _INVEST.search(a.get("measure") or "")
               or _INVEST.search(work[max(start, a["start"] - 60):a["start"]])]
    projects = next((c for c in within["counts"] if c["unit"] == "dự án"), None)
    sentence = work[start:start + 400]
    if not amounts and not (projects and re.search(r"đầu tư", sentence, F)):
        return []
    if not re.search(r"đầu tư|FDI|góp vốn|dự án", sentence, F):
        return []
    first = amounts[0] if amounts else projects
    before = [m for m in mentions if m["start"] < first["start"]]
    investor, host = None, None
    for mention in before:  # the investor is the last place named before the figure, not led
        lead = work[max(0, mention["start"] - 40):mention["start"]]  # by "sang", "tại", "vào"
        if _HOST_LEAD.search(lead):
            host = mention
        else:
            investor = mention
    if host is None:
        host = next((m for m in mentions if m["start"] > first["start"]
                     and _HOST_LEAD.search(work[max(0, m["start"] - 40):m["start"]])), None)
    investor_country, host_country = _country(investor), _country(host)
    direction = None
    if investor_country == "VNM" and host_country != "VNM":
        direction = "outbound"
    elif host_country == "VNM" or (investor_country and investor_country != "VNM"):
        direction = "inbound"
    period = _period(work, within["dates"], first["start"])
    amount = amounts[0] if amounts else None
    return [("investment", {
        "direction": direction, "investor_country": investor_country,
        "host_country": host_country, "projects": projects["value"] if projects else None,
        "capital": amount["value"] if amount else None,
        "currency": amount["currency"] if amount else None,
        "period": period["normalized"] if period else None,
    })]


def _events(work, start, end, within, mentions, records):
    sentence = work[start:end]
    hits = [(m.start(), kind, m) for kind, regex in _EVENT_RE for m in regex.finditer(sentence)
            if not _VENUE.search(sentence[max(0, m.start() - 12):m.start()])]
    if not hits:
        return []
    # A named event ("Hội nghị …", capitalised) before a trip it happens in ("chuyến thăm").
    _, kind, match = min(hits, key=lambda h: (not h[2].group(0)[0].isupper() and h[0] > 0, h[0]))
    attendance = [c for c in within["counts"] if c["unit"] in _ATTENDANCE_UNITS
                  and not re.search(r"trong đó(?:\s+có)?\s+$", work[max(0, c["start"] - 15):c["start"]])]
    previous = next((r for r in reversed(records[-4:]) if r["kind"] == "event"), None)
    generic = match.start() == 0 or re.match(r"\s*(?:Tại|Trong|Kết thúc|Sau)\s", sentence)
    if previous and (generic or not within["dates"]) and previous["fields"]["kind"] == kind:
        fields = previous["fields"]
        if attendance:
            fields["attendance"] = (fields["attendance"] or 0) + sum(c["value"] for c in attendance)
        for organiser in within["organisations"]:
            if organiser["text"] not in fields["organisers"]:
                fields["organisers"].append(organiser["text"])
        return []
    dated = [d for d in within["dates"] if d["kind"] != "period"]
    if not dated:
        return []
    title_start = start + match.start()
    quoted = re.match(r'\s*"([^"]{3,200})"', work[start + match.end():end])
    if quoted:
        title = match.group(0) + " " + quoted.group(1).strip()
    else:
        tail = re.split(r"[,.;:()\"]|\s(?:tại|do|với|vào|nhằm|được|đã|sẽ|diễn ra|là|giữa)\s",
                        work[title_start:end])[0]
        title = tail.strip()
    place = next((m for m in mentions
                  if re.search(r"tại\s+(?:(?:thành phố|TP\.?|tỉnh|Thủ đô)\s+)?$",
                               work[max(0, m["start"] - 25):m["start"]], F)), None)
    date = _most_precise(dated)
    return [("event", {
        "kind": kind, "title": title[:200], "date": date["normalized"],
        "place": work[place["start"]:place["end"]] if place else None,
        "place_ref": place["ref"] if place else None,
        "organisers": [o["text"] for o in within["organisations"]],
        "attendance": sum(c["value"] for c in attendance) if attendance else None,
    })]


_PRECISION = {"datetime": 0, "date": 1, "range": 1, "month": 2, "quarter": 3, "period": 3,
              "year": 4}


def _most_precise(dates):
    """The date that says most: a day or a range of days before a month, a month before a year."""
    ranked = [d for d in dates if d.get("normalized")] or dates
    return min(ranked, key=lambda d: _PRECISION.get(d["kind"], 5)) if ranked else None


_NAMED_AGREEMENT = re.compile(r"(?<![\w])(?:Biên bản|Bản ghi nhớ|Hiệp định|Thỏa thuận|Thoả thuận"
                              r"|Hợp đồng)(?![\w])")


def _agreements(work, start, end, within, mentions, state):
    """One record per named agreement in the sentence ("Biên bản …; Biên bản …")."""
    cuts = [m.start() + start for m in _NAMED_AGREEMENT.finditer(work, start, end)]
    cuts = [c for i, c in enumerate(cuts) if i == 0 or c - cuts[i - 1] > 40]
    if len(cuts) < 2:
        return _agreement(work, start, end, within, mentions, state)
    bounds = [start] + cuts[1:] + [end]
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        part = {kind: [f for f in facts if a <= f["start"] < b] for kind, facts in within.items()}
        out += _agreement(work, a, b, part, [m for m in mentions if a <= m["start"] < b], state)
    return out


def _agreement(work, start, end, within, mentions, state):
    sentence = work[start:end]
    had = state["agreement"]
    state["agreement"] = False
    if not (_AGREEMENT.search(sentence) and _SIGN.search(sentence)):
        return []
    if had and re.match(r"\s*(?:Cụ thể|Trong đó)", sentence):
        state["agreement"] = True
        return []  # a breakdown of the agreements just counted
    count = next((c for c in within["counts"] if c["unit"] in _AGREEMENT_UNITS), None)
    if count is None and not re.search(r"lễ (?:ký|trao)|đã ký|ký kết|được ký", sentence, F):
        return []
    categories = []
    lowered = sentence.lower()
    for word, category in (("ghi nhớ", "MOU"), ("mou", "MOU"), ("thỏa thuận", "agreement"),
                           ("thoả thuận", "agreement"), ("hợp đồng", "contract"),
                           ("hiệp định", "treaty"), ("văn kiện", "document")):
        if word in lowered and category not in categories:
            categories.append(category)
    countries = []
    for mention in mentions:
        if mention["country"] and mention["country"] not in countries:
            countries.append(mention["country"])
    date = _most_precise(within["dates"])
    state["agreement"] = True
    return [("agreements", {
        "count": count["value"] if count else 1,
        "parties": [o["text"] for o in within["organisations"]] or _parties(sentence),
        "countries": countries, "categories": categories,
        "date": date["normalized"] if date else None,
    })]


def _parties(sentence):
    match = re.search(r"giữa\s+(.+?)\s+(?:với|và)\s+(.+?)(?=[,.;(]|\s(?:về|trong|tại|nhằm|mở)\s|$)",
                      sentence)
    return [match.group(1).strip(), match.group(2).strip()] if match else []


def _labour(work, start, end, within, mentions):
    sentence = work[start:end]
    workers = next((c for c in within["counts"] if c["unit"] in _LABOUR_UNITS), None)
    if workers is None or not _LABOUR.search(sentence):
        return []
    after = [m for m in mentions if m["start"] > workers["end"]]
    host = next((m for m in after if m["country"] and m["country"] != "VNM"), None) or next(
        iter(after), None)
    programme = re.search(r"[Cc]hương trình\s+([^,.;]{3,120})", sentence)
    period = _period(work, within["dates"])
    return [("labour", {
        "country": _country(host), "workers": workers["value"],
        "programme": programme.group(1).strip() if programme else None,
        "period": period["normalized"] if period else None,
    })]
