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
