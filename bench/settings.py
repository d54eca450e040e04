"""Production settings plus the benchmark's floor view (see bench/web_bench.py)."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
