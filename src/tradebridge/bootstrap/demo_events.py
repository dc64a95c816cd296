"""Demo data of the events app, loaded by `tradebridge load-demo` after the registry's (it lives
in bootstrap, beside the demo data it reads, so that the events app imports no floor above it).

The events of the seed articles keep the articles' dates, places, venues and organisers: the
Vientiane conference of April 2023 (seed 000) within the Hanoi trade mission to Laos of the
same month (seed 001: 13 MOUs), the experience-exchange conference of 3 July 2023 and the
Vientiane delegation's study tour until 7 July (seed 001), the hybrid Lào Cai conference of 2021
with its main venue, its domestic bridge points and the Hangzhou one (seed 002), and the Lào Cai–
Honghe talks of 29 January 2024 (seed 004). What a source does not give is labelled: each event's
`illustrative_note` says what, the two sector rooms of 2021 carry `is_illustrative` (the article
does not name them), and every registration, request, meeting and feedback is flagged. Their
schedules are built by the scheduler and published. A last, upcoming event is wholly
illustrative: it is open for registration so that the matchmaking can be tried.

The loader is idempotent and corrects the records of earlier loads in place (with history).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from tradebridge.bootstrap.demo_data import SEED_000, SEED_001, SEED_002, SEED_004
from tradebridge.catalog.models import Sector
from tradebridge.core.history import stamp_history
from tradebridge.events import services
from tradebridge.events.models import (
    Event,
    Meeting,
    MeetingDay,
    MeetingFeedback,
    MeetingRequest,
    Registration,
    ScheduleRun,
    SectorRoom,
    Venue,
)
from tradebridge.events.planning import run_scheduler
from tradebridge.geo.models import Country, Province
from tradebridge.registry.models import Organization

DEMO_TIME_LIMIT = 5.0
ILLUSTRATIVE_NOTE = gettext_noop(
    "Meeting times, tables, booths, registrations and requests are illustrative.")

# Seed 004, in the four languages: what the talks covered and what the two sides proposed.
TALKS_VI = (
    "Chiều 29/1/2024 tại thành phố Lào Cai, hội đàm giữa Đoàn đại biểu liên ngành tỉnh Lào Cai và Đoàn đại "
    "biểu liên ngành châu Hồng Hà (tỉnh Vân Nam), trong khuôn khổ Chương trình giao lưu văn nghệ chào Xuân "
    "qua biên giới và Liên hoan nhân dân biên giới Việt Nam – Trung Quốc năm 2024. Hai bên trao đổi về hợp "
    "tác thúc đẩy xuất – nhập khẩu, logistics và lao động qua biên giới qua Cửa khẩu Quốc tế Lào Cai – Hà "
    "Khẩu, trên hành lang kinh tế Côn Minh – Lào Cai – Hà Nội – Hải Phòng – Quảng Ninh. Hai bên đề xuất: "
    "tiếp tục nghiên cứu cửa khẩu thông minh, thí điểm vận chuyển hàng hóa hai chiều, nâng cao hiệu lực "
    "thông quan, tăng cường sức ảnh hưởng quốc tế của Hội chợ triển lãm thương mại biên giới Trung – Việt "
    "tại Hà Khẩu năm 2024; trao đổi, hội đàm về cung ứng, quản lý lao động, đào tạo nguồn nhân lực; xây "
    "dựng cơ chế phối hợp quản lý lao động qua biên giới."
)
TALKS_LO = (
    "ຕອນບ່າຍວັນທີ 29/1/2024 ຢູ່ນະຄອນລາວກາຍ, ການເຈລະຈາລະຫວ່າງຄະນະຜູ້ແທນຫຼາຍຂະແໜງການ ແຂວງລາວກາຍ ແລະ "
    "ຄະນະຜູ້ແທນຫຼາຍຂະແໜງການ ເຂດປົກຄອງຕົນເອງຮົງເຫີ (ແຂວງຢູນນານ), ໃນກອບງານແລກປ່ຽນສິລະປະວັດທະນະທຳ ຕ້ອນຮັບບຸນປີໃໝ່ຂ້າມຊາຍແດນ "
    "ແລະ ງານມະໂຫລານປະຊາຊົນຊາຍແດນ ຫວຽດນາມ – ຈີນ ປີ 2024. ສອງຝ່າຍໄດ້ແລກປ່ຽນກ່ຽວກັບການຮ່ວມມືຊຸກຍູ້ການສົ່ງອອກ – ນຳເຂົ້າ, ໂລຈິສຕິກ "
    "ແລະ ແຮງງານຂ້າມຊາຍແດນ ຜ່ານດ່ານສາກົນ ລາວກາຍ – ຮາເຂົາ, ເທິງແລວເສດຖະກິດ ຄຸນໝິງ – ລາວກາຍ – ຮ່າໂນ້ຍ – ໄຮຟອງ – ກວາງນິນ. "
    "ສອງຝ່າຍໄດ້ສະເໜີ: ສືບຕໍ່ຄົ້ນຄວ້າດ່ານອັດສະລິຍະ, ທົດລອງການຂົນສົ່ງສິນຄ້າສອງທາງ, ຍົກສູງປະສິດທິຜົນການຜ່ານພິທີການ, "
    "ເພີ່ມທະວີອິດທິພົນສາກົນຂອງງານວາງສະແດງສິນຄ້າຊາຍແດນ ຈີນ – ຫວຽດນາມ ຢູ່ຮາເຂົາ ປີ 2024; ແລກປ່ຽນ ແລະ ເຈລະຈາກ່ຽວກັບການສະໜອງ, "
    "ການຄຸ້ມຄອງແຮງງານ ແລະ ການພັດທະນາຊັບພະຍາກອນມະນຸດ; ສ້າງກົນໄກປະສານງານການຄຸ້ມຄອງແຮງງານຂ້າມຊາຍແດນ."
)
TALKS_ZH = (
    "2024年1月29日下午，越南老街省跨部门代表团与云南省红河州跨部门代表团在老街市举行会谈，此次会谈是2024年"
    "中越边境迎春文艺交流和边民联欢活动的内容之一。双方就经老街–河口国际口岸推动进出口、物流和跨境劳务合作"
    "，以及昆明–老街–河内–海防–广宁经济走廊进行了交流。双方提出：继续研究智慧口岸，试点双向货物运输，提高通"
    "关效率，提升2024年河口中越边境贸易博览会的国际影响力；就劳务供应、管理和人力资源培训进行交流会谈；建立"
    "跨境劳务管理协调机制。"
)
TALKS_EN = (
    "On the afternoon of 29 January 2024 in Lao Cai city, talks between the inter-sectoral delegations of "
    "Lao Cai province and Honghe prefecture (Yunnan), part of the 2024 cross-border spring cultural "
    "exchange and Viet Nam–China border people's festival. The sides discussed exports and imports, "
    "logistics and cross-border labour through the Lao Cai–Hekou international border gate, on the "
    "Kunming–Lao Cai–Hanoi–Haiphong–Quang Ninh economic corridor. They proposed: further study of a smart "
    "border gate, a pilot of two-way goods transport, more effective clearance, a wider international "
    "reach for the China–Viet Nam border trade fair in Hekou in 2024; talks on supplying and managing "
    "labour and training people; a mechanism to coordinate the management of cross-border labour."
)

# Seed 001: the April 2023 mission, the conference of 3 July 2023 and the study tour until 7 July.
SEED_001_EVENTS = [
    {
        "slug": "hanoi-trade-mission-laos-2023",
        "kind": Event.Kind.TRADE_MISSION, "primary_language": "vi",
        "title_vi": "Đoàn giao dịch xúc tiến thương mại, làng nghề Hà Nội tại Lào 2023",
        "title_lo": "ຄະນະການຄ້າ ສົ່ງເສີມການຄ້າ ແລະ ບ້ານຫັດຖະກຳ ຮ່າໂນ້ຍ ຢູ່ ສປປ ລາວ 2023",
        "title_zh_hans": "2023年河内赴老挝贸易促进和手工艺村交易团",
        "title_en": "Hanoi trade-promotion and craft-village mission to Laos 2023",
        "description_vi": "Sở Công Thương hai Thủ đô Hà Nội – Viêng Chăn cùng tổ chức trong tháng 4/2023: "
                          "13 biên bản ghi nhớ hợp tác được ký giữa doanh nghiệp Hà Nội với doanh nghiệp "
                          "Lào; mở ra cơ hội cho các làng nghề, doanh nghiệp của Hà Nội, Thủ đô Viêng "
                          "Chăn, tỉnh Luang Prabang về phát triển vùng nguyên liệu; đưa hàng của Thủ đô "
                          "Viêng Chăn, tỉnh Luang Prabang vào hệ thống phân phối của Hà Nội và ngược lại.",
        "description_lo": "ພະແນກອຸດສາຫະກຳ ແລະ ການຄ້າ ຂອງສອງນະຄອນຫຼວງ ຮ່າໂນ້ຍ – ວຽງຈັນ ຮ່ວມກັນຈັດຕັ້ງ ໃນເດືອນ 4/2023: "
                          "ບົດບັນທຶກຄວາມເຂົ້າໃຈ 13 ສະບັບ ໄດ້ລົງນາມລະຫວ່າງວິສາຫະກິດຮ່າໂນ້ຍ ແລະ ວິສາຫະກິດລາວ; "
                          "ເປີດໂອກາດໃຫ້ບ້ານຫັດຖະກຳ ແລະ ວິສາຫະກິດ ຂອງຮ່າໂນ້ຍ, ນະຄອນຫຼວງວຽງຈັນ ແລະ ແຂວງຫຼວງພະບາງ "
                          "ພັດທະນາເຂດວັດຖຸດິບ; ນຳສິນຄ້າຂອງນະຄອນຫຼວງວຽງຈັນ ແລະ ແຂວງຫຼວງພະບາງ ເຂົ້າສູ່ລະບົບຈຳໜ່າຍຂອງຮ່າໂນ້ຍ "
                          "ແລະ ກົງກັນຂ້າມ.",
        "description_zh_hans": "河内、万象两首都工贸厅于2023年4月共同组织：河内企业与老挝企业签署了13份合作"
                               "谅解备忘录；为河内、万象首都和琅勃拉邦省的手工艺村和企业发展原料区创造了机"
                               "会，推动万象首都和琅勃拉邦省的商品进入河内分销体系，反之亦然。",
        "description_en": "Organised together by the trade departments of Hanoi and Vientiane in April "
                          "2023: 13 MOUs signed between Hanoi and Lao enterprises; openings for craft "
                          "villages and enterprises of Hanoi, Vientiane Capital and Luang Prabang in "
                          "raw-material areas, and for goods of Vientiane and Luang Prabang in Hanoi's "
                          "distribution channels and the reverse.",
        "starts_on": date(2023, 4, 1), "ends_on": date(2023, 4, 30),
        "status": Event.Status.CLOSED, "source": SEED_001,
        "illustrative_note": gettext_noop(
            "The source gives only the month: the dates span April 2023. The MOUs listed under this "
            "mission are the Vientiane conference's 12 (taken to be part of it) and one illustrative "
            "record for the 13th."),
        "organizers": ["hanoi-doit", "vientiane-doic"],
        "venues": [], "rooms": [], "days": [], "participants": {}, "requests": [],
    },
    {
        "slug": "hanoi-vientiane-doit-exchange-2023",
        "kind": Event.Kind.CONFERENCE, "primary_language": "vi",
        "title_vi": "Hội nghị trao đổi kinh nghiệm về công tác quản lý nhà nước trong lĩnh vực Công thương "
                    "Hà Nội – Viêng Chăn",
        "title_lo": "ກອງປະຊຸມແລກປ່ຽນບົດຮຽນ ດ້ານການຄຸ້ມຄອງລັດ ໃນຂະແໜງອຸດສາຫະກຳ ແລະ ການຄ້າ ຮ່າໂນ້ຍ – ວຽງຈັນ",
        "title_zh_hans": "河内–万象工贸领域国家管理经验交流会",
        "title_en": "Hanoi–Vientiane conference on experience in state management of industry and trade",
        "description_vi": "Chiều 3/7/2023, Sở Công Thương Hà Nội và Sở Công Thương Viêng Chăn phối hợp tổ "
                          "chức, tiếp tục triển khai Biên bản thỏa thuận hợp tác giữa Đảng bộ, chính quyền "
                          "hai Thủ đô và Biên bản ghi nhớ hợp tác giữa hai Sở giai đoạn 2022–2025. Hai bên "
                          "thảo luận nâng cao công tác quản lý chuyên môn, trình độ nguồn nhân lực; bình "
                          "ổn thị trường, khuyến mại, xúc tiến thương mại; phát triển vùng nguyên liệu, "
                          "đưa hàng hóa vào các kênh phân phối của hai Thủ đô; sản phẩm thủ công của làng "
                          "nghề và đào tạo nghề thủ công mỹ nghệ.",
        "description_lo": "ຕອນບ່າຍວັນທີ 3/7/2023, ພະແນກອຸດສາຫະກຳ ແລະ ການຄ້າ ຮ່າໂນ້ຍ ແລະ ວຽງຈັນ ຮ່ວມກັນຈັດຕັ້ງ, "
                          "ເພື່ອສືບຕໍ່ຈັດຕັ້ງປະຕິບັດບົດບັນທຶກຂໍ້ຕົກລົງຮ່ວມມື ລະຫວ່າງຄະນະພັກ ແລະ ອົງການປົກຄອງ ຂອງສອງນະຄອນຫຼວງ ແລະ "
                          "ບົດບັນທຶກຄວາມເຂົ້າໃຈ ລະຫວ່າງສອງພະແນກ ໄລຍະ 2022–2025. "
                          "ສອງຝ່າຍໄດ້ປຶກສາຫາລືກ່ຽວກັບການຍົກສູງການຄຸ້ມຄອງວິຊາສະເພາະ ແລະ ຊັບພະຍາກອນມະນຸດ; "
                          "ການຮັກສາສະຖຽນລະພາບຕະຫຼາດ, ການສົ່ງເສີມການຂາຍ ແລະ ການຄ້າ; ການພັດທະນາເຂດວັດຖຸດິບ, "
                          "ການນຳສິນຄ້າເຂົ້າສູ່ຊ່ອງທາງຈຳໜ່າຍ ຂອງສອງນະຄອນຫຼວງ; ຜະລິດຕະພັນຫັດຖະກຳ ແລະ "
                          "ການຝຶກອົບຮົມວິຊາຊີບຫັດຖະກຳ.",
        "description_zh_hans": "2023年7月3日下午，河内市工贸厅与万象市工贸厅联合举办，继续落实两首都党组织"
                               "和政府合作协议以及两厅2022–2025年合作谅解备忘录。双方讨论了提高专业管理和人"
                               "力资源水平；稳定市场、促销和贸易促进；发展原料区，推动商品进入两首都分销渠"
                               "道；手工艺村产品以及手工艺职业培训。",
        "description_en": "On the afternoon of 3 July 2023 the Hanoi and Vientiane trade departments held "
                          "it together, carrying on the cooperation agreement between the two capitals and "
                          "the departments' MOU for 2022–2025. They discussed professional management and "
                          "skills; market stabilisation, sales promotion and trade promotion; raw-material "
                          "areas and bringing goods into the two capitals' distribution channels; "
                          "craft-village products and handicraft training.",
        "starts_on": date(2023, 7, 3), "ends_on": date(2023, 7, 3),
        "status": Event.Status.CLOSED, "source": SEED_001, "illustrative_note": "",
        "organizers": ["hanoi-doit", "vientiane-doic"],
        "venues": [], "rooms": [], "days": [], "participants": {}, "requests": [],
    },
    {
        "slug": "vientiane-doic-study-tour-2023",
        "kind": Event.Kind.STUDY_TOUR, "primary_language": "vi",
        "title_vi": "Đoàn công tác Sở Công Thương Viêng Chăn khảo sát thực tế tại Hà Nội và Thanh Hóa",
        "title_lo": "ຄະນະຜູ້ແທນ ພະແນກອຸດສາຫະກຳ ແລະ ການຄ້າ ນະຄອນຫຼວງວຽງຈັນ ທັດສະນະສຶກສາ ຢູ່ຮ່າໂນ້ຍ ແລະ ແທງຮວາ",
        "title_zh_hans": "万象市工贸厅工作团赴河内和清化实地考察",
        "title_en": "Vientiane trade department's study tour in Hanoi and Thanh Hoa",
        "description_vi": "Đến ngày 7/7/2023, Đoàn công tác của Sở Công Thương Viêng Chăn khảo sát thực tế "
                          "tại một số trung tâm thương mại, siêu thị, chợ, làng nghề trên địa bàn Hà Nội; "
                          "tham dự Lễ khai mạc triển lãm chuyên đề tại điểm trưng bày, giới thiệu và bán "
                          "sản phẩm OCOP ngành thủ công mỹ nghệ Thủ đô; khảo sát thực tế tại một số cụm "
                          "công nghiệp, cơ sở sản xuất và doanh nghiệp trên địa bàn tỉnh Thanh Hóa.",
        "description_lo": "ຮອດວັນທີ 7/7/2023, ຄະນະຜູ້ແທນ ພະແນກອຸດສາຫະກຳ ແລະ ການຄ້າ ນະຄອນຫຼວງວຽງຈັນ "
                          "ໄປທັດສະນະສຶກສາຕົວຈິງ ຢູ່ບາງສູນການຄ້າ, ຊູບເປີມາເກັດ, ຕະຫຼາດ ແລະ ບ້ານຫັດຖະກຳ ໃນນະຄອນຫຼວງຮ່າໂນ້ຍ; "
                          "ເຂົ້າຮ່ວມພິທີເປີດງານວາງສະແດງ ຢູ່ຈຸດວາງສະແດງ, ແນະນຳ ແລະ ຈຳໜ່າຍຜະລິດຕະພັນ OCOP ຫັດຖະກຳ "
                          "ຂອງນະຄອນຫຼວງ; ທັດສະນະສຶກສາບາງກຸ່ມອຸດສາຫະກຳ, ໂຮງງານ ແລະ ວິສາຫະກິດ ຢູ່ແຂວງແທງຮວາ.",
        "description_zh_hans": "至2023年7月7日，万象市工贸厅工作团在河内实地考察部分商业中心、超市、市场和"
                               "手工艺村；出席首都手工艺OCOP产品展示、推介和销售点专题展开幕式；在清化省实"
                               "地考察部分工业集群、生产设施和企业。",
        "description_en": "Until 7 July 2023 the Vientiane trade department's delegation visited shopping "
                          "centres, supermarkets, markets and craft villages in Hanoi; attended the "
                          "opening of a themed exhibition at the capital's showroom for handicraft OCOP "
                          "products; and visited industrial clusters, production sites and enterprises in "
                          "Thanh Hoa province.",
        "starts_on": date(2023, 7, 3), "ends_on": date(2023, 7, 7),
        "status": Event.Status.CLOSED, "source": SEED_001,
        "illustrative_note": gettext_noop(
            "The source says the tour runs “from now until 7 July”: the first day is that of the "
            "article's conference (3 July 2023)."),
        "organizers": ["vientiane-doic"],
        "venues": [], "rooms": [], "days": [], "participants": {}, "requests": [],
    },
]

EVENTS = [
    *SEED_001_EVENTS,
    {
        "slug": "hanoi-vientiane-craft-villages-2023",
        "kind": Event.Kind.CONFERENCE, "primary_language": "vi",
        "title_vi": "Hội nghị Phát triển làng nghề, vùng nguyên liệu và kết nối tiêu thụ sản phẩm Hà Nội – "
                    "Viêng Chăn 2023",
        "title_lo": "ກອງປະຊຸມ ພັດທະນາບ້ານຫັດຖະກຳ, ເຂດວັດຖຸດິບ ແລະ ເຊື່ອມໂຍງການຈຳໜ່າຍຜະລິດຕະພັນ ຮ່າໂນ້ຍ – ວຽງຈັນ 2023",
        "title_zh_hans": "2023年河内–万象手工艺村、原料区发展与产品销售对接会",
        "title_en": "Hanoi–Vientiane 2023 conference on craft villages, raw-material areas and product "
                    "consumption",
        "description_vi": "Trong chuyến thăm Lào của Đoàn đại biểu Thủ đô Hà Nội (20–24/4/2023): 29 doanh "
                          "nghiệp Hà Nội và trên 50 doanh nghiệp Lào; 12 biên bản ghi nhớ được ký.",
        "description_lo": "ໃນໂອກາດການຢ້ຽມຢາມ ສປປ ລາວ ຂອງຄະນະຜູ້ແທນນະຄອນຫຼວງຮ່າໂນ້ຍ (20–24/4/2023): ວິສາຫະກິດຮ່າໂນ້ຍ "
                          "29 ແຫ່ງ ແລະ ວິສາຫະກິດລາວຫຼາຍກວ່າ 50 ແຫ່ງ; ໄດ້ລົງນາມບົດບັນທຶກຄວາມເຂົ້າໃຈ 12 ສະບັບ.",
        "description_zh_hans": "河内市代表团访问老挝期间（2023年4月20日至24日）：河内29家企业和50多家老挝企"
                               "业参会；签署了12份合作谅解备忘录。",
        "description_en": "During the Hanoi delegation's visit to Laos (20–24 April 2023): 29 Hanoi and "
                          "more than 50 Lao enterprises; 12 MOUs signed.",
        "starts_on": date(2023, 4, 20), "ends_on": date(2023, 4, 24),
        "status": Event.Status.PUBLISHED, "source": SEED_000, "part_of": "hanoi-trade-mission-laos-2023",
        "illustrative_note": gettext_noop(
            "The source gives the visit's dates (20–24 April 2023), not the conference's day, and "
            "does not name the city: Vientiane is taken from the conference's name. That the "
            "conference was part of the April trade mission (the article “Hà Nội – Viêng Chăn trao đổi "
            "kinh nghiệm quản lý trong lĩnh vực công thương”, July 2023) is an inference."),
        "organizers": ["hanoi-doit", "vientiane-doic"],
        "venues": [("vientiane", "Vientiane", True, "LAO", "LA-VT", "Asia/Vientiane", 30, 0)],
        "rooms": [],
        "days": [(date(2023, 4, 21), time(8, 30), time(11, 30), 20, [["10:00", "10:20"]])],
        "participants": {
            "vientiane": ["van-phuc-silk", "bat-trang-ceramics", "thuy-ung-horn", "ha-thai-lacquer",
                          "chuyen-my-mother-of-pearl", "demo-vn-hanoi-spice", "demo-vn-hanoi-banana",
                          "demo-vn-hanoi-minerals", "demo-vn-hanoi-fertiliser", "demo-vn-hanoi-broom",
                          "demo-la-vientiane-distribution", "demo-la-vientiane-weaving",
                          "demo-la-vientiane-agro-export", "demo-la-luangprabang-silk",
                          "demo-la-luangprabang-handicraft", "demo-la-bolikhamxay-banana",
                          "demo-la-houaphanh-tiger-grass", "demo-khammouane-ginger"],
        },
        "requests": [
            ("demo-la-luangprabang-silk", "van-phuc-silk", "accepted"),
            ("demo-vn-hanoi-spice", "demo-khammouane-ginger", "accepted"),
            ("demo-vn-hanoi-banana", "demo-la-bolikhamxay-banana", "accepted"),
            ("demo-vn-hanoi-broom", "demo-la-houaphanh-tiger-grass", "accepted"),
            ("demo-la-vientiane-distribution", "bat-trang-ceramics", "accepted"),
            ("demo-la-luangprabang-handicraft", "ha-thai-lacquer", "accepted"),
            ("demo-la-vientiane-agro-export", "demo-vn-hanoi-fertiliser", "accepted"),
            ("demo-la-vientiane-weaving", "demo-vn-hanoi-minerals", "declined"),
        ],
    },
    {
        "slug": "laocai-export-conference-2021",
        "kind": Event.Kind.CONFERENCE, "primary_language": "vi",
        "title_vi": "Hội nghị quốc tế ngành hàng xuất khẩu, giao thương trực tuyến và trực tiếp năm 2021",
        "title_lo": "ກອງປະຊຸມສາກົນ ສິນຄ້າສົ່ງອອກ, ການຄ້າອອນລາຍ ແລະ ໂດຍກົງ ປີ 2021",
        "title_zh_hans": "2021年出口行业国际线上线下贸易对接会",
        "title_en": "2021 international conference on export industries, online and in-person trade",
        "description_vi": "Điểm cầu chính tại tỉnh Lào Cai; các điểm cầu tại một số tỉnh, thành phố trong "
                          "nước và 1 điểm cầu tại thành phố Hàng Châu, tỉnh Chiết Giang (Trung Quốc); gần "
                          "100 doanh nghiệp đến từ Chiết Giang, Thiên Tân, Thượng Hải, Bắc Kinh và Vân Nam "
                          "(Trung Quốc) cùng 138 doanh nghiệp Việt Nam; 2 phòng giao thương riêng biệt "
                          "theo lĩnh vực.",
        "description_lo": "ຈຸດເຊື່ອມຕໍ່ຫຼັກຢູ່ແຂວງລາວກາຍ; ມີຈຸດເຊື່ອມຕໍ່ຢູ່ບາງແຂວງ, ນະຄອນ ພາຍໃນຫວຽດນາມ ແລະ 1 "
                          "ຈຸດເຊື່ອມຕໍ່ຢູ່ນະຄອນຫັງໂຈ, ແຂວງເຈີ້ຈຽງ (ຈີນ); ວິສາຫະກິດເກືອບ 100 ແຫ່ງ ຈາກເຈີ້ຈຽງ, ທຽນຈິນ, ຊຽງໄຮ້, "
                          "ປັກກິ່ງ ແລະ ຢູນນານ (ຈີນ) ແລະ ວິສາຫະກິດຫວຽດນາມ 138 ແຫ່ງ; ມີ 2 ຫ້ອງການຄ້າແຍກຕາມຂະແໜງການ.",
        "description_zh_hans": "主会场设在老街省；越南国内部分省市设有分会场，另在中国浙江省杭州市设有1个分"
                               "会场；来自中国浙江、天津、上海、北京和云南的近100家企业以及越南138家企业参"
                               "会；按行业设2个独立的贸易洽谈室。",
        "description_en": "Main venue in Lao Cai province; bridge points in some provinces and cities of "
                          "Viet Nam and one in Hangzhou, Zhejiang (China); nearly 100 enterprises from "
                          "Zhejiang, Tianjin, Shanghai, Beijing and Yunnan (China) and 138 Vietnamese "
                          "enterprises; two separate trade rooms by sector.",
        "illustrative_note": gettext_noop(
            "The source does not name the domestic bridge points (they are shown as one) nor the two "
            "sector trade rooms: the rooms' names and their sectors are illustrative."),
        "starts_on": date(2021, 1, 19), "ends_on": date(2021, 1, 19),
        "status": Event.Status.PUBLISHED, "source": SEED_002,
        "organizers": ["laocai-itpc"],
        # "Ngoài điểm cầu chính tại tỉnh Lào Cai, hội nghị có các điểm cầu tại một số tỉnh, thành phố
        # trong nước và 1 điểm cầu tại thành phố Hàng Châu": the domestic points are not named.
        "venues": [("laocai", "Lào Cai", True, "VNM", "VN-02", "Asia/Ho_Chi_Minh", 40, 10),
                   ("domestic", "Điểm cầu tại một số tỉnh, thành phố trong nước (nguồn không nêu tên)", False,
                    "VNM", None, "Asia/Ho_Chi_Minh", 0, 6),
                   ("hangzhou", "杭州 Hàng Châu", False, "CHN", "CN-ZJ", "Asia/Shanghai", 0, 8)],
        # The article says "2 phòng giao thương riêng biệt theo lĩnh vực" without naming them: the
        # names and the split are illustrative (flagged on each room).
        "rooms": [("Nông sản, thực phẩm / Agriculture and food", ["agriculture", "agro-processing"],
                   ["07", "08", "09", "20"]),
                  ("Dệt may, vật liệu, máy móc / Textiles, materials and machinery",
                   ["textiles-garments", "iron-steel-metals", "machinery-mechanical"],
                   ["50", "54", "61", "72", "84"])],
        "rooms_illustrative": True,
        "days": [(date(2021, 1, 19), time(8, 0), time(11, 40), 20, [["09:40", "10:00"]])],
        "participants": {
            "laocai": ["demo-vn-laocai-logistics", "demo-vn-laocai-farm-coop", "demo-vn-laocai-chemicals",
                       "demo-vn-hanoi-silk", "demo-vn-haiphong-garments", "demo-vn-haiphong-steel",
                       "demo-vn-langson-anise", "demo-vn-thanhhoa-cement"],
            "hangzhou": ["demo-zhejiang-textiles", "demo-cn-hangzhou-knitting",
                         "demo-cn-hangzhou-textile-machinery", "demo-cn-hangzhou-fruit",
                         "demo-cn-shaoxing-velvet", "demo-cn-shaoxing-building-materials",
                         "demo-cn-hangzhou-steel-structures"],
        },
        "rooms_of": {"demo-vn-laocai-farm-coop": 0, "demo-vn-langson-anise": 0, "demo-cn-hangzhou-fruit": 0},
        "requests": [
            ("demo-zhejiang-textiles", "demo-vn-hanoi-silk", "accepted"),
            ("demo-cn-hangzhou-knitting", "demo-vn-haiphong-garments", "accepted"),
            ("demo-cn-shaoxing-velvet", "demo-vn-haiphong-garments", "accepted"),
            ("demo-cn-hangzhou-fruit", "demo-vn-laocai-farm-coop", "accepted"),
            ("demo-cn-shaoxing-building-materials", "demo-vn-thanhhoa-cement", "accepted"),
            ("demo-cn-hangzhou-steel-structures", "demo-vn-haiphong-steel", "accepted"),
            ("demo-vn-haiphong-garments", "demo-vn-hanoi-silk", "accepted"),
            ("demo-cn-hangzhou-textile-machinery", "demo-vn-hanoi-silk", "pending"),
        ],
    },
    {
        "slug": "laocai-honghe-talks-2024",
        "kind": Event.Kind.BILATERAL_TALKS, "primary_language": "vi",
        "title_vi": "Hội đàm kinh tế thương mại Lào Cai (Việt Nam) – Hồng Hà (Vân Nam, Trung Quốc) 2024",
        "title_lo": "ການເຈລະຈາເສດຖະກິດ-ການຄ້າ ລາວກາຍ (ຫວຽດນາມ) – ຮົງເຫີ (ຢູນນານ, ຈີນ) 2024",
        "title_zh_hans": "2024年老街（越南）–红河（中国云南）经贸会谈",
        "title_en": "Lao Cai (Viet Nam) – Honghe (Yunnan, China) economic and trade talks 2024",
        "description_vi": TALKS_VI, "description_lo": TALKS_LO, "description_zh_hans": TALKS_ZH,
        "description_en": TALKS_EN,
        "illustrative_note": gettext_noop(
            "The source describes talks, not a signed document. The meeting times and the "
            "enterprises' meetings are illustrative."),
        "starts_on": date(2024, 1, 29), "ends_on": date(2024, 1, 29),
        "status": Event.Status.PUBLISHED, "source": SEED_004,
        "organizers": ["laocai-doit", "honghe-commerce"],
        "venues": [("laocai-city", "Thành phố Lào Cai", True, "VNM", "VN-02", "Asia/Ho_Chi_Minh", 12, 0)],
        "rooms": [],
        "days": [(date(2024, 1, 29), time(14, 0), time(17, 0), 30, [])],
        "participants": {
            "laocai-city": ["demo-vn-laocai-logistics", "demo-vn-laocai-farm-coop", "demo-cn-hekou-logistics",
                            "demo-cn-honghe-vegetables", "demo-cn-kunming-flowers-seeds", "huihong-tech"],
        },
        "requests": [
            ("demo-cn-hekou-logistics", "demo-vn-laocai-logistics", "accepted"),
            ("demo-cn-honghe-vegetables", "demo-vn-laocai-farm-coop", "accepted"),
            ("demo-cn-kunming-flowers-seeds", "demo-vn-laocai-farm-coop", "pending"),
        ],
    },
    {
        # Wholly illustrative: an upcoming event open for registration.
        "slug": "demo-hanoi-vientiane-kunming-b2b-2027",
        "kind": Event.Kind.TRADE_MISSION, "primary_language": "en", "is_illustrative": True,
        "title_vi": "Gặp gỡ giao thương Hà Nội – Viêng Chăn – Côn Minh 2027 (minh họa)",
        "title_lo": "ການພົບປະທຸລະກິດ ຮ່າໂນ້ຍ – ວຽງຈັນ – ຄຸນໝິງ 2027 (ຕົວຢ່າງ)",
        "title_zh_hans": "2027年河内–万象–昆明企业对接会（示例）",
        "title_en": "Hanoi–Vientiane–Kunming B2B meetings 2027 (illustrative)",
        "description_vi": "Sự kiện minh họa để thử đăng ký và gửi yêu cầu gặp gỡ.",
        "description_lo": "ກິດຈະກຳຕົວຢ່າງ ເພື່ອທົດລອງການລົງທະບຽນ ແລະ ການສົ່ງຄຳຂໍນັດພົບ.",
        "description_zh_hans": "示例活动，用于试用报名和洽谈请求。",
        "description_en": "An illustrative event to try registration and meeting requests.",
        "starts_on": date(2027, 3, 16), "ends_on": date(2027, 3, 16),
        "registration_deadline": datetime(2027, 3, 9, 17, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        "capacity": 120, "max_requests": 8,
        "status": Event.Status.OPEN, "source": "",
        "organizers": ["hanoi-doit", "vientiane-doic"],
        "venues": [("hanoi", "Hà Nội", True, "VNM", "VN-HN", "Asia/Ho_Chi_Minh", 20, 6),
                   ("vientiane", "ວຽງຈັນ Vientiane", False, "LAO", "LA-VT", "Asia/Vientiane", 10, 4),
                   ("kunming", "昆明 Kunming", False, "CHN", "CN-YN", "Asia/Shanghai", 0, 4)],
        "rooms": [],
        "days": [(date(2027, 3, 16), time(8, 30), time(12, 0), 30, [["10:00", "10:30"]])],
        "participants": {
            "hanoi": ["demo-vn-hanoi-spice", "demo-vn-hanoi-silk", "demo-vn-hanoi-fertiliser"],
            "vientiane": ["demo-la-vientiane-agro-export", "demo-la-luangprabang-silk"],
            "kunming": ["demo-zhejiang-textiles", "demo-cn-kunming-herbs"],
        },
        "requests": [("demo-la-luangprabang-silk", "demo-vn-hanoi-silk", "accepted"),
                     ("demo-cn-kunming-herbs", "demo-vn-hanoi-spice", "pending")],
    },
]


def do_load_events_demo() -> dict[str, int]:
    """Create or update this app's demo records; returns counts for the summary."""
    counts = {"events": 0, "event_registrations": 0, "meeting_requests": 0}
    with transaction.atomic():
        for spec in EVENTS:
            registrations, requests = _load_event(spec)
            counts["events"] += 1
            counts["event_registrations"] += registrations
            counts["meeting_requests"] += requests
        for spec in EVENTS:
            # A conference within a mission: the register shows the mission's agreements with its parts'.
            part_of = Event.objects.filter(slug=spec["part_of"]).first() if spec.get("part_of") else None
            Event.objects.filter(slug=spec["slug"]).exclude(part_of=part_of).update(part_of=part_of)
    return counts


