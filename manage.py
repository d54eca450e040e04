#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    if sys.argv[1:2] == ["makemigrations"]:
        # Comparing models with migrations reads code only: no key is used, so
        # a checkout needs none to run it (settings refuse to start without one).
        os.environ.setdefault("DJANGO_SECRET_KEY", "makemigrations-only-" + "x" * 40)
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A misconfiguration deserves one clear line, not a traceback.
        sys.stderr.write(f"Configuration error: {error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
