"""Send reads to a read replica, writes and everything that must see them to the primary.

Switched on by ``DATABASE_REPLICA_URL`` (clinic/settings.py adds the "replica" database, this
router and the middleware below only then). Replication is asynchronous, so a read from the
replica can miss the last few seconds of writes. Three rules keep a user from seeing that:

- inside a transaction (``transaction.atomic``, so every service and every locking read),
  reads go to the primary: a service reads what it is about to change from the database it
  writes to;
- once a request (or a command, or a task) has written anything, its later reads go to the
  primary too;
- a browser that sent a POST (log in, a report, a reply) is pinned to the primary for
  ``REPLICA_PIN_SECONDS`` afterwards by a short cookie, so the page it is redirected to shows
  what it just did (read-your-writes across the POST/redirect/GET).

Other users may see a change up to the replica's lag late; nothing here hides that.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
PIN_COOKIE = "db_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

# True once the current request (or command) has to read from the primary. The middleware
# sets it per request and restores it afterwards; a write sets it for the rest of the request.
_primary_only: ContextVar[bool] = ContextVar("primary_only", default=False)


def reads_from_primary() -> bool:
    return _primary_only.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block


class ReplicaRouter:
    """Reads go to the replica unless the rules above say primary; writes to the primary."""

    def db_for_read(self, model, **hints):
        return DEFAULT_DB_ALIAS if reads_from_primary() else REPLICA

    def db_for_write(self, model, **hints):
        _primary_only.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data: an object read from the replica may be related to
        # one read from the primary.
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica is migrated by replication, never by `migrate`.
        return db == DEFAULT_DB_ALIAS


class PrimaryAfterWriteMiddleware:
    """Per request: start on the replica, or on the primary for a POST or a pinned browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        unsafe = request.method not in SAFE_METHODS
        token = _primary_only.set(unsafe or PIN_COOKIE in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _primary_only.reset(token)
        if unsafe:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
