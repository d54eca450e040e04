"""Settings for the news archive, read from the environment.

Safe by default: debug is off unless DJANGO_DEBUG says otherwise, and with
debug off a missing secret key is an error rather than a silent default.
See the README's configuration table for every variable.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off. "
            "Set it to a long random string (for local use, `make run` sets DJANGO_DEBUG=1)."
        )
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "reversion",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "articles.middleware.LocaleMiddleware",
    # Before anything reads the form, so an unreadable one is a 400, not a 500.
    "articles.middleware.UnreadableFormMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "articles.middleware.SecurityHeadersMiddleware",
    # Innermost, so a cached page still passes through every header above.
    "articles.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# Local state (the SQLite file, uploaded media, collected static files) lives
# under var/, which git ignores.
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))

if not os.environ.get("DATABASE_URL"):
    # The default SQLite file needs its folder; a fresh clone has none.
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        # Persistent connections: opening one per request halves PostgreSQL's
        # throughput, and a fresh SQLite connection starts with a cold page cache.
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a writer works; IMMEDIATE takes the write
    # lock at BEGIN so two writers queue on the busy timeout instead of one
    # failing with "database is locked" half-way through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("DJANGO_SQLITE_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds whole pages, the content generation that retires them
# (articles.freshness) and the abuse counters. Every process that serves or
# changes content must share it, so the default is a folder of files every
# process of the machine reads; Redis shares it between machines.
_cache_url = os.environ.get("CACHE_URL", "")
if _cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
elif _cache_url in ("", "file://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
            # Django's file cache gives an entry it counts (incr) the default
            # lifetime again; with none, a count lasts as long as its key names.
            "TIMEOUT": None,
            # Each write lists the folder to see whether it is full.
            "OPTIONS": {"MAX_ENTRIES": 3_000},
        }
    }
elif _cache_url == "locmem://":
    # Only for a single process that alone changes content (tests, experiments).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif _cache_url == "dummy://":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    raise ImproperlyConfigured(
        f"CACHE_URL must be redis://..., file://, locmem:// or dummy://, not {_cache_url!r}"
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Public pages carry their language in the URL: English unprefixed, French under
# /fr/ (see newsroom/urls.py). The admin follows the editor's language cookie or browser.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
# The compiled catalogues are committed, so a fresh clone needs no gettext to run.
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates are written with Django's named formats (DATE_FORMAT, ...); this keeps
# English in the archive's house style ("25 November 2020") while French uses
# Django's own French formats ("25 novembre 2020").
FORMAT_MODULE_PATH = ["newsroom.formats"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Captured pages print their timestamps without a zone; this is the zone the
# importer reads them in.
ARCHIVE_CAPTURE_TIME_ZONE = os.environ.get("ARCHIVE_CAPTURE_TIME_ZONE", "UTC")
# A captured page is a few kilobytes; anything far larger is not a capture.
ARCHIVE_IMPORT_MAX_BYTES = env_int("ARCHIVE_IMPORT_MAX_BYTES", 2 * 1024 * 1024)
# The admin imports an upload while the editor waits, within the app server's
# timeout: a web archive larger than this once decompressed goes by import_coverage.
ARCHIVE_ADMIN_IMPORT_MAX_BYTES = env_int("ARCHIVE_ADMIN_IMPORT_MAX_BYTES", 20 * 1024 * 1024)

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Original uploads are kept here, outside MEDIA_ROOT, and never served.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# Behind nginx, /media/ still checks publication here but lets nginx send the
# bytes: the answer names the file under this internal location (deploy/nginx.conf).
# Empty: the app sends the file itself.
ARCHIVE_MEDIA_ACCEL_REDIRECT = os.environ.get("ARCHIVE_MEDIA_ACCEL_REDIRECT", "")
# Uploads, originals and renditions are readable by the site's user only
# (articles/private_files.py does the same for the SQLite file).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
ARCHIVE_UPLOAD_MAX_BYTES = env_int("ARCHIVE_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
ARCHIVE_UPLOAD_MAX_PIXELS = env_int("ARCHIVE_UPLOAD_MAX_PIXELS", 40_000_000)  # all frames
ARCHIVE_RENDITION_WIDTHS = [
    int(w) for w in env_list("ARCHIVE_RENDITION_WIDTHS", "480,960,1600") if w.isdigit()
]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Anonymous pages are cached whole for this long (0 turns it off); any change
# to content retires them at once (articles.freshness).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# After changes that only add (new records or links), a cached page is shown
# for up to this many seconds more, so that frequent writes (an import) do not
# make every page render again after each one. Withdrawals and edits: at once.
PAGE_CACHE_ADDITIONS_SECONDS = env_int("PAGE_CACHE_ADDITIONS_SECONDS", 5)
# How long browsers and shared caches (a reverse proxy, a CDN) may keep an anonymous
# page before they ask again; asking again costs one cache read when nothing changed
# (ETag, 304), and a change shows within this many seconds.
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 5)
# Apps whose records readers never see: their changes keep cached pages.
# Every other app's models, present and future, retire them when they change.
CONTENT_IGNORED_APPS = ["admin", "auth", "contenttypes", "sessions", "reversion"]

# Abuse limits, counted in the shared cache.
COMMENT_RATE_LIMIT = env_int("COMMENT_RATE_LIMIT", 5)  # comments per client per window
COMMENT_RATE_WINDOW = env_int("COMMENT_RATE_WINDOW", 600)  # seconds
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)  # failed admin logins before lockout
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 900)
# CSV exports: rows per response (?page=N for the rest), and rows each client
# may export per window, so that looping downloads cannot occupy the workers.
ARCHIVE_EXPORT_MAX_ROWS = env_int("ARCHIVE_EXPORT_MAX_ROWS", 5000)
EXPORT_RATE_ROWS = env_int("EXPORT_RATE_ROWS", 100_000)
EXPORT_RATE_WINDOW = env_int("EXPORT_RATE_WINDOW", 600)  # seconds
if ARCHIVE_EXPORT_MAX_ROWS < 1:
    raise ImproperlyConfigured("ARCHIVE_EXPORT_MAX_ROWS must be 1 or more")
# How many reverse proxies in front of the app append the address they saw to
# X-Forwarded-For: limits count the client the outermost one saw. 0 (no proxy):
# the connection's address, and X-Forwarded-For, which anyone can write, is ignored.
ARCHIVE_TRUSTED_PROXIES = env_int("ARCHIVE_TRUSTED_PROXIES", 0)
if ARCHIVE_TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("ARCHIVE_TRUSTED_PROXIES must be 0 or more")

# HTTP security. Behind a TLS-terminating proxy, set DJANGO_SECURE_PROXY_SSL_HEADER=1
# only when that proxy sets X-Forwarded-Proto itself (otherwise clients could forge it).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# The health check must answer plain HTTP from the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
