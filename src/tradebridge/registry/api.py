from ninja import Router, Schema

from tradebridge.registry.access import access_organization, can_see_contacts

router = Router()


class OrganizationOut(Schema):
    slug: str
    kind: str
    name: str
    names: dict[str, str]
    country: str
    province: str | None
    website: str
    description: str
    is_demo: bool
    source: str
    contact_email: str | None = None
    contact_phone: str | None = None


class ErrorOut(Schema):
    message: str


@router.get("/{slug}", response={200: OrganizationOut, 404: ErrorOut})
def get_organization(request, slug: str):
    organization = access_organization(request.user, slug)
    out = {
        "slug": organization.slug, "kind": organization.kind, "name": organization.name,
        "names": {"vi": organization.name_vi, "lo": organization.name_lo,
                  "zh_hans": organization.name_zh_hans, "en": organization.name_en},
        "country": organization.country.alpha3,
        "province": organization.province.code if organization.province_id else None,
        "website": organization.website, "description": organization.description,
        "is_demo": organization.is_demo, "source": organization.source,
    }
    if can_see_contacts(request.user):
        out.update(contact_email=organization.contact_email,
                   contact_phone=organization.contact_phone)
    return out
