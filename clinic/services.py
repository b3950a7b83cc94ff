"""Rules for user accounts: an account that is part of a record is deactivated, not deleted."""

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.audit import log_actions
from clinic.models import User


def has_records(users) -> bool:
    """Whether deleting `users` (a queryset or a list) would remove part of a record.

    Asks Django's deletion collector, so every protected relation counts, whichever app
    declares it: a patient profile, a dermatologist profile, an audit entry, a message...
    Queries once per related table.
    """
    collector = Collector(using=router.db_for_write(User))
    try:
        collector.collect(users)
    except (ProtectedError, RestrictedError):
        return True
    return False


@transaction.atomic
def deactivate_users(*, users, by: User) -> list[User]:
    """Stop the accounts from logging in and their open activation links from working.

    The records stay as they are. Accounts already inactive are left alone; each one
    deactivated now is written to the audit log. Returns the accounts deactivated now.
    """
    users = list(
        User.objects.select_for_update()
        .filter(pk__in=[user.pk for user in users], is_active=True)
        .order_by("pk")
    )
    if any(user.pk == by.pk for user in users):
        raise ValidationError(_("You cannot deactivate your own account."))
    if not users:
        return []
    User.objects.filter(pk__in=[user.pk for user in users]).update(is_active=False)
    # A link sent earlier must not activate the account again. The core does not import
    # the apps, so the invitation model is found through the user's reverse relation.
    invitations = User._meta.get_field("invitations").related_model.objects
    now = timezone.now()
    invitations.filter(user__in=users, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    for user in users:
        user.is_active = False
    log_actions(actor=by, action="user.deactivated", objects=users)
    return users
