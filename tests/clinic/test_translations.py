"""The catalogues are a gate: nothing a user sees may be left untranslated."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "clinic" / "locale"
SOURCES = ["clinic", "leaflets", "patients", "templates", "manage.py"]


def _catalogue(root: Path, language: str) -> polib.POFile:
    return polib.pofile(str(root / language / "LC_MESSAGES" / "django.po"))


def _msgids(catalogue: polib.POFile) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in catalogue if not entry.obsolete}


@pytest.mark.parametrize("language", ["nb", "en"])
def test_catalogue_has_no_untranslated_or_fuzzy_entries(language):
    catalogue = _catalogue(LOCALE_DIR, language)

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert untranslated == [], f"untranslated in {language}: {untranslated}"
    assert fuzzy == [], f"fuzzy in {language}: {fuzzy}"


def test_makemessages_would_add_no_new_msgid(tmp_path):
    if shutil.which("xgettext") is None:
        reason = "GNU gettext (xgettext) is not installed: apt-get install gettext"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    for name in SOURCES:
        source = Path(settings.BASE_DIR) / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("*.mo"))
        else:
            shutil.copy(source, tmp_path / name)
    env = {**os.environ, "DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)

    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nb", "-l", "en", "--no-location"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )

    for language in ("nb", "en"):
        extracted = _msgids(_catalogue(tmp_path / "clinic" / "locale", language))
        committed = _msgids(_catalogue(LOCALE_DIR, language))
        missing = sorted(msgid for _, msgid in extracted - committed)
        assert missing == [], f"{language} catalogue lacks: {missing}; run `make messages`"
