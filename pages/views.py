from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from delivery import site_cache
from pages.pagination import page_of
from pages.search_terms import search_words, visible_query

SEARCH_RESULTS_PER_PAGE = 10


# Search changes nothing, so it takes GET only: a POST gets the 405 page, not a CSRF failure.
@csrf_exempt
@require_safe
def search(request):
    """Search the current council's live pages only, for the words in the query."""
    query = visible_query(request.GET.get("q", ""))
    words = search_words(query)
    site = Site.find_for_request(request)
    results_page = None
    if query and site is not None:
        pages = site_cache.public(Page.objects.live().in_site(site)).specific()
        pages = pages.search(words) if words else pages.none()
        results_page = page_of(pages, request, SEARCH_RESULTS_PER_PAGE)
    return render(
        request,
        "pages/search_page.html",
        {
            "search_query": query,
            # For the page links: the query as it goes in a query string.
            "search_query_encoded": urlencode({"q": query})[2:],
            "results": results_page,
        },
    )


def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", f"Sitemap: {sitemap_url}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def liveness(request):
    """The process is up and answering. Touches nothing else, so it never fails for them."""
    return HttpResponse("ok\n", content_type="text/plain")


def readiness(request):
    """Ready for traffic: the database answers. A load balancer stops sending requests if not."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
