import factory

from clinic.models import Role, User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="no_NO")
    role = Role.PATIENT
    language = "nb"

    @classmethod
    def _create(cls, model_class, *args, password=PASSWORD, **kwargs):
        return model_class.objects.create_user(*args, password=password, **kwargs)


class PatientUserFactory(UserFactory):
    role = Role.PATIENT


class DermatologistUserFactory(UserFactory):
    role = Role.DERMATOLOGIST
    full_name = factory.Sequence(lambda n: f"Dr. Lege {n}")


class AdminUserFactory(UserFactory):
    role = Role.ADMIN
    is_staff = True
    is_superuser = True
