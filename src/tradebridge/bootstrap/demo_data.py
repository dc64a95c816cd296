"""Demo organisations and accounts drawn from the seed articles (shared/seeds 000–004).

Organisations named in the articles are real (is_demo=False, with their source article);
everything marked `demo` is illustrative and labelled so wherever it is shown.
"""

SEED_000 = "Chinhphu.vn, 2023-04: Kết nối, tiêu thụ sản phẩm làng nghề Hà Nội–Viêng Chăn"
SEED_001 = "2023-07: Hà Nội – Viêng Chăn trao đổi kinh nghiệm quản lý trong lĩnh vực công thương"
SEED_002 = "vietrade.gov.vn, 2021-01-19: Hội nghị quốc tế ngành hàng xuất khẩu tại Lào Cai"
SEED_003 = "TBTCO, 2025-12-01: MOU Bộ Công Thương Việt Nam – Lào về chuỗi liên kết công nghiệp"
SEED_004 = "2024-01-29: Hội đàm kinh tế thương mại Lào Cai – Hồng Hà (Vân Nam)"

# key: (kind, country, province, name in own language, en, vi, lo, zh-hans, source)
ORGANIZATIONS = {
    "hanoi-doit": ("agency", "VNM", "VN-HN", "Sở Công Thương Hà Nội",
                   "Hanoi Department of Industry and Trade", "Sở Công Thương Hà Nội",
                   "ພະແນກອຸດສາຫະກຳ ແລະ ການຄ້າ ນະຄອນຫຼວງຮ່າໂນ້ຍ", "河内市工贸厅", SEED_001),
    "vientiane-doic": ("agency", "LAO", "LA-VT", "ພະແນກອຸດສາຫະກຳ ແລະ ການຄ້າ ນະຄອນຫຼວງວຽງຈັນ",
                       "Vientiane Capital Department of Industry and Commerce",
                       "Sở Công Thương Thủ đô Viêng Chăn",
                       "ພະແນກອຸດສາຫະກຳ ແລະ ການຄ້າ ນະຄອນຫຼວງວຽງຈັນ", "万象市工贸厅", SEED_001),
    "hanoi-dolisa": ("agency", "VNM", "VN-HN", "Sở Lao động – Thương binh và Xã hội Hà Nội",
                     "Hanoi Department of Labour, Invalids and Social Affairs",
                     "Sở Lao động – Thương binh và Xã hội Hà Nội",
                     "ພະແນກແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ ຮ່າໂນ້ຍ", "河内市劳动荣军社会厅",
                     SEED_000),
    "vientiane-dolsw": ("agency", "LAO", "LA-VT", "ພະແນກແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ ນະຄອນຫຼວງວຽງຈັນ",
                        "Vientiane Capital Department of Labour and Social Welfare",
                        "Sở Lao động và Phúc lợi xã hội Thủ đô Viêng Chăn",
                        "ພະແນກແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ ນະຄອນຫຼວງວຽງຈັນ",
                        "万象市劳动与社会福利厅", SEED_000),
    "laocai-itpc": ("agency", "VNM", "VN-02",
                    "Trung tâm Khuyến công và Xúc tiến thương mại tỉnh Lào Cai",
                    "Lao Cai Industrial Extension and Trade Promotion Centre",
                    "Trung tâm Khuyến công và Xúc tiến thương mại tỉnh Lào Cai",
                    "ສູນສົ່ງເສີມອຸດສາຫະກຳ ແລະ ການຄ້າ ແຂວງລາວກາຍ", "老街省工业推广与贸易促进中心",
                    SEED_002),
    "laocai-business-association": ("association", "VNM", "VN-02", "Hiệp hội doanh nghiệp tỉnh Lào Cai",
                                    "Lao Cai Business Association",
                                    "Hiệp hội doanh nghiệp tỉnh Lào Cai",
                                    "ສະມາຄົມວິສາຫະກິດ ແຂວງລາວກາຍ", "老街省企业协会", SEED_002),
    "hangzhou-tpa": ("association", "CHN", "CN-ZJ", "杭州市贸易促进会",
                     "Hangzhou Trade Promotion Association",
                     "Hội Xúc tiến Thương mại thành phố Hàng Châu",
                     "ສະມາຄົມສົ່ງເສີມການຄ້າ ນະຄອນຫັງໂຈ", "杭州市贸易促进会", SEED_002),
    "vn-customs": ("agency", "VNM", "VN-HN", "Tổng cục Hải quan Việt Nam",
                   "General Department of Vietnam Customs", "Tổng cục Hải quan Việt Nam",
                   "ກົມໃຫຍ່ພາສີ ຫວຽດນາມ", "越南海关总局", SEED_002),
    "vn-moit": ("agency", "VNM", "VN-HN", "Bộ Công Thương Việt Nam",
                "Ministry of Industry and Trade of Viet Nam", "Bộ Công Thương Việt Nam",
                "ກະຊວງອຸດສາຫະກຳ ແລະ ການຄ້າ ຫວຽດນາມ", "越南工贸部", SEED_003),
    "la-moic": ("agency", "LAO", "LA-VT", "ກະຊວງອຸດສາຫະກຳ ແລະ ການຄ້າ",
                "Ministry of Industry and Commerce of Lao PDR", "Bộ Công Thương Lào",
                "ກະຊວງອຸດສາຫະກຳ ແລະ ການຄ້າ", "老挝工贸部", SEED_003),
    "vioit": ("research", "VNM", "VN-HN", "Viện Nghiên cứu Chiến lược, Chính sách Công Thương",
              "Vietnam Institute of Strategy and Policy for Industry and Trade (VIOIT)",
              "Viện Nghiên cứu Chiến lược, Chính sách Công Thương (VIOIT)",
              "ສະຖາບັນຄົ້ນຄວ້າຍຸດທະສາດ ແລະ ນະໂຍບາຍອຸດສາຫະກຳ ແລະ ການຄ້າ ຫວຽດນາມ",
              "越南工贸战略政策研究院", SEED_003),
    "iice": ("research", "LAO", "LA-VT", "ສະຖາບັນອຸດສາຫະກຳ, ການຄ້າ ແລະ ພະລັງງານ",
             "Institute of Industry, Commerce and Energy (IICE)",
             "Viện Công nghiệp, Thương mại và Năng lượng Lào (IICE)",
             "ສະຖາບັນອຸດສາຫະກຳ, ການຄ້າ ແລະ ພະລັງງານ", "老挝工业、商业与能源研究院", SEED_003),
    "laocai-doit": ("agency", "VNM", "VN-02", "Sở Công Thương tỉnh Lào Cai",
                    "Lao Cai Department of Industry and Trade", "Sở Công Thương tỉnh Lào Cai",
                    "ພະແນກອຸດສາຫະກຳ ແລະ ການຄ້າ ແຂວງລາວກາຍ", "老街省工贸厅", SEED_004),
    "laocai-dolisa": ("agency", "VNM", "VN-02", "Sở Lao động – Thương binh và Xã hội tỉnh Lào Cai",
                      "Lao Cai Department of Labour, Invalids and Social Affairs",
                      "Sở Lao động – Thương binh và Xã hội tỉnh Lào Cai",
                      "ພະແນກແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ ແຂວງລາວກາຍ", "老街省劳动荣军社会厅",
                      SEED_004),
    "laocai-ez-authority": ("agency", "VNM", "VN-02", "Ban Quản lý Khu Kinh tế tỉnh Lào Cai",
                            "Lao Cai Economic Zone Authority", "Ban Quản lý Khu Kinh tế tỉnh Lào Cai",
                            "ຄະນະຄຸ້ມຄອງເຂດເສດຖະກິດ ແຂວງລາວກາຍ", "老街省经济区管理委员会",
                            SEED_004),
    "honghe-commerce": ("agency", "CHN", "CN-YN", "红河州商务局",
                        "Honghe Prefecture Bureau of Commerce", "Cục Thương mại châu Hồng Hà",
                        "ກົມການຄ້າ ແຂວງຮົງເຫີ", "红河州商务局", SEED_004),
    "huihong-tech": ("enterprise", "CHN", "CN-YN", "云南惠鸿科技有限公司",
                     "Yunnan Huihong Technology Co., Ltd.",
                     "Công ty Hữu hạn khoa học kỹ thuật Huệ Hồng",
                     "ບໍລິສັດ ເທັກໂນໂລຊີ ຮຸ່ຍຮົງ ຈຳກັດ", "云南惠鸿科技有限公司", SEED_004),
    # Craft villages of seed 000 (real places; the organisations stand for their associations).
    "van-phuc-silk": ("cooperative", "VNM", "VN-HN", "Làng lụa Vạn Phúc",
                      "Van Phuc silk village", "Làng lụa Vạn Phúc", "ບ້ານຫັດຖະກຳໄໝ ວັນຟຸກ",
                      "万福丝绸村", SEED_000),
    "thuy-ung-horn": ("cooperative", "VNM", "VN-HN", "Làng sừng mỹ nghệ Thụy Ứng",
                      "Thuy Ung horn craft village", "Làng sừng mỹ nghệ Thụy Ứng",
                      "ບ້ານຫັດຖະກຳເຂົາສັດ ທຸຍອຶງ", "瑞应牛角工艺村", SEED_000),
    "ha-thai-lacquer": ("cooperative", "VNM", "VN-HN", "Làng sơn mài Hạ Thái (Duyên Thái)",
                        "Ha Thai lacquer village (Duyen Thai)", "Làng sơn mài Hạ Thái (Duyên Thái)",
                        "ບ້ານຫັດຖະກຳລົງຮັກ ຮ່າໄທ", "下泰漆器村", SEED_000),
    "bat-trang-ceramics": ("cooperative", "VNM", "VN-HN", "Làng gốm Bát Tràng",
                           "Bat Trang ceramics village", "Làng gốm Bát Tràng",
                           "ບ້ານເຄື່ອງປັ້ນດິນເຜົາ ບາດຈ່າງ", "钵场陶瓷村", SEED_000),
    "chuyen-my-mother-of-pearl": ("cooperative", "VNM", "VN-HN", "Làng khảm trai Chuyên Mỹ",
                                  "Chuyen My mother-of-pearl inlay village",
                                  "Làng khảm trai Chuyên Mỹ", "ບ້ານຫັດຖະກຳຝັງມຸກ ຈວຽນມີ",
                                  "专美螺钿镶嵌村", SEED_000),
}

