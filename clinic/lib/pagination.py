from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int = 25):
    """The requested page, and the other query parameters for the page links."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    return page, filters.urlencode()
