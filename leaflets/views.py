from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from leaflets import selectors
from leaflets.forms import LeafletSearchForm
from leaflets.languages import active_language


@require_GET
def index(request):
    """The public A–Z (A–Å in Norwegian) of the leaflets the clinic marks public."""
    language = active_language()
    form = LeafletSearchForm(request.GET or None)
    query, category = "", ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        category = form.cleaned_data["category"].slug if form.cleaned_data["category"] else ""
    entries = selectors.public_leaflets(language=language, query=query, category=category)
    groups = selectors.group_by_letter(entries, language)
    present = {letter for letter, _ in groups}
    letters = [(letter, letter in present) for letter in selectors.alphabet(language)]
    return render(
        request,
        "leaflets/index.html",
        {
            "form": form,
            "groups": groups,
            "letters": letters,
            "count": len(entries),
            "searching": bool(query or category),
        },
    )


def _public_entry_or_404(slug):
    entry = selectors.public_leaflet(slug, active_language())
    if entry is None:
        raise Http404
    return entry


@require_GET
def detail(request, slug):
    entry = _public_entry_or_404(slug)
    return render(
        request,
        "leaflets/detail.html",
        {"entry": entry, "share_url": request.build_absolute_uri(entry.leaflet.get_absolute_url())},
    )


@require_GET
def print_view(request, slug):
    entry = _public_entry_or_404(slug)
    return render(
        request,
        "leaflets/print.html",
        {"entry": entry, "share_url": request.build_absolute_uri(entry.leaflet.get_absolute_url())},
    )
