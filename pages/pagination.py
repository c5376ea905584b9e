"""One way to page a list, for search results and the newsletter archive alike."""

from django.core.paginator import Paginator


def page_of(items, request, per_page):
    """The page of `items` that `?page=` asks for.

    Never an error page for a number someone typed or an old link: anything that is not a
    whole number, and any number below 1, gives the first page; a number past the end gives
    the last page.
    """
    paginator = Paginator(items, per_page)
    asked = request.GET.get("page", "1")
    try:
        number = int(asked)
    except ValueError:
        # Digits too many for int() still make a number past the end; anything else is junk.
        number = paginator.num_pages if asked.isascii() and asked.isdigit() else 1
    return paginator.page(min(max(number, 1), paginator.num_pages))
