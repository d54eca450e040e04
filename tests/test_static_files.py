"""Styles ship with the project and are served by WhiteNoise, with nothing from the network."""

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parent.parent / "static"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.mark.django_db
def test_whitenoise_serves_the_stylesheet(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert b"--accent" in b"".join(response.streaming_content)


def test_no_template_or_stylesheet_refers_to_another_host():
    external = re.compile(
        r"""(src|href)=["']https?://|@import\s+url\(["']?https?://|url\(["']?https?://"""
    )
    files = [*TEMPLATES.rglob("*.html"), *STATIC.rglob("*.css")]
    assert files
    offenders = [str(f) for f in files if external.search(f.read_text(encoding="utf-8"))]
    assert offenders == []
