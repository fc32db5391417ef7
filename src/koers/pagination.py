from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, items, per_page: int, param: str = "pagina") -> Page:
    """One page of items; an out-of-range or garbled page number shows the nearest page."""
    page = Paginator(items, per_page).get_page(request.GET.get(param))
    page.param = param
    return page
