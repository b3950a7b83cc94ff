"""Throttling of logins (through django-axes) and of password reset requests.

Logins are counted by axes in its database table, under three keys with a limit each:
the account and address together (AXES_FAILURE_LIMIT), the account from any address
(LOGIN_FAILURE_LIMIT_PER_ACCOUNT) and the address against any account
(LOGIN_FAILURE_LIMIT_PER_ADDRESS). Every lock ends after AXES_COOLOFF_TIME, so an attacker
can delay a patient's login but never lock them out for good.

The account is the e-mail address as the user manager looks it up (any letter case, without
surrounding spaces), so every spelling of one address shares one count.
"""

import hashlib
import ipaddress

from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import (
    get_client_ip_address,
    get_cool_off,
    get_failure_limit,
    get_lockout_parameters,
)
from axes.models import AccessAttempt
from django.core.cache import cache
from django.db.models import Sum
from django.shortcuts import render

# Longest user name axes stores (its column is 255 characters; an e-mail address is 254).
USERNAME_MAX_LENGTH = 254


def normalise_login(username: str | None) -> str | None:
    if username is None:
        return None
    return username.strip().lower()[:USERNAME_MAX_LENGTH]


def login_username(request, credentials) -> str | None:
    """AXES_USERNAME_CALLABLE: the account a login attempt is counted against."""
    if credentials is not None:
        username = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    return normalise_login(username)


def client_address(request) -> str:
    """The client's IP address: REMOTE_ADDR, or the forwarded one behind a trusted proxy.

    With TRUSTED_PROXY_COUNT = n, each of our n proxies appended the address it received
    the request from to X-Forwarded-For (the last of them is REMOTE_ADDR), so the client is
    the n-th entry from the right; anything further left was written by the client.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lock page, saying how long the pause lasts."""
    minutes = int(get_cool_off(request).total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def _limit_for(parameter) -> int:
    keys = {parameter} if isinstance(parameter, str) else set(parameter)
    if keys == {"username"}:
        return settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT
    if keys == {"ip_address"}:
        return settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
    return settings.AXES_FAILURE_LIMIT


class LoginThrottle(AxesDatabaseHandler):
    """Axes' database handler with its own limit for each lockout parameter.

    Axes compares one number (`get_failures`) with one limit (AXES_FAILURE_LIMIT). This
    handler reports the failures of each parameter scaled to that limit, so the request is
    locked as soon as any parameter reaches its own limit:
    failures * base // limit >= base exactly when failures >= limit.
    """

    def get_failures(self, request, credentials=None) -> int:
        base = get_failure_limit(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        scaled = 0
        for parameter, attempts in zip(parameters, attempts_list, strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            scaled = max(scaled, failures * base // _limit_for(parameter))
        return scaled

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful login, forget only that account's failures from that address.

        Axes would also clear the address's failures against other accounts (an attacker
        logging in to their own account would reset their spraying count) and the account's
        failures from other addresses.
        """
        deleted, _ = AccessAttempt.objects.filter(
            username=login_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return deleted


def allow(key: str, *, limit: int, seconds: int) -> bool:
    """Count one event under `key` in the cache; False once `limit` events fell in the window.

    A fixed window starting at the first event. The cache must be shared by all processes
    (see CACHES) for the limit to hold across them.
    """
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        count = 1
    return count <= limit


def allow_password_reset(request, email: str) -> bool:
    """Whether to act on a password reset request; both limits are counted every time."""
    seconds = settings.PASSWORD_RESET_THROTTLE_SECONDS
    by_address = allow(
        f"password-reset:address:{get_client_ip_address(request)}",
        limit=settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
        seconds=seconds,
    )
    by_email = allow(
        "password-reset:email:" + hashlib.sha256(normalise_login(email).encode()).hexdigest(),
        limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
        seconds=seconds,
    )
    return by_address and by_email