# What the craft villages of seed 000 make ("Lụa Vạn Phúc, sừng mỹ nghệ Thụy Ứng, sơn mài Hạ Thái
# Duyên Thái, gốm Bát Tràng, khảm trai Chuyên Mỹ"): each village's own product, no quantities or
# markets (the source gives none). The HS code is the product's heading in HS 2022.
# slug: {"offers": [(text, hs)]}
SEED_ITEMS = {
    "van-phuc-silk": {"offers": [("lụa tơ tằm Vạn Phúc", "500720")]},
    "thuy-ung-horn": {"offers": [("đồ sừng mỹ nghệ Thụy Ứng", "960190")]},
    "ha-thai-lacquer": {"offers": [("đồ sơn mài Hạ Thái", "442090")]},
    "bat-trang-ceramics": {"offers": [("gốm Bát Tràng", "691390")]},
    "chuyen-my-mother-of-pearl": {"offers": [("đồ khảm trai Chuyên Mỹ", "442090")]},
}

# Illustrative enterprises, one per persona that needs one.
DEMO_ORGANIZATIONS = {
    "demo-zhejiang-textiles": ("enterprise", "CHN", "CN-ZJ", "浙江丝路纺织有限公司（示例）",
                               "Zhejiang Silk Road Textiles Co. (illustrative)",
                               "Công ty Dệt may Con đường Tơ lụa Chiết Giang (minh họa)",
                               "ບໍລິສັດ ແຜ່ນແພ ເສັ້ນທາງໄໝ ເຈີ້ຈຽງ (ຕົວຢ່າງ)",
                               "浙江丝路纺织有限公司（示例）", ""),
    "demo-khammouane-ginger": ("enterprise", "LAO", "LA-KH", "ກຸ່ມຜະລິດຂີງ ແຂວງຄຳມ່ວນ (ຕົວຢ່າງ)",
                               "Khammouane Ginger Growers (illustrative)",
                               "Nhóm sản xuất gừng Khăm Muộn (minh họa)",
                               "ກຸ່ມຜະລິດຂີງ ແຂວງຄຳມ່ວນ (ຕົວຢ່າງ)", "甘蒙省生姜种植组（示例）", ""),
}

