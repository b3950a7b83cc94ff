"""Gunicorn settings for production: `gunicorn -c clinic/gunicorn.conf.py` (from the project root).

Everything comes from the environment, like clinic/settings.py, and a value that makes no
sense stops gunicorn at start-up. Command-line options still win over this file.

- BIND: address(es) to listen on, comma-separated; default 0.0.0.0:$PORT when PORT is set,
  else 127.0.0.1:8000.
- WEB_CONCURRENCY: worker processes; default 2 x CPU cores + 1.
- GUNICORN_THREADS: threads per worker; default 1 (above 1: the gthread worker).
- GUNICORN_TIMEOUT: seconds before a silent worker is killed and restarted; default 30.
- GUNICORN_MAX_REQUESTS: requests after which a worker is replaced by a fresh one; default
  20,000 (0: never).
- ACCESS_LOG: one line per request on stdout (method, path without the query string, status,
  size, ms); default on.
- FORWARDED_ALLOW_IPS: proxies whose X-Forwarded-* headers gunicorn trusts; default 127.0.0.1.
"""

import os

from clinic.lib.env import env_bool, env_int, env_list, env_str


def _cores() -> int:
    # The cores this process may use (a container's CPU set), not the host's.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        return os.cpu_count() or 1


wsgi_app = "clinic.wsgi:application"

_port = env_str("PORT")
bind = env_list("BIND") or [f"0.0.0.0:{_port}" if _port else "127.0.0.1:8000"]

workers = env_int("WEB_CONCURRENCY", 2 * _cores() + 1)
# Measured with `manage.py bench --load --threads 4` (2 cores, 100,000 patients): gthread gave
# the same requests/s as sync workers (the patient pages spend their time in Python, not
# waiting for PostgreSQL), so one thread per worker stays the default.
threads = env_int("GUNICORN_THREADS", 1)

# Sync workers handle one request at a time: put a buffering proxy (nginx, a cloud load
# balancer) in front so slow clients never hold a worker.
timeout = env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
keepalive = 5
# Restart each worker now and then so a slow leak never grows; the jitter spreads restarts.
# Not often: a new worker starts cold (its templates, compiled queries and memos made anew,
# a new database connection), and every 1,000 requests the benchmark saw those restarts as
# slow spells of a page (0 turns the restarts off).
max_requests = env_int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = max_requests // 10

# Load Django once in the master and fork the workers from it: faster start, shared memory,
# and an import error stops the master instead of looping workers. No database or Redis
# connection is opened at import, so nothing is shared across the fork. New code needs a
# restart (not a HUP).
preload_app = True

# Access log without the client address, the user agent or the query string: the proxy in
# front keeps addresses, and our URLs carry only ids. %(M)s is the time taken in ms.
accesslog = "-" if env_bool("ACCESS_LOG", default=True) else None
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = env_str("LOG_LEVEL", "info").lower()

# TLS ends at the proxy; trust its X-Forwarded-Proto only from these addresses.
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1")
