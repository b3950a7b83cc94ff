from django.conf import settings


def test_pages_are_norwegian_by_default(client, db):
    response = client.get("/accounts/login/")

    assert b'<html lang="nb">' in response.content
    assert "Logg inn" in response.content.decode()


def test_anonymous_visitor_switches_to_english_and_returns_to_the_page(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    page = client.get("/accounts/login/")
    assert b'<html lang="en">' in page.content
    assert "Log in" in page.content.decode()


def test_language_choice_is_remembered_on_the_account(client_for, kari):
    client = client_for(kari)

    client.post("/i18n/setlang/", {"language": "en", "next": "/account/"})

    kari.refresh_from_db()
    assert kari.language == "en"


def test_unknown_language_changes_nothing(client_for, kari):
    client = client_for(kari)

    client.post("/i18n/setlang/", {"language": "xx", "next": "/account/"})

    kari.refresh_from_db()
    assert kari.language == "nb"
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_every_page_offers_the_other_language(client, db):
    nb_page = client.get("/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en_page = client.get("/").content.decode()

    assert 'value="en" lang="en"' in nb_page
    assert 'value="nb" lang="nb"' in en_page


def test_not_found_page_is_translated(client, db):
    nb_page = client.get("/no-such-page/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en_page = client.get("/no-such-page/")

    assert nb_page.status_code == en_page.status_code == 404
    assert "Fant ikke siden" in nb_page.content.decode()
    assert "Page not found" in en_page.content.decode()