def _upsert(manager, defaults: dict, **lookup):
    """update_or_create that saves (and adds a history row) only when a value differs, so that
    loading the demo twice changes nothing."""
    obj = manager.filter(**lookup).first()
    if obj is None:
        return manager.create(**lookup, **defaults)
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        stamp_history(obj, None, "demo data corrected")
        obj.save()
    return obj


def _load_event(spec: dict) -> tuple[int, int]:
    fields = {k: v for k, v in spec.items() if k in services.EVENT_FIELDS}
    fields.setdefault("is_illustrative", False)
    fields["illustrative_note"] = spec.get("illustrative_note", "")
    if fields["source"] and spec["participants"]:
        fields["source"] = f"{fields['source']}. {ILLUSTRATIVE_NOTE}"
    event = Event.objects.filter(slug=spec["slug"]).first()
    if event is None:
        event = Event.objects.create(slug=spec["slug"], **fields)
    else:
        # Saved (with history) only when an earlier load left something else.
        changed = [name for name, value in fields.items() if getattr(event, name) != value]
        if changed:
            for name in changed:
                setattr(event, name, fields[name])
            stamp_history(event, None, "demo data corrected to what its source says")
            event.save(update_fields=[*changed, "updated_at"])
    event.organizers.set(Organization.objects.filter(slug__in=spec["organizers"]))
    venues = {}
    for code, name, is_main, alpha3, province, zone, tables, booths in spec["venues"]:
        venues[code] = _upsert(Venue.objects.active(), event=event, code=code, defaults={
            "name": name, "is_main": is_main, "country": Country.objects.get(alpha3=alpha3),
            "province": Province.objects.get(code=province) if province else None, "time_zone": zone,
            "tables": tables, "booths": booths})
    rooms = []
    for name, sectors, chapters in spec["rooms"]:
        room = _upsert(SectorRoom.objects.active(), event=event, name=name, defaults={
            "hs_chapters": chapters, "is_illustrative": spec.get("rooms_illustrative", False)})
        room.sectors.set(Sector.objects.filter(code__in=sectors))
        rooms.append(room)
    for day_date, start, end, minutes, pauses in spec["days"]:
        # Archived ones too: a demo day archived by hand is brought back (the date is unique per event).
        _upsert(MeetingDay.objects, event=event, date=day_date, defaults={
            "start_time": start, "end_time": end, "slot_minutes": minutes, "pauses": pauses,
            "archived_at": None})
    if spec["days"] and not event.slots.exists():
        services.do_generate_slots(event)
    organizations = Organization.objects.in_bulk(
        [slug for slugs in spec["participants"].values() for slug in slugs], field_name="slug")
    registrations = {}
    for venue_code, slugs in spec["participants"].items():
        for slug in slugs:
            room_index = spec.get("rooms_of", {}).get(slug)
            registrations[slug] = _upsert(Registration.objects,
                event=event, organization=organizations[slug], defaults={
                    "venue": venues[venue_code], "is_illustrative": True, "consent_to_contact": True,
                    "status": Registration.Status.REGISTERED,
                    "room": rooms[room_index] if room_index is not None else (rooms[1] if rooms else None),
                    "delegates": [{"name": gettext_noop("Delegate (illustrative)"), "role": gettext_noop(
                        "Director")}]})
    for sender, recipient, status in spec["requests"]:
        _upsert(MeetingRequest.objects,
            event=event, sender=registrations[sender], recipient=registrations[recipient],
            defaults={"status": status, "is_illustrative": True,
                      "message": "Illustrative request: we would like to discuss supply and prices.",
                      "responded_at": None if status == "pending" else
                      datetime.combine(event.starts_on, time(0, 0), tzinfo=UTC)})
    if event.status == Event.Status.PUBLISHED and not event.meetings.exists():
        # The published schedule is the scheduler's own: a few requests solve in well under a second.
        result = run_scheduler(event, time_limit=DEMO_TIME_LIMIT)
        # Shown on the organisers' scheduler page like any run.
        ScheduleRun.objects.create(event=event, status=ScheduleRun.Status.DONE, progress=1.0, result=result,
                                   time_limit=int(DEMO_TIME_LIMIT), finished_at=timezone.now())
        _record_outcomes(event)
    return len(registrations), len(spec["requests"])


# Illustrative outcomes, cycled over the meetings in slot order: most held, one no-show.
DEMO_OUTCOMES = ["contact", "negotiation", "contact", "agreement", "none", "contact", "negotiation"]


def _record_outcomes(event: Event) -> None:
    meetings = event.meetings.select_related("request").order_by("slot__starts_at", "pk")
    for index, meeting in enumerate(meetings):
        no_show = index == 4
        meeting.attendance = Meeting.Attendance.NO_SHOW if no_show else Meeting.Attendance.HELD
        meeting.save(update_fields=["attendance", "updated_at"])
        if not no_show:
            MeetingFeedback.objects.update_or_create(
                meeting=meeting, registration=meeting.request.recipient,
                defaults={"outcome": DEMO_OUTCOMES[index % len(DEMO_OUTCOMES)], "is_illustrative": True})
