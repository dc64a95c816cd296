"""Organisations named in an article: found by their head word (Sở, Bộ, Trung tâm …) and
linked to the registry by a diacritics- and case-insensitive key."""

from __future__ import annotations

import re

from tradebridge.core.text import fold

HEADS = (r"Tổng\s+cục|Chi\s+cục|Cục|Bộ|Sở|Trung\s+tâm|Hiệp\s+hội|Hội|Viện|Học\s+viện"
         r"|Ban\s+[Qq]uản\s+lý|Công\s+ty|Tập\s+đoàn|Ngân\s+hàng|Phòng\s+Thương\s+mại"
         r"|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|UBND|Đại\s+sứ\s+quán|Tổng\s+Lãnh\s+sự\s+quán"
         r"|Thương\s+vụ|Trường\s+Đại\s+học|Hợp\s+tác\s+xã|HTX|Liên\s+minh|Tổng\s+công\s+ty")
# Head words that start something else: "Hội nghị", "Bộ trưởng", "Sở hữu".
_NOT_ORG = re.compile(r"(?:Hội\s+(?:nghị|chợ|đàm|thảo|nhập|tụ|trường|diễn|họp|ngộ|viên|đồng)"
                      r"|Bộ\s+(?:trưởng|phận|máy|đội|ngành|luật|quy|chứng|sưu|hồ)|Sở\s+hữu"
                      r"|Cục\s+trưởng|Viện\s+trưởng|Hội\s+Liên|Trung\s+tâm\s+(?:thương\s+mại|hội))")
HEAD_RE = re.compile(rf"(?<![\w])(?:{HEADS})(?![\w])")
_TOKEN = re.compile(r"TP\.|[\w&'’]+(?:-[\w&]+)*|\s*-\s*|\S", re.UNICODE)
_STOP = frozenset({
    "đã", "đang", "sẽ", "với", "về", "cho", "của", "tại", "trong", "được", "là", "có", "do", "để",
    "nhằm", "phối", "cùng", "đến", "từ", "theo", "khi", "này", "đó", "cũng", "vừa", "tiếp", "nhấn",
    "bày", "đề", "hỗ", "ký", "ở", "hai", "ba", "các", "những", "nhiều", "một", "mọi", "luôn", "đều",
    "thì", "mà", "nên", "nhưng", "hay", "hoặc", "trên", "dưới", "sau", "trước", "giữa", "bên",
    "thuộc", "gồm", "như", "vào", "ra", "lên", "xuống", "rất", "đây", "năm", "ngày", "tháng", "chủ",
    "tổ"
})
EXPANSIONS = {"lđtb&xh": "lao dong thuong binh va xa hoi", "lđtbxh": "lao dong thuong binh va xa hoi",
              "ct": "cong thuong"}
_FILLERS = re.compile(r"\b(?:thu do|tinh|thanh pho|tp|nuoc|cong hoa dan chu nhan dan)\b")


def org_key(name: str) -> str:
    """What two spellings of one organisation share: folded, abbreviations expanded,
    "Thủ đô", "tỉnh", "TP." and punctuation left out."""
    words = []
    for word in re.split(r"[\s\-–,.()]+", name):
        low = word.lower()
        words.append(EXPANSIONS.get(low, word))
    key = fold(" ".join(words))
    key = re.sub(r"[^\w ]+", " ", key)
    key = _FILLERS.sub(" ", key)
    return re.sub(r"\s+", " ", key).strip()


def find_organisations(text: str, work: str, registry: dict[str, str],
                       places: list[dict] = ()) -> list[dict]:
    """Organisations by head word; `registry` maps org_key(name) → slug.  A name ends with the
    first place it names ("Sở Công Thương Hà Nội | Trần Thị …", "Bộ Công Thương Lào | làm")."""
    out: list[dict] = []
    taken_until = -1
    for head in HEAD_RE.finditer(work):
        if head.start() < taken_until or _NOT_ORG.match(work, head.start()):
            continue
        end = _extend(work, head.end())
        for place in places:
            if head.end() < place["start"] < end and place["end"] < end:
                end = place["end"]
                break
        if end - head.start() < len(head.group(0)) + 2:
            continue  # a head word alone ("Bộ", "Sở") names nothing in particular
        name = text[head.start():end]
        out.append({"text": name, "start": head.start(), "end": end,
                    "ref": _link(name, registry)})
        taken_until = end
    return out


def _extend(work: str, position: int) -> int:
    """End of an organisation's name that starts with a head word ending at `position`."""
    end, count = position, 0
    for m in _TOKEN.finditer(work, position):
        token = m.group(0)
        stripped = token.strip()
        if not stripped:
            continue
        if m.start() > end and "\n" in work[end:m.start()]:
            break
        if stripped == "-":
            count += 1
            continue
        if not (stripped[0].isalnum() or stripped[0] == "&"):
            break
        low = stripped.lower()
        if low == "và":  # "Sở A và Sở B": two; "Lao động và Phúc lợi": one name
            if HEAD_RE.match(work, m.end() + 1) or HEAD_RE.match(work, m.end()):
                break
            nxt = work[m.end():m.end() + 2].strip()[:1]
            if not nxt or not (nxt.isupper() or count < 4):
                break
        elif low in _STOP or (count >= 9 and not stripped[0].isupper()) or stripped.isdigit():
            break
        count += 1
        end = m.end()
        if count >= 14:
            break
    # A trailing "-" or "và" is not part of the name.
    tail = work[position:end]
    trimmed = re.sub(r"(?:\s*-\s*|\s+và)$", "", tail)
    return position + len(trimmed)


def _link(name: str, registry: dict[str, str]) -> str | None:
    if not registry:
        return None
    key = org_key(name)
    if key in registry:
        return registry[key]
    # "Bộ Công thương" alone in an article about one country: no guess, left unlinked.
    return None


def registry_table() -> dict[str, str]:
    """org_key → slug of the registry's organisations and aliases, or {} without a database."""
    try:
        from tradebridge.registry.models import Organization

        table: dict[str, str] = {}
        for row in Organization.objects.values("slug", "name", "name_vi", "name_en"):
            for field in ("name", "name_vi", "name_en"):
                if row[field]:
                    table.setdefault(org_key(re.sub(r"\(.*?\)", "", row[field])), row["slug"])
        return table
    except Exception:  # no database, tables not migrated, apps not ready: link nothing
        return {}
