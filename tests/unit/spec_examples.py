"""The organisation of ../shared/spec/profiles.md's example, shared by the tests that use it."""

SPEC_GINGER_GROWER = {
    "id": "la-khammouane-ginger",
    "name": "ກຸ່ມຜະລິດຂີງ ແຂວງຄຳມ່ວນ",
    "country": "LAO",
    "province": "LA-KH",
    "kind": "enterprise",
    "sectors": ["agro-processing"],
    "offers": [{"text": "ຂີງສົດ, 300 ໂຕນຕໍ່ປີ", "hs": None}],
    "needs": [{"text": "ປຸ໋ຍ NPK", "hs": "3105"}],
    "markets": ["VNM"],
}


def spec_ginger_grower() -> dict:
    """A fresh deep copy, so that a test may change it."""
    import copy

    return copy.deepcopy(SPEC_GINGER_GROWER)
