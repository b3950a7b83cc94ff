"""What the leaflets app adds to the core (`clinic.hooks`), registered in `apps.py`."""

from clinic import hooks
from clinic.demo import DEMO_APPROVER, DEMO_EDITOR, demo_user
from leaflets import demo


def seed_demo() -> hooks.Seeded:
    """The editor and approver groups, and the demo leaflets, published."""
    editors, approvers = demo.seed_groups()
    editor, approver = demo_user(DEMO_EDITOR), demo_user(DEMO_APPROVER)
    editor.groups.add(editors)
    approver.groups.add(approvers)
    added = demo.seed_leaflets(editor=editor, approver=approver)
    return hooks.Seeded(
        lines=[f"Published leaflet {slug}" for slug in added],
        summary=f"{len(added)} leaflets added",
    )


def register() -> None:
    hooks.register_demo_seeder(seed_demo, order=10)
