"""The patient chooses the medicine a report is about."""


def test_choosing_the_medicine_lists_the_patients_medicine_leaflets(
    client_for, kari, kari_medicine
):
    page = client_for(kari).get("/my/reports/new/").content.decode()

    assert f'href="/my/reports/new/{kari_medicine.pk}/"' in page
    assert 'href="/my/reports/new/other/"' in page
