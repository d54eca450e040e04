"""The editors' pages in headless Chromium at 1366 px: what must be seen is on screen.

Screenshots are saved to test-artifacts/ for people to look at.
"""

import os
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command

from articles.models import Article, Comment

from .conftest import SEED_CAPTURE

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PASSWORD = "pw-editor-1234"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": "/usr/bin/chromium",
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture
def desk(live_server, page):
    """The seed imported, comments waiting, and an editor signed in at 1366 px."""
    # An earlier live-server test may have flushed the migrated Editors group.
    editors = import_module("articles.migrations.0004_editors_group").EDITOR_MODELS
    group, _ = Group.objects.get_or_create(name="Editors")
    codenames = [f"{action}_{model}" for model, actions in editors.items() for action in actions]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )
    User.objects.create_user("editor", password=PASSWORD, is_staff=True).groups.add(group)
    call_command("import_coverage", str(SEED_CAPTURE), stdout=StringIO(), stderr=StringIO())
    article = Article.objects.get(capture__isnull=False)
    words = " ".join(["A synthetic reader's comment that runs on for a while"] * 8)
    Comment.objects.create(article=article, author="Synthetic Reader", body=words)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return live_server.url


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def scrolls_sideways(page, selector: str = "html") -> bool:
    return page.evaluate(
        f"() => {{ const e = document.querySelector('{selector}');"
        " return e.scrollWidth > e.clientWidth; }"
    )


def test_the_moderation_list_shows_text_article_and_status_without_scrolling(page, desk):
    page.get_by_role("link", name="1 comment waiting for moderation").click()
    shoot(page, "admin-moderation-1366")
    assert not scrolls_sideways(page, ".results")
    status = page.locator("td.field-status_label").first
    assert status.inner_text() == "Pending"
    box = status.bounding_box()
    assert box["x"] + box["width"] <= 1366
    comment = page.locator("td.field-excerpt").first.bounding_box()
    assert comment["width"] >= 200  # readable, not a column of single words


def test_the_article_form_is_roomy_and_fits_the_screen(page, desk):
    article = Article.objects.get(capture__isnull=False)
    page.goto(f"{desk}/admin/articles/article/{article.pk}/change/")
    shoot(page, "admin-article-1366")
    assert not scrolls_sideways(page)
    assert page.get_by_label("Headline").bounding_box()["width"] >= 600
    assert page.locator("select#id_language").is_visible()
    assert page.locator("input#id_quotes-0-text").bounding_box()["height"] < 50


def test_the_import_page_summary_fits_the_screen(page, desk):
    page.goto(f"{desk}/admin/articles/article/import/")
    page.set_input_files("#id_files", [str(SEED_CAPTURE)])
    page.get_by_role("button", name="Import").click()
    shoot(page, "admin-import-1366")
    assert page.locator(".archive-import-summary.archive-import-warning").is_visible()
    assert not scrolls_sideways(page)
