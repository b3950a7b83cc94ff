"""Settings for the benchmark's own gunicorn: the production settings plus the bare view.

`manage.py bench` starts gunicorn with DJANGO_SETTINGS_MODULE=patients.bench.settings and
DEBUG off; never use these settings for anything else.
"""

from clinic.settings import *  # noqa: F403

ROOT_URLCONF = "patients.bench.urls"
# First, so that the count covers every query of the request (session and user included).
MIDDLEWARE = ["patients.bench.middleware.query_count", *MIDDLEWARE]  # noqa: F405
