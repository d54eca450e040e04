"""The benchmark's reference pages (bench/urls.py) measure the article page's own lookup."""

import pytest

from articles.models import Article

pytestmark = pytest.mark.urls("bench.urls")


def reference(article: Article, kind: str) -> str:
    return article.get_absolute_url().replace("/articles/", f"/bench-{kind}/", 1)


def test_the_least_article_answers_with_the_headline_alone(client, make_article):
    article = make_article(headline="Synthetic headline for the reference")
    response = client.get(reference(article, "least-article"))
    assert response.content.decode() == "Synthetic headline for the reference"


def test_the_least_article_page_shows_headline_and_paragraphs_in_the_base_template(
    client, make_article
):
    article = make_article(headline="Synthetic headline for the reference")
    body = client.get(reference(article, "least-article-page")).content.decode()
    assert '<h1 lang="en">Synthetic headline for the reference</h1>' in body
    assert "<p>Synthetic paragraph one.</p><p>Synthetic paragraph two.</p>" in body
    assert 'class="site-header"' in body and 'class="site-footer"' in body


@pytest.mark.parametrize("kind", ["least-article", "least-article-page"])
def test_the_references_find_only_public_articles_like_the_article_page(client, make_article, kind):
    draft = make_article(status=Article.Status.DRAFT)
    assert client.get(reference(draft, kind)).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
