"""Settings for the test suite: the real settings, with a throwaway key and fast hashing."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-test-only-key-" + "x" * 40)

from newsroom.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Serve static files from the project folders, as with debug on, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# The test client speaks plain HTTP; production redirects it to HTTPS.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False

# Views are tested as they run; the page cache has tests of its own (test_page_cache.py).
PAGE_CACHE_SECONDS = 0

# Each test starts with an empty cache of its own (conftest.empty_cache); files
# would outlive the run. CACHE_URL=redis://... runs the suite against Redis.
if not os.environ.get("CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# A public model the archive's own code does not know (tests/test_freshness.py).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.pagesapp"]  # noqa: F405
