"""url_maker and {% link %}: one reverse per URL name for a process's links."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

from clinic.lib import urls
from clinic.lib.urls import link, url_maker


def test_a_made_url_is_the_one_reverse_gives():
    remind = url_maker("patients:remind", "pk", "assignment_pk")

    assert remind(pk=12, assignment_pk=345) == reverse(
        "patients:remind", kwargs={"pk": 12, "assignment_pk": 345}
    )


def test_a_made_url_has_the_script_prefix_of_when_it_was_made():
    set_script_prefix("/clinic/")
    try:
        patient = url_maker("patients:patient_detail", "pk")
    finally:
        set_script_prefix("/")

    assert patient(pk=7) == "/clinic/patients/7/"


def test_a_made_url_needs_every_argument():
    with pytest.raises(KeyError):
        url_maker("patients:remind", "pk", "assignment_pk")(pk=1)


def test_a_url_name_is_reversed_once_per_script_prefix(monkeypatch):
    reversed_names = []
    real_reverse = urls.reverse

    def counting_reverse(viewname, **kwargs):
        reversed_names.append(viewname)
        return real_reverse(viewname, **kwargs)

    monkeypatch.setattr(urls, "reverse", counting_reverse)

    first = [link("patients:reader", pk=n) for n in (1, 2)]
    set_script_prefix("/clinic/")
    try:
        prefixed = link("patients:reader", pk=3)
    finally:
        set_script_prefix("/")

    assert first == ["/my/leaflets/1/", "/my/leaflets/2/"]
    assert prefixed == "/clinic/my/leaflets/3/"
    assert reversed_names == ["patients:reader", "patients:reader"]


def test_a_link_without_arguments_is_the_path():
    assert link("patients:home") == reverse("patients:home")


def test_the_link_tag_gives_what_the_url_tag_gives():
    rendered = Template(
        "{% load links %}{% link 'patients:reader_print' pk=7 %}|"
        "{% url 'patients:reader_print' 7 %}"
    ).render(Context())

    first, second = rendered.split("|")
    assert first == second == "/my/leaflets/7/print/"


def test_a_link_to_a_slug_is_the_one_reverse_gives():
    assert link("leaflets:detail", slug="metotreksat-tabletter_2") == reverse(
        "leaflets:detail", kwargs={"slug": "metotreksat-tabletter_2"}
    )


@pytest.mark.parametrize("not_a_slug", ["", "a/b", "æøå", "a b", "../admin"])
def test_a_link_to_something_that_is_no_slug_is_refused_as_reverse_refuses_it(not_a_slug):
    with pytest.raises(NoReverseMatch):
        link("leaflets:detail", slug=not_a_slug)
