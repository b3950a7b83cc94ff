import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from clinic.lib.env import env_bool, env_int, env_list


def test_env_bool_refuses_a_typo(monkeypatch):
    monkeypatch.setenv("DEBUG", "ture")

    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG")


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")

    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        env_int("EMAIL_PORT", 25)


def test_env_list_drops_blank_items(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example.org, ,b.example.org,")

    assert env_list("ALLOWED_HOSTS") == ["a.example.org", "b.example.org"]


def test_the_clinic_runs_in_norwegian_in_oslo():
    assert settings.LANGUAGE_CODE == "nb"
    assert settings.TIME_ZONE == "Europe/Oslo"
    assert [code for code, _ in settings.LANGUAGES] == ["nb", "en"]


def _manage(*args, **env):
    dropped = {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="kP3v9xQ2mZ7rT5wY8uB1nC4eH6jL0sD9fG2hJ5kM8pR1tV4yX7",
        ALLOWED_HOSTS="clinic.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="0", ALLOWED_HOSTS="clinic.example.org")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_uses_argon2_first():
    # The test settings swap in a fast hasher; the production module keeps its own list.
    import clinic.settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


_PRINT_SCALE_OUT_SETTINGS = """
import json
import django
django.setup()
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.utils.module_loading import import_string
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "session_engine": settings.SESSION_ENGINE,
    "axes_in_database": issubclass(import_string(settings.AXES_HANDLER), AxesDatabaseHandler),
    "databases": sorted(settings.DATABASES),
    "replica_host": settings.DATABASES.get("replica", {}).get("HOST"),
    "routers": settings.DATABASE_ROUTERS,
    "first_middleware": settings.MIDDLEWARE[0],
}))
"""


def _production_settings(**env):
    """clinic.settings as a production process with this environment would load them."""
    dropped = {"DEBUG", "SECRET_KEY", "REDIS_URL", "DATABASE_REPLICA_URL", "DATABASE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    result = subprocess.run(
        [sys.executable, "-c", _PRINT_SCALE_OUT_SETTINGS],
        cwd=settings.BASE_DIR,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "clinic.settings",
            "DEBUG": "0",
            "SECRET_KEY": "kP3v9xQ2mZ7rT5wY8uB1nC4eH6jL0sD9fG2hJ5kM8pR1tV4yX7",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_redis_production_shares_its_cache_through_the_database():
    found = _production_settings()

    assert found["cache"] == "django.core.cache.backends.db.DatabaseCache"
    assert found["session_engine"] == "django.contrib.sessions.backends.db"
    assert found["axes_in_database"]  # lock-outs are shared by every app server
    assert found["databases"] == ["default"]
    assert found["routers"] == []


def test_redis_url_moves_the_cache_and_the_sessions_to_redis():
    found = _production_settings(REDIS_URL="redis://cache.internal:6379/2")

    assert found["cache"] == "clinic.cache.RedisCache"
    assert found["cache_location"] == "redis://cache.internal:6379/2"
    assert found["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_a_replica_url_adds_the_replica_and_its_router():
    found = _production_settings(
        DATABASE_URL="postgres://app@primary.internal/clinic",
        DATABASE_REPLICA_URL="postgres://app@replica.internal/clinic",
    )

    assert found["databases"] == ["default", "replica"]
    assert found["replica_host"] == "replica.internal"
    assert found["routers"] == ["clinic.db_router.ReplicaRouter"]
    assert found["first_middleware"] == "clinic.db_router.PrimaryAfterWriteMiddleware"


def test_the_test_suite_keeps_its_cache_and_sessions_to_itself():
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_gunicorn_reads_its_workers_and_address_from_the_environment():
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "clinic/gunicorn.conf.py", "--print-config"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "WEB_CONCURRENCY": "5", "PORT": "9123"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    config = {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in result.stdout.splitlines())
    }
    assert config["workers"] == "5"
    assert config["bind"] == "['0.0.0.0:9123']"
    assert config["preload_app"] == "True"
    assert config["max_requests"] == "20000"  # a recycled worker starts cold: rarely
    assert "%(U)s" in config["access_log_format"]  # the path, never the query string


def test_the_loaded_application_is_kept_out_of_the_garbage_collectors_sight():
    clean = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    script = "import gc, clinic.wsgi; print(gc.get_freeze_count())"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={**clean, "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 10_000
