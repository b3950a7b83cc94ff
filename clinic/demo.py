"""Demo accounts. Every demo account shares one password, written in README.md."""

from clinic.models import Role, User

DEMO_PASSWORD = "demo-pass-2026"
# The demo's leaflets are written by the editor and approved by the dermatologist.
DEMO_EDITOR = "redaktor@example.org"
DEMO_APPROVER = "dr.hansen@example.org"

DEMO_USERS = [
    {
        "email": "admin@example.org",
        "full_name": "Ingrid Berg",
        "role": Role.ADMIN,
        "language": "nb",
        "is_staff": True,
        "is_superuser": True,
    },
    {
        "email": "redaktor@example.org",
        "full_name": "Nina Solberg",
        "role": Role.ADMIN,
        "language": "nb",
        "is_staff": True,
    },
    {
        "email": "dr.hansen@example.org",
        "full_name": "Erik Hansen",
        "role": Role.DERMATOLOGIST,
        "language": "nb",
        "is_staff": True,
    },
    {
        "email": "dr.lie@example.org",
        "full_name": "Ingrid Lie",
        "role": Role.DERMATOLOGIST,
        "language": "nb",
    },
    {
        "email": "kari@example.org",
        "full_name": "Kari Nordmann",
        "role": Role.PATIENT,
        "language": "nb",
    },
    {
        "email": "ola@example.org",
        "full_name": "Ola Nordmann",
        "role": Role.PATIENT,
        "language": "en",
    },
    {
        "email": "per@example.org",
        "full_name": "Per Hagen",
        "role": Role.PATIENT,
        "language": "nb",
    },
]


def seed_accounts() -> list[str]:
    """Create the demo accounts that are missing; leave existing ones as they are."""
    created = []
    for fields in DEMO_USERS:
        fields = dict(fields)
        email = fields.pop("email")
        if User.objects.filter(email__iexact=email).exists():
            continue
        User.objects.create_user(email=email, password=DEMO_PASSWORD, **fields)
        created.append(email)
    return created


def demo_user(email: str) -> User:
    return User.objects.get(email__iexact=email)
