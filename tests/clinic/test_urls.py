"""url_maker: one reverse for a list's links."""

import pytest
from django.urls import reverse, set_script_prefix

from clinic.lib.urls import url_maker


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
