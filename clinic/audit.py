from clinic.models import AuditEntry


def log_action(*, actor, action: str, obj, data: dict | None = None) -> AuditEntry:
    """Record that `actor` did `action` to `obj` (pretix's log_action)."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        data=data or {},
    )
