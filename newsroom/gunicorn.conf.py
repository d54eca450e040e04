"""gunicorn settings for production: `gunicorn -c newsroom/gunicorn.conf.py newsroom.wsgi`.

Every value can be overridden from the environment (GUNICORN_*), so one file
serves a laptop, a container and a fleet of app servers.
"""

import os

# Sync workers: a request's SQL and template work is CPU-bound, so one process
# per core serves the most without threads contending for the GIL.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", os.cpu_count() or 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# Recycle workers now and then so slow leaks in any library never grow unbounded.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = max_requests // 10
# Load Django once before forking: workers share its memory and start at once.
# Django opens no database connection at import, so none is shared across forks.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
