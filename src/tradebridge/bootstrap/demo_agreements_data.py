"""The demo agreements as data (what the seed articles say of each, and what is illustrative):
read by bootstrap.demo_agreements, which loads them through the agreements services."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_noop

from tradebridge.agreements.models import Commitment, Status
from tradebridge.bootstrap.demo_data import SEED_000, SEED_001, SEED_003

D = dt.date
CONFERENCE = (
    "Hội nghị Phát triển làng nghề, vùng nguyên liệu và kết nối tiêu thụ sản phẩm Hà Nội–Viêng Chăn 2023"
)
CONFERENCE_EVENT = "hanoi-vientiane-craft-villages-2023"
MISSION = "Đoàn giao dịch xúc tiến thương mại, làng nghề Hà Nội tại Lào 2023"
MISSION_EVENT = "hanoi-trade-mission-laos-2023"
TALKS_EVENT = "laocai-honghe-talks-2024"
VISIT_NOTE = gettext_noop(
    "Signed during the Hanoi delegation's visit to Laos of 20–24 April 2023; the source gives no exact day."
)
CORRECTED = gettext_noop("demo data corrected to what its source says")
# The old record of the Lào Cai–Honghe talks: archived, the talks are an event.
RETIRED = {
    "laocai-honghe-2024": gettext_noop(
        "The source (the article “Hội đàm kinh tế thương mại Lào Cai – Hồng Hà (Vân Nam)” of 29 January "
        "2024) describes talks, not a signed document: they are recorded as an event (bilateral talks), "
        "not as an agreement."),
}
CONFERENCE_NOTE = gettext_noop(
    "The source gives only how many MOUs were signed in each category and direction (3 raw-material areas, "
    "8 Laos→Viet Nam, 1 Viet Nam→Laos): this record's subject, Lao province, products, parties and exact "
    "day are illustrative."
)
MISSION_NOTE = gettext_noop(
    "The source gives only the number (13 MOUs between Hanoi and Lao enterprises during the April 2023 "
    "mission): this record stands for the 13th; its parties, category and exact day are illustrative, and "
    "that the other 12 are those of the Vientiane conference is an inference."
)

# Organisations that the seeds name but the registry demo data does not hold.
EXTRA_ORGANIZATIONS = {
    "hanoi-city": (
        "agency",
        "VNM",
        "VN-HN",
        "Thành ủy, UBND Thành phố Hà Nội",
        "Hanoi Party Committee and People's Committee",
        "Thành ủy, UBND Thành phố Hà Nội",
        "ຄະນະພັກ ແລະ ອົງການປົກຄອງ ນະຄອນຫຼວງຮ່າໂນ້ຍ",
        "河内市委和市人民委员会",
        SEED_000,
    ),
    "vientiane-capital": (
        "agency",
        "LAO",
        "LA-VT",
        "ຄະນະພັກ ແລະ ອົງການປົກຄອງ ນະຄອນຫຼວງວຽງຈັນ",
        "Vientiane Capital Party Committee and Administration",
        "Thành ủy, chính quyền Thủ đô Viêng Chăn",
        "ຄະນະພັກ ແລະ ອົງການປົກຄອງ ນະຄອນຫຼວງວຽງຈັນ",
        "万象市委和市政府",
        SEED_000,
    ),
}

# The 12 enterprise MOUs of the conference: (VN party, Lao party, category, origin, destination, HS,
# subject in vi, lo, zh-hans, en). Only the category and direction come from the source.
CONFERENCE_MOUS = [
    ("demo-vn-hanoi-banana", "demo-la-bolikhamxay-banana", "raw_materials", "LAO", "VNM", "080390",
     "Vùng nguyên liệu chuối tại Bolikhamxay", "ເຂດວັດຖຸດິບກ້ວຍ ຢູ່ແຂວງບໍລິຄຳໄຊ", "波里坎赛省香蕉原料区",
     "Banana raw-material area in Bolikhamxay"),
    ("demo-vn-hanoi-spice", "demo-khammouane-ginger", "raw_materials", "LAO", "VNM", "091011",
     "Vùng nguyên liệu gừng, ớt tại Khammouane", "ເຂດວັດຖຸດິບຂີງ ແລະ ໝາກເຜັດ ຢູ່ແຂວງຄຳມ່ວນ",
     "甘蒙省生姜、辣椒原料区", "Ginger and chilli raw-material area in Khammouane"),
    ("demo-vn-hanoi-broom", "demo-la-houaphanh-tiger-grass", "raw_materials", "LAO", "VNM", "140190",
     "Vùng nguyên liệu cây đót tại Houaphanh", "ເຂດວັດຖຸດິບຕົ້ນແຂມ ຢູ່ແຂວງຫົວພັນ", "华潘省扫帚草原料区",
     "Tiger-grass raw-material area in Houaphanh"),
    ("demo-vn-hanoi-distribution", "demo-la-vientiane-agro-export", "production_consumption", "LAO", "VNM",
     "090421", "Tiêu thụ nông sản Lào tại Hà Nội", "ການຈຳໜ່າຍຜະລິດຕະພັນກະສິກຳລາວ ຢູ່ຮ່າໂນ້ຍ",
     "老挝农产品在河内销售", "Lao farm produce sold in Hanoi"),
    ("demo-vn-hanoi-silk", "demo-la-luangprabang-silk", "production_consumption", "LAO", "VNM", "500200",
     "Sản xuất và tiêu thụ tơ tằm Luang Prabang", "ການຜະລິດ ແລະ ຈຳໜ່າຍໄໝ ຫຼວງພະບາງ", "琅勃拉邦蚕丝的生产与销售",
     "Production and sale of Luang Prabang raw silk"),
    ("demo-vn-hanoi-craft-association", "demo-la-luangprabang-handicraft", "production_consumption", "LAO",
     "VNM", "", "Đưa hàng thủ công Luang Prabang vào hệ thống phân phối Hà Nội",
     "ນຳສິນຄ້າຫັດຖະກຳຫຼວງພະບາງ ເຂົ້າສູ່ລະບົບຈຳໜ່າຍຂອງຮ່າໂນ້ຍ", "琅勃拉邦手工艺品进入河内分销体系",
     "Luang Prabang handicrafts in Hanoi's distribution channels"),
    ("demo-vn-hanoi-lacquer", "demo-la-bolikhamxay-timber", "production_consumption", "LAO", "VNM", "440729",
     "Gỗ rừng trồng cho sơn mài", "ໄມ້ປູກ ສຳລັບເຄື່ອງລົງຮັກ", "用于漆器的人工林木材",
     "Plantation timber for lacquerware"),
    ("demo-vn-hanoi-fertiliser", "demo-la-khammouane-potash", "production_consumption", "LAO", "VNM",
     "310420", "Tiêu thụ phân kali từ Lào", "ການຈຳໜ່າຍຝຸ່ນໂປແຕດຈາກລາວ", "老挝钾肥销售",
     "Sale of Lao potash fertiliser"),
    ("demo-vn-hanoi-spice", "demo-la-oudomxay-forest-products", "production_consumption", "LAO", "VNM",
     "090831", "Sản xuất và tiêu thụ thảo quả", "ການຜະລິດ ແລະ ຈຳໜ່າຍໝາກແໜ່ງ", "草果的生产与销售",
     "Production and sale of black cardamom"),
    ("demo-vn-hanoi-horn", "demo-la-champasak-cattle", "production_consumption", "LAO", "VNM", "050790",
     "Nguyên liệu sừng cho làng nghề Thụy Ứng", "ວັດຖຸດິບເຂົາສັດ ສຳລັບບ້ານຫັດຖະກຳທຸຍອຶງ", "瑞应工艺村牛角原料",
     "Horn raw material for the Thuy Ung craft village"),
    ("demo-vn-hanoi-distribution", "demo-la-champasak-coffee", "production_consumption", "LAO", "VNM",
     "090111", "Tiêu thụ cà phê Champasak tại Hà Nội", "ການຈຳໜ່າຍກາເຟຈຳປາສັກ ຢູ່ຮ່າໂນ້ຍ", "占巴塞咖啡在河内销售",
     "Champasak coffee sold in Hanoi"),
    ("demo-vn-hanoi-ceramics", "demo-la-vientiane-distribution", "production_consumption", "VNM", "LAO",
     "691200", "Tiêu thụ gốm Bát Tràng tại Viêng Chăn", "ການຈຳໜ່າຍເຄື່ອງປັ້ນດິນເຜົາບາດຈ່າງ ຢູ່ນະຄອນຫຼວງວຽງຈັນ",
     "钵场陶瓷在万象销售", "Bat Trang ceramics sold in Vientiane"),
]

# What the source says of each group of the conference's MOUs, in the four languages.
CONFERENCE_SUMMARIES = {
    "raw_materials": (
        "Một trong 3 biên bản ghi nhớ hợp tác trong lĩnh vực phát triển vùng nguyên liệu của doanh nghiệp "
        "Hà Nội tại Lào, ký giữa doanh nghiệp Hà Nội với doanh nghiệp Lào tại Hội nghị.",
        "ໜຶ່ງໃນ 3 ບົດບັນທຶກຄວາມເຂົ້າໃຈ ດ້ານການພັດທະນາເຂດວັດຖຸດິບ ຂອງວິສາຫະກິດຮ່າໂນ້ຍ ຢູ່ ສປປ ລາວ, ລົງນາມລະຫວ່າງວິສາຫະກິດຮ່າໂນ້ຍ "
        "ແລະ ວິສາຫະກິດລາວ ໃນກອງປະຊຸມ.",
        "河内企业在老挝发展原料区领域的3份合作谅解备忘录之一，由河内企业与老挝企业在会上签署。",
        "One of the 3 MOUs on raw-material areas of Hanoi enterprises in Laos, signed between Hanoi and "
        "Lao enterprises at the conference.",
    ),
    "production_consumption LAO": (
        "Một trong 8 biên bản ghi nhớ hợp tác sản xuất, tiêu thụ sản phẩm từ Lào sang Việt Nam, ký giữa "
        "doanh nghiệp Hà Nội với doanh nghiệp Lào tại Hội nghị.",
        "ໜຶ່ງໃນ 8 ບົດບັນທຶກຄວາມເຂົ້າໃຈ ດ້ານການຮ່ວມມືຜະລິດ ແລະ ຈຳໜ່າຍຜະລິດຕະພັນ ຈາກລາວ ໄປຫວຽດນາມ, ລົງນາມລະຫວ່າງວິສາຫະກິດຮ່າໂນ້ຍ "
        "ແລະ ວິສາຫະກິດລາວ ໃນກອງປະຊຸມ.",
        "老挝产品生产并销往越南的8份合作谅解备忘录之一，由河内企业与老挝企业在会上签署。",
        "One of the 8 MOUs on producing and selling products from Laos to Viet Nam, signed between Hanoi "
        "and Lao enterprises at the conference.",
    ),
    "production_consumption VNM": (
        "Biên bản ghi nhớ hợp tác tiêu thụ sản phẩm từ Việt Nam sang Lào (một biên bản), ký giữa doanh "
        "nghiệp Hà Nội với doanh nghiệp Lào tại Hội nghị.",
        "ບົດບັນທຶກຄວາມເຂົ້າໃຈ ດ້ານການຈຳໜ່າຍຜະລິດຕະພັນ ຈາກຫວຽດນາມ ໄປລາວ (ໜຶ່ງສະບັບ), ລົງນາມລະຫວ່າງວິສາຫະກິດຮ່າໂນ້ຍ ແລະ "
        "ວິສາຫະກິດລາວ ໃນກອງປະຊຸມ.",
        "越南产品销往老挝的合作谅解备忘录（1份），由河内企业与老挝企业在会上签署。",
        "The one MOU on selling products from Viet Nam to Laos, signed between Hanoi and Lao enterprises "
        "at the conference.",
    ),
}

# The agreements the seeds name. Each spec: parties [(slug, signatory)], products (HS codes),
# other_categories, labels (what is illustrative), the model fields, and — used only when the
# record is created — commitments and progress.
AGREEMENTS = [
    {
        "key": "hanoi-mission-2023-13th",
        "parties": [("demo-vn-hanoi-craft-association", ""), ("demo-la-luangprabang-handicraft", "")],
        "event": MISSION_EVENT,
        "labels": {"fields": ["parties", "signed_on"], "note": MISSION_NOTE},
        "fields": {
            "level": "enterprise", "kind": "mou", "category": "other",
            "title": "Biên bản ghi nhớ hợp tác thứ 13 của Đoàn giao dịch tháng 4/2023",
            "title_vi": "Biên bản ghi nhớ hợp tác thứ 13 của Đoàn giao dịch tháng 4/2023",
            "title_lo": "ບົດບັນທຶກຄວາມເຂົ້າໃຈ ສະບັບທີ 13 ຂອງຄະນະການຄ້າ ເດືອນ 4/2023",
            "title_zh_hans": "2023年4月交易团的第13份合作谅解备忘录",
            "title_en": "13th MOU of the April 2023 Hanoi trade mission to Laos",
            "summary": "",
            "summary_vi": "Đoàn giao dịch xúc tiến thương mại, làng nghề tại Lào tháng 4/2023 có 13 biên "
            "bản ghi nhớ hợp tác được ký giữa doanh nghiệp Hà Nội với doanh nghiệp Lào; nguồn không nêu "
            "lĩnh vực của từng biên bản.",
            "summary_lo": "ຄະນະການຄ້າ ສົ່ງເສີມການຄ້າ ແລະ ບ້ານຫັດຖະກຳ ຢູ່ລາວ ເດືອນ 4/2023 ມີບົດບັນທຶກຄວາມເຂົ້າໃຈ 13 ສະບັບ "
            "ລົງນາມລະຫວ່າງວິສາຫະກິດຮ່າໂນ້ຍ ແລະ ວິສາຫະກິດລາວ; ແຫຼ່ງຂໍ້ມູນບໍ່ໄດ້ລະບຸຂະແໜງການຂອງແຕ່ລະສະບັບ.",
            "summary_zh_hans": "2023年4月赴老挝贸易促进和手工艺村交易团期间，河内企业与老挝企业签署了13份合"
            "作谅解备忘录；来源未说明每份备忘录的领域。",
            "summary_en": "During the April 2023 trade-promotion and craft-village mission to Laos, 13 "
            "MOUs were signed between Hanoi and Lao enterprises; the source does not give the field of "
            "each.",
            "event_label": MISSION,
            "signed_on": D(2023, 4, 20), "date_note": gettext_noop("The source says only “April 2023”."),
            "signed_place": "", "recording_organization": "hanoi-doit", "source": SEED_001,
        },
    },
    {
        "key": "hanoi-vientiane-capitals",
        "parties": [("hanoi-city", ""), ("vientiane-capital", "")],
        "other_categories": ["investment", "raw_materials"],
        "fields": {
            "level": "province", "kind": "cooperation", "category": "trade_promotion",
            "title": "Biên bản thỏa thuận hợp tác giữa Đảng bộ, chính quyền Thủ đô Hà Nội và Thủ đô Viêng "
            "Chăn",
            "title_vi": "Biên bản thỏa thuận hợp tác giữa Đảng bộ, chính quyền Thủ đô Hà Nội và Thủ đô "
            "Viêng Chăn",
            "title_lo": "ບົດບັນທຶກຂໍ້ຕົກລົງຮ່ວມມື ລະຫວ່າງຄະນະພັກ ແລະ ອົງການປົກຄອງ ນະຄອນຫຼວງຮ່າໂນ້ຍ ແລະ ນະຄອນຫຼວງວຽງຈັນ",
            "title_zh_hans": "河内首都与万象首都党组织和政府合作协议",
            "title_en": "Cooperation agreement between the Party committees and governments of Hanoi and "
            "Vientiane",
            "summary": "",
            "summary_vi": "Hà Nội giao Sở Công Thương Thành phố tiếp tục phối hợp Sở Công Thương TP Viêng "
            "Chăn xúc tiến các hoạt động kết nối sản phẩm, giới thiệu, trao đổi về tiềm năng, thế mạnh, mở "
            "ra cơ hội phát triển làng nghề, đầu tư, kinh doanh.",
            "summary_lo": "ຮ່າໂນ້ຍ ມອບໃຫ້ພະແນກອຸດສາຫະກຳ ແລະ ການຄ້າ ສືບຕໍ່ປະສານສົມທົບກັບ ພະແນກອຸດສາຫະກຳ ແລະ ການຄ້າ "
            "ນະຄອນຫຼວງວຽງຈັນ ສົ່ງເສີມການເຊື່ອມໂຍງຜະລິດຕະພັນ, ແນະນຳ ແລະ ແລກປ່ຽນທ່າແຮງ, ເປີດໂອກາດພັດທະນາບ້ານຫັດຖະກຳ, "
            "ການລົງທຶນ ແລະ ທຸລະກິດ.",
            "summary_zh_hans": "河内市责成市工贸厅继续与万象市工贸厅配合，推动产品对接、介绍和交流潜力与优"
            "势，为手工艺村发展、投资和经营创造机会。",
            "summary_en": "Hanoi tasked its Department of Industry and Trade to keep working with "
            "Vientiane's on product matching and on presenting each side's potential, opening "
            "opportunities for craft villages, investment and business.",
            "date_note": gettext_noop(
                "The source gives no signing date."), "status": Status.IN_IMPLEMENTATION,
            "recording_organization": "hanoi-doit", "source": SEED_000,
        },
    },
    {
        "key": "hanoi-vientiane-doit-2022",
        "parties": [("hanoi-doit", ""), ("vientiane-doic", "")],
        "other_categories": ["raw_materials", "production_consumption", "training"],
        "labels": {"fields": ["valid_until"],
                   "note": gettext_noop(
                       "The source gives the period 2022–2025: the end date's day and month are "
                       "inferred.")},
        "fields": {
            "level": "agency", "kind": "mou", "category": "trade_promotion",
            "title": "Biên bản ghi nhớ hợp tác giữa Sở Công Thương Thủ đô Hà Nội và Sở Công Thương Thủ đô "
            "Viêng Chăn giai đoạn 2022–2025",
            "title_vi": "Biên bản ghi nhớ hợp tác giữa Sở Công Thương Thủ đô Hà Nội và Sở Công Thương Thủ "
            "đô Viêng Chăn giai đoạn 2022–2025",
            "title_lo": "ບົດບັນທຶກຄວາມເຂົ້າໃຈ ການຮ່ວມມື ລະຫວ່າງພະແນກອຸດສາຫະກຳ ແລະ ການຄ້າ ນະຄອນຫຼວງຮ່າໂນ້ຍ ແລະ "
            "ພະແນກອຸດສາຫະກຳ ແລະ ການຄ້າ ນະຄອນຫຼວງວຽງຈັນ ໄລຍະ 2022–2025",
            "title_zh_hans": "河内首都工贸厅与万象首都工贸厅2022–2025年合作谅解备忘录",
            "title_en": "MOU between the Hanoi and Vientiane Capital trade departments, 2022–2025",
            "summary": "",
            "summary_vi": "Ký tại Thủ đô Viêng Chăn ngày 4/1/2022. Hai Sở tiếp tục triển khai các nội dung "
            "đã ký: xúc tiến thương mại, phát triển vùng nguyên liệu, đưa hàng hóa vào kênh phân phối của "
            "hai Thủ đô, hỗ trợ đào tạo nghề thủ công mỹ nghệ.",
            "summary_lo": "ລົງນາມຢູ່ນະຄອນຫຼວງວຽງຈັນ ວັນທີ 4/1/2022. ສອງພະແນກ ສືບຕໍ່ຈັດຕັ້ງປະຕິບັດເນື້ອໃນທີ່ໄດ້ລົງນາມ: "
            "ສົ່ງເສີມການຄ້າ, ພັດທະນາເຂດວັດຖຸດິບ, ນຳສິນຄ້າເຂົ້າສູ່ຊ່ອງທາງຈຳໜ່າຍຂອງສອງນະຄອນຫຼວງ, ຊ່ວຍເຫຼືອການຝຶກອົບຮົມວິຊາຊີບຫັດຖະກຳ.",
            "summary_zh_hans": "2022年1月4日在万象首都签署。两厅继续落实已签署的内容：贸易促进、发展原料区"
            "、推动商品进入两首都的分销渠道、支持手工艺职业培训。",
            "summary_en": "Signed in Vientiane Capital on 4 January 2022. The two departments carry on "
            "with what they signed: trade promotion, raw-material areas, bringing goods into the two "
            "capitals' distribution channels, training in handicraft trades.",
            "signed_on": D(2022, 1, 4), "signed_place": "Viêng Chăn", "date_note": "",
            "valid_from": None, "valid_until": D(2025, 12, 31),
            "recording_organization": "hanoi-doit", "source": SEED_001,
        },
        "commitments": [
            ("Tổ chức đoàn giao dịch xúc tiến thương mại, làng nghề tại Lào", "hanoi-doit", D(2023, 4, 30),
             Commitment.State.DONE),
            ("Đưa hàng Lào vào hệ thống phân phối, điểm bán OCOP của Hà Nội", "hanoi-doit", D(2024, 12, 31),
             Commitment.State.IN_PROGRESS),
            ("Đào tạo nghề thủ công mỹ nghệ cho làng nghề Viêng Chăn", "vientiane-doic", D(2025, 6, 30),
             Commitment.State.OPEN),
        ],
        # Both reported in the article of 3 July 2023 (the mission itself took place in April).
        "progress": [
            (D(2023, 7, 3), "Đoàn giao dịch xúc tiến thương mại, làng nghề tại Lào (tháng 4/2023): 13 biên "
             "bản ghi nhớ giữa doanh nghiệp Hà Nội và Lào.", SEED_001),
            (D(2023, 7, 3), "Hội nghị trao đổi kinh nghiệm quản lý nhà nước trong lĩnh vực Công thương; "
             "đoàn Sở Công Thương Viêng Chăn khảo sát trung tâm thương mại, siêu thị, chợ, làng nghề Hà "
             "Nội và tỉnh Thanh Hóa đến 7/7.", SEED_001),
        ],
    },
    {
        "key": "hanoi-vientiane-labour-2023",
        "parties": [("hanoi-dolisa", ""), ("vientiane-dolsw", "")],
        "other_categories": ["labour"],
        "labels": {"fields": ["signed_on", "valid_until"],
                   "note": gettext_noop(
                       "The source gives the period 2023–2025 and says the MOU was signed during the "
                       "visit of 20–24 April 2023: the day of signing and the end date's day and "
                       "month are inferred.")},
        "fields": {
            "level": "agency", "kind": "mou", "category": "training",
            "title": "Bản ghi nhớ hợp tác giai đoạn 2023–2025 giữa Sở LĐTB&XH Hà Nội và Sở Lao động và "
            "Phúc lợi xã hội Thủ đô Viêng Chăn",
            "title_vi": "Bản ghi nhớ hợp tác giai đoạn 2023–2025 giữa Sở LĐTB&XH Hà Nội và Sở Lao động và "
            "Phúc lợi xã hội Thủ đô Viêng Chăn",
            "title_lo": "ບົດບັນທຶກຄວາມເຂົ້າໃຈ ການຮ່ວມມື ໄລຍະ 2023–2025 ລະຫວ່າງພະແນກແຮງງານ ທະຫານເສຍອົງຄະ ແລະ ສັງຄົມ "
            "ຮ່າໂນ້ຍ ແລະ ພະແນກແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ ນະຄອນຫຼວງວຽງຈັນ",
            "title_zh_hans": "河内市劳动荣军社会厅与万象首都劳动与社会福利厅2023–2025年合作备忘录",
            "title_en": "MOU 2023–2025 between the Hanoi and Vientiane labour departments",
            "summary": "",
            "summary_vi": "Hai bên duy trì trao đổi, giao lưu, chia sẻ kinh nghiệm về các lĩnh vực chuyên "
            "môn. Sở LĐTB&XH Hà Nội hỗ trợ Sở Lao động và Phúc lợi xã hội Viêng Chăn đào tạo, bồi dưỡng kỹ "
            "năng nghề cho cán bộ, giáo viên dạy nghề; các ngành nghề dự kiến đào tạo như công nghệ thông "
            "tin, chế biến món ăn và dịch vụ, chăm sóc sắc đẹp và thiết kế các kiểu tóc, công nghệ thời "
            "trang.",
            "summary_lo": "ສອງຝ່າຍ ຮັກສາການແລກປ່ຽນ ແລະ ແບ່ງປັນປະສົບການ ໃນຂົງເຂດວິຊາສະເພາະ. ພະແນກແຮງງານ ຮ່າໂນ້ຍ "
            "ຊ່ວຍເຫຼືອ ພະແນກແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ ວຽງຈັນ ຝຶກອົບຮົມທັກສະວິຊາຊີບ ໃຫ້ພະນັກງານ ແລະ ຄູສອນວິຊາຊີບ; "
            "ວິຊາທີ່ຄາດວ່າຈະຝຶກອົບຮົມ ເຊັ່ນ: ເຕັກໂນໂລຊີຂໍ້ມູນຂ່າວສານ, ການປຸງແຕ່ງອາຫານ ແລະ ການບໍລິການ, ການເສີມສວຍ ແລະ "
            "ອອກແບບຊົງຜົມ, ເຕັກໂນໂລຊີແຟຊັ່ນ.",
            "summary_zh_hans": "双方保持专业领域的交流与经验分享。河内市劳动荣军社会厅支持万象劳动与社会福"
            "利厅为职业教育干部和教师开展职业技能培训；预计培训的专业包括信息技术、烹饪与服务、美容与发型设"
            "计、服装技术等。",
            "summary_en": "The two sides keep exchanging experience in their fields. The Hanoi department "
            "helps the Vientiane department train its vocational staff and teachers; the trades expected "
            "to be taught include information technology, cooking and services, beauty care and hair "
            "design, fashion technology.",
            "signed_on": D(2023, 4, 20), "date_note": VISIT_NOTE, "signed_place": "",
            "valid_from": None, "valid_until": D(2025, 12, 31),
            "recording_organization": "hanoi-dolisa", "source": SEED_000,
        },
        "commitments": [
            ("Đào tạo kỹ năng nghề cho cán bộ, giáo viên dạy nghề Viêng Chăn", "hanoi-dolisa",
             D(2025, 12, 31), Commitment.State.IN_PROGRESS),
        ],
    },
    {
        "key": "vn-la-linkage-chains-2025",
        "parties": [("vn-moit", ""), ("la-moic", "")],
        "other_categories": ["training", "logistics", "investment"],
        "labels": {"fields": ["signed_on"],
                   "note": gettext_noop(
                       "The source reports the handing over of the MOU on 1 December 2025 during the "
                       "state visit to Laos; it gives no separate signing date, no place and no term.")},
        "fields": {
            "level": "ministry", "kind": "mou", "category": "linkage_chain",
            "title": "Biên bản ghi nhớ giữa Bộ Công Thương Việt Nam và Bộ Công Thương Lào về phát triển "
            "chuỗi liên kết công nghiệp",
            "title_vi": "Biên bản ghi nhớ giữa Bộ Công Thương Việt Nam và Bộ Công Thương Lào về phát triển "
            "chuỗi liên kết công nghiệp",
            "title_lo": "ບົດບັນທຶກຄວາມເຂົ້າໃຈ ລະຫວ່າງກະຊວງອຸດສາຫະກຳ ແລະ ການຄ້າ ຫວຽດນາມ ແລະ ກະຊວງອຸດສາຫະກຳ ແລະ ການຄ້າ "
            "ລາວ ກ່ຽວກັບການພັດທະນາລະບົບຕ່ອງໂສ້ເຊື່ອມໂຍງອຸດສາຫະກຳ",
            "title_zh_hans": "越南工贸部与老挝工贸部关于发展工业联动链的谅解备忘录",
            "title_en": "MOU between the ministries of industry and trade of Viet Nam and Laos on "
            "industrial linkage chains",
            "summary": "",
            "summary_vi": "Giai đoạn đến năm 2030, các mô hình chuỗi liên kết công nghiệp: vật liệu (xi "
            "măng, sắt, thép…); hóa chất; dệt may và da giày; sản xuất cơ khí, phương tiện vận tải; ngành "
            "sữa; điện tử; truyền tải điện và kinh doanh điện. Thí điểm Khu công nghiệp Việt Nam – Lào. "
            "Đầu mối: VIOIT và IICE; có thể thành lập Nhóm công tác chung, kế hoạch công tác hằng năm hoặc "
            "2 năm, báo cáo định kỳ lên các bộ trưởng.",
            "summary_lo": "ໄລຍະຮອດປີ 2030, ຮູບແບບລະບົບຕ່ອງໂສ້ເຊື່ອມໂຍງອຸດສາຫະກຳ: ວັດສະດຸ (ຊີມັງ, ເຫຼັກ…); ເຄມີ; ແຜ່ນແພ ແລະ "
            "ເກີບໜັງ; ກົນຈັກ, ພາຫະນະຂົນສົ່ງ; ອຸດສາຫະກຳນົມ; ເອເລັກໂຕຣນິກ; ສາຍສົ່ງໄຟຟ້າ ແລະ ທຸລະກິດໄຟຟ້າ. ທົດລອງເຂດອຸດສາຫະກຳ "
            "ຫວຽດນາມ – ລາວ. ຈຸດປະສານງານ: VIOIT ແລະ IICE; ອາດສ້າງຕັ້ງຄະນະເຮັດວຽກຮ່ວມ, ແຜນວຽກປະຈຳປີ ຫຼື 2 ປີ, "
            "ລາຍງານເປັນໄລຍະຕໍ່ລັດຖະມົນຕີ.",
            "summary_zh_hans": "至2030年的工业联动链模式：材料（水泥、钢铁等）；化工；纺织服装和皮革鞋类；"
            "机械制造、运输工具；乳业；电子；输电和电力经营。试点越南–老挝工业园。联络单位：VIOIT和IICE；可"
            "成立联合工作组，制定年度或两年工作计划，定期向两国部长报告。",
            "summary_en": "Priority chains to 2030: materials (cement, iron, steel…); chemicals; textiles, "
            "garments and footwear; mechanical engineering and vehicles; dairy; electronics; power "
            "transmission and trading. Pilot Viet Nam–Laos industrial park. Focal points VIOIT and IICE; a "
            "joint working group may be set up; yearly or two-yearly work plans and periodic reports to "
            "the ministers.",
            "signed_on": D(2025, 12, 1), "signed_place": "", "valid_from": None, "valid_until": None,
            "date_note": gettext_noop("Handed over on 1 December 2025; the priority chains run to 2030."),
            "recording_organization": "vn-moit", "source": SEED_003,
        },
        "commitments": [
            ("Thành lập Nhóm công tác chung do VIOIT và IICE đồng chủ trì", "vn-moit", D(2026, 3, 31),
             Commitment.State.DONE),
            ("Kế hoạch công tác năm 2026–2027", "vn-moit", D(2026, 6, 30), Commitment.State.IN_PROGRESS),
            ("Báo cáo định kỳ lên Bộ trưởng hai bên", "la-moic", D(2026, 12, 15), Commitment.State.OPEN),
        ],
    },
]
