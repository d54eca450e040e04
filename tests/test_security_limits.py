"""Sign-in lockouts and comment limits count the right person: every spelling of
an account is the account, and every client behind a trusted proxy is itself."""

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import reverse

from articles.models import Comment

pytestmark = pytest.mark.django_db

PASSWORD = "pw-ed3-long-enough-1234"
# Spellings Django's sign-in form turns into "ed3" (it strips the name and
# applies NFKC) before it checks the password.
SPELLINGS = ["ed3 ", " ed3", "\ted3", "ｅｄ３", "ed3\u3000", "ed3\n"]
LOCKED = "Too many failed sign-in attempts"


@pytest.fixture
def ed3(db) -> User:
    return User.objects.create_user("ed3", password=PASSWORD, is_staff=True)


def sign_in(username: str, password: str, address: str = "192.0.2.1", **headers):
    """A sign-in from a client of its own, so that only the counters are shared."""
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(reverse("admin:login"), {"username": username, "password": password})
    return client, response


@pytest.mark.parametrize("spelling", SPELLINGS, ids=repr)
def test_django_signs_in_each_spelling_of_a_username_as_that_account(ed3, spelling):
    client, response = sign_in(spelling, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(ed3.pk)


@override_settings(LOGIN_FAILURE_LIMIT=5, LOGIN_LOCKOUT_SECONDS=600)
@pytest.mark.parametrize("spelling", SPELLINGS, ids=repr)
def test_a_locked_account_stays_locked_under_any_spelling_from_any_address(ed3, spelling):
    for n in range(5):
        sign_in("ed3", "wrong", address=f"198.51.100.{n}")
    client, response = sign_in(spelling, PASSWORD, address="203.0.113.9")
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURE_LIMIT=len(SPELLINGS), LOGIN_LOCKOUT_SECONDS=600)
def test_failures_under_different_spellings_add_up_to_one_lockout(ed3):
    for n, spelling in enumerate(SPELLINGS):
        sign_in(spelling, "wrong", address=f"198.51.100.{n}")
    client, response = sign_in("ed3", PASSWORD, address="203.0.113.9")
    assert LOCKED in response.content.decode()


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_LOCKOUT_SECONDS=600)
def test_a_username_of_any_length_or_character_is_counted_without_error(ed3):
    for name in ("x" * 5000, "e d3\x00", "\U0010ffff" * 200):
        _, response = sign_in(name, "wrong")
        assert response.status_code == 200


# -- the client's address behind proxies ----------------------------------------

PROXY = "10.0.0.2"


def behind_proxy(client_address: str, forged: str = "") -> dict:
    """What the app sees from a client behind one proxy that appends to X-Forwarded-For."""
    chain = f"{forged}, {client_address}" if forged else client_address
    return {"address": PROXY, "HTTP_X_FORWARDED_FOR": chain}


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_LOCKOUT_SECONDS=600, ARCHIVE_TRUSTED_PROXIES=1)
def test_behind_a_trusted_proxy_one_clients_failures_lock_out_only_that_client(ed3):
    for n in range(3):
        sign_in(f"nobody{n}", "wrong", **behind_proxy("198.51.100.7"))
    _, response = sign_in(f"nobody{n}", "wrong", **behind_proxy("198.51.100.7"))
    assert LOCKED in response.content.decode()
    client, response = sign_in("ed3", PASSWORD, **behind_proxy("203.0.113.9"))
    assert response.status_code == 302 and "_auth_user_id" in client.session


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_LOCKOUT_SECONDS=600, ARCHIVE_TRUSTED_PROXIES=1)
def test_a_client_cannot_escape_its_lockout_by_forging_x_forwarded_for(ed3):
    for n in range(3):
        sign_in(f"nobody{n}", "wrong", **behind_proxy("198.51.100.7", forged=f"192.0.2.{n}"))
    _, response = sign_in("ed3", PASSWORD, **behind_proxy("198.51.100.7", forged="192.0.2.99"))
    assert LOCKED in response.content.decode()


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_LOCKOUT_SECONDS=600)
def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(ed3):
    for n in range(3):
        sign_in(f"nobody{n}", "wrong", address="198.51.100.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    _, response = sign_in(
        "ed3", PASSWORD, address="198.51.100.7", HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert LOCKED in response.content.decode()


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_LOCKOUT_SECONDS=600, ARCHIVE_TRUSTED_PROXIES=2)
def test_with_two_proxies_the_client_is_the_address_the_outer_proxy_saw(ed3):
    # client -> outer proxy (appends the client) -> inner proxy (appends the outer) -> app
    def chain(client_address: str, forged: str) -> dict:
        return {"address": PROXY, "HTTP_X_FORWARDED_FOR": f"{forged}, {client_address}, 10.0.0.1"}

    for n in range(3):
        sign_in(f"nobody{n}", "wrong", **chain("198.51.100.7", forged=f"192.0.2.{n}"))
    _, response = sign_in("ed3", PASSWORD, **chain("198.51.100.7", forged="192.0.2.99"))
    assert LOCKED in response.content.decode()
    client, response = sign_in("ed3", PASSWORD, **chain("203.0.113.9", forged="192.0.2.1"))
    assert response.status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_LOCKOUT_SECONDS=600, ARCHIVE_TRUSTED_PROXIES=1)
def test_a_request_that_bypassed_the_proxy_or_names_no_address_counts_as_its_own_address(ed3):
    for n in range(3):
        sign_in(f"nobody{n}", "wrong", address="198.51.100.7")
    _, response = sign_in("ed3", PASSWORD, address="198.51.100.7")
    assert LOCKED in response.content.decode()
    # A proxy hop that holds no address falls back to the connection's address too.
    _, response = sign_in(
        "ed3", PASSWORD, address="198.51.100.7", HTTP_X_FORWARDED_FOR="not-an-address"
    )
    assert LOCKED in response.content.decode()


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_LOCKOUT_SECONDS=600)
def test_addresses_of_one_ipv6_network_share_a_counter(ed3):
    # Anyone holding a /64 can take a new address per request.
    for n in range(3):
        sign_in(f"nobody{n}", "wrong", address=f"2001:db8:1:2::{n + 1}")
    _, response = sign_in("ed3", PASSWORD, address="2001:db8:1:2:ffff::9")
    assert LOCKED in response.content.decode()
    client, response = sign_in("ed3", PASSWORD, address="2001:db8:1:3::1")
    assert response.status_code == 302


@override_settings(COMMENT_RATE_LIMIT=2, COMMENT_RATE_WINDOW=60, ARCHIVE_TRUSTED_PROXIES=1)
def test_behind_a_trusted_proxy_one_commenter_does_not_use_up_everyones_quota(make_article):
    article = make_article()
    url = article.get_comment_url()
    first = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    for n in range(3):
        response = first.post(url, {"author": "r", "body": f"Synthetic {n}"})
    assert response.status_code == 429
    forged = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7")
    assert forged.post(url, {"author": "r", "body": "Forged"}).status_code == 429
    other = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert other.post(url, {"author": "s", "body": "Another reader"}).status_code == 302
    assert Comment.objects.count() == 3
