"""Settings, migrations and setup behave as the README says."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | {"DJANGO_SETTINGS_MODULE": "newsroom.settings"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_a_secret_key_production_settings_refuse_to_start_with_a_clear_message():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_checkout_compares_models_and_migrations_without_any_setting():
    result = run_manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_a_bad_boolean_setting_is_a_clear_error():
    result = run_manage("check", DJANGO_DEBUG="maybe")
    assert "DJANGO_DEBUG must be true or false" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_is_off_unless_asked_for():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print('DEBUG', settings.DEBUG)",
        DJANGO_SECRET_KEY="k" * 50,
    )
    assert result.stdout.strip().endswith("DEBUG False")


def test_database_url_selects_postgresql():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        DJANGO_SECRET_KEY="k" * 50,
        DATABASE_URL="postgres://someone@127.0.0.1:5432/somedb",
    )
    assert result.stdout.strip().endswith("django.db.backends.postgresql")
