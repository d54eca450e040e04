"""Web archive benchmark: a synthetic WARC of a given size into a fresh SQLite archive.

Run: .venv/bin/python bench/warc_bench.py [--megabytes 1024]
Writes a .warc.gz of synthetic article pages, each with its photo as an image
record and a stylesheet and a script beside it (as a crawl leaves them), up to
the size asked, then imports it with import_coverage and prints pages per
second and the importer's peak memory. Every page and image is generated and
says it is synthetic.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["Kalbajar", "Lachin", "Aghdam", "Shusha", "Goris", "Hadrut", "Tartar"]


def page(number: int, rng: random.Random) -> bytes:
    place = rng.choice(PLACES)
    words = " ".join(f"term{rng.randrange(5000):05d}" for _ in range(60))
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Synthetic article {number}</title>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Synthetic article {number} about {place}",
"datePublished":"2021-0{1 + number % 9}-1{number % 10}T08:00:00Z",
"articleSection":"Synthetic","author":{{"@type":"Person","name":"Synthetic Writer"}}}}</script>
</head><body><nav><a href="/">Synthetic Wire</a></nav>
<article><h1>Synthetic article {number} about {place}</h1>
<p>This synthetic paragraph about {place} is generated for the benchmark: {words}.</p>
<figure><img src="/img/{number}.jpg"><figcaption>A synthetic photo for article {number} in {place}.
<span class="credit">© Synthetic Photographer, Synthetic Images</span></figcaption></figure>
<p>"This is a synthetic quotation for the benchmark number {number}," said Synthetic Speaker.</p>
<p>A second synthetic paragraph, about the {number % 28 + 1} March meeting: {words}.</p>
</article></body></html>""".encode()


def photo(rng: random.Random) -> bytes:
    """A drawn image that compresses like a photo (noise), about 150 KB as JPEG."""
    image = Image.frombytes("RGB", (400, 300), rng.randbytes(400 * 300 * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def write_warc(path: Path, megabytes: int) -> int:
    rng = random.Random(20201125)
    images = [photo(rng) for _ in range(20)]  # reused: drawing is not what is measured
    pages = 0
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        while stream.tell() < megabytes * 1_048_576:
            base = f"https://synthetic-wire.example/{pages}"
            for url, body, kind in (
                (f"{base}/article", page(pages, rng), "text/html; charset=utf-8"),
                (
                    f"https://synthetic-wire.example/img/{pages}.jpg",
                    rng.choice(images),
                    "image/jpeg",
                ),
                (f"{base}/site.css", b"body { margin: 0 }" * 50, "text/css"),
                (f"{base}/app.js", b"let synthetic = 1;" * 50, "text/javascript"),
            ):
                headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
                writer.write_record(
                    writer.create_warc_record(
                        url,
                        "response",
                        payload=io.BytesIO(body),
                        length=len(body),
                        http_headers=headers,
                    )
                )
            pages += 1
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=int, default=1024)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        warc = work / "synthetic.warc.gz"
        pages = write_warc(warc, args.megabytes)
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"} | {
            "DJANGO_SECRET_KEY": "benchmark-only-" + "x" * 40,
            "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
            "DJANGO_VAR_DIR": str(work),
            "DJANGO_MEDIA_ROOT": str(work / "media"),
            "DJANGO_PRIVATE_MEDIA_ROOT": str(work / "private"),
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
        started = time.perf_counter()
        result = subprocess.run(
            [*manage, "import_coverage", str(warc)], env=env, capture_output=True, text=True
        )
        elapsed = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if result.returncode != 0:
            sys.exit(f"import failed:\n{result.stderr[-2000:]}")
        size_mb = warc.stat().st_size / 1_048_576
        print(f"{'MB':>8} {'pages':>8} {'seconds':>8} {'pages/s':>8} {'peak MB':>8}")
        print(f"{size_mb:>8.0f} {pages:>8} {elapsed:>8.1f} {pages / elapsed:>8.1f} {peak_mb:>8.0f}")
        print(result.stdout.strip())


if __name__ == "__main__":
    main()
