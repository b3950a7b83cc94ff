from clinic import hooks


def test_demo_seeders_run_in_their_order_and_registering_again_adds_nothing(monkeypatch):
    monkeypatch.setattr(hooks, "_demo_seeders", {})

    def patients():
        return hooks.Seeded()

    def leaflets():
        return hooks.Seeded()

    hooks.register_demo_seeder(patients, order=20)
    hooks.register_demo_seeder(leaflets, order=10)
    hooks.register_demo_seeder(patients, order=20)

    assert hooks.demo_seeders() == [leaflets, patients]


def test_the_leaflets_are_seeded_before_the_patients_who_read_them():
    assert [seeder.__module__ for seeder in hooks.demo_seeders()] == [
        "leaflets.hooks",
        "patients.hooks",
    ]
