"""Issue 19 item 5, the first part: a person chooses Nederlands or English for the interface in
their account; everyone else keeps the installation's language."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_person_chooses_english_and_the_next_person_still_gets_dutch(client, org):
    client.force_login(org.leraar)
    page = client.get(reverse("organisations:account")).content.decode()
    assert "Taal" in page and 'value="nl"' in page and "checked" in page
    response = client.post(reverse("organisations:language"), {"language": "en"}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page and "Koers now speaks your language." in page
    assert "My account" in page and response.headers["Content-Language"] == "en"
    org.leraar.refresh_from_db()
    assert org.leraar.language == "en"
    home = client.get(reverse("home:index"))
    assert '<html lang="en">' in home.content.decode()
    client.force_login(org.schoolleider)  # the same server thread, another person
    assert '<html lang="nl">' in client.get(reverse("home:index")).content.decode()


def test_a_language_koers_does_not_have_is_refused_with_a_message(client, org):
    client.force_login(org.leraar)
    page = client.post(reverse("organisations:language"), {"language": "fr"}, follow=True).content.decode()
    assert "Kies een van de gegeven talen." in page
    org.leraar.refresh_from_db()
    assert org.leraar.language == ""