DEMO_PASSWORD = "tradebridge-demo"  # noqa: S105 (printed on first start; development only)

# Illustrative people (fictional names). username: (role, organisation key, first name, last name, time zone)
ACCOUNTS = {
    "admin": ("admin", None, "Quản trị", "viên", "Asia/Ho_Chi_Minh"),
    "minh.hanoi": ("agency_staff", "hanoi-doit", "Minh", "Nguyễn", "Asia/Ho_Chi_Minh"),
    "khamla.vientiane": ("agency_staff", "vientiane-doic", "Khamla", "Vongsa",
                         "Asia/Vientiane"),
    "li.zhejiang": ("enterprise_member", "demo-zhejiang-textiles", "Li", "Wei", "Asia/Shanghai"),
    "somphone.ginger": ("enterprise_member", "demo-khammouane-ginger", "Somphone", "Keo",
                        "Asia/Vientiane"),
    "visitor": ("visitor", None, "Khách", "", "Asia/Ho_Chi_Minh"),
}

# Offers and needs of the persona organisations (illustrative):
# slug: {"offers" | "needs": [(text, hs or None, quantity, unit, markets)]}
DEMO_ITEMS = {
    "demo-khammouane-ginger": {
        "offers": [("ຂີງສົດ 300 ໂຕນຕໍ່ປີ", None, 300, "t", ["VNM", "CHN"]),
                   ("ໝາກເຜັດແຫ້ງ", None, 40, "t", ["VNM"])],
        "needs": [("ປຸ໋ຍ NPK", "310520", 100, "t", ["VNM"])],
    },
    "demo-zhejiang-textiles": {
        "offers": [("真丝面料", "500720", 20000, "m", ["VNM", "LAO"]),
                   ("缫丝机", "844540", 10, "sets", ["VNM", "LAO"])],
        "needs": [("生丝", "500200", 30, "t", ["VNM", "LAO"]),
                  ("天然橡胶", None, 500, "t", ["VNM", "LAO"])],
    },
}
