from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tradebridge.catalog.access import access_hs_code
from tradebridge.catalog.models import HSCode, HSSection
from tradebridge.catalog.search import MAX_QUERY_LENGTH, search_products


def product_index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    hits = search_products(query) if query else []
    template = "catalog/_results.html" if request.htmx else "catalog/product_index.html"
    sections = HSSection.objects.prefetch_related("codes").order_by("number")
    chapters = HSCode.objects.filter(level=2).order_by("code")
    return render(request, template,
                  {"query": query, "hits": hits, "sections": sections, "chapters": chapters})


def product_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        hs = access_hs_code(request.user, code)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    ancestors = []
    node = hs.parent
    while node is not None:
        ancestors.insert(0, node)
        node = node.parent
    context = {
        "hs": hs,
        "ancestors": ancestors,
        "children": hs.children.order_by("code"),
        "terms": hs.terms.order_by("language", "-primary", "term"),
    }
    return render(request, "catalog/product_detail.html", context)


def product_picker(request: HttpRequest) -> HttpResponse:
    """htmx fragment: HS suggestions for what is typed in an offer/need form."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    hits = [hit for hit in search_products(query, limit=8) if hit.code.level == 6] if query else []
    return render(request, "catalog/_picker.html", {"hits": hits, "query": query})
