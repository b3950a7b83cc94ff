from clinic.models import AuditEntry


def _entry(*, actor, action: str, obj, data: dict | None) -> AuditEntry:
    return AuditEntry(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        data=data or {},
    )


def log_action(*, actor, action: str, obj, data: dict | None = None) -> AuditEntry:
    """Record that `actor` did `action` to `obj` (pretix's log_action)."""
    entry = _entry(actor=actor, action=action, obj=obj, data=data)
    entry.save()
    return entry


def log_actions(*, actor, action: str, objects, data: dict | None = None) -> list[AuditEntry]:
    """Record that `actor` did `action` to each of `objects`, in one query."""
    return AuditEntry.objects.bulk_create(
        [_entry(actor=actor, action=action, obj=obj, data=data) for obj in objects]
    )
