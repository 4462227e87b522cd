"""The admin makes a slug left empty as the API does (services.unique_slug)."""

import pytest
from django.urls import reverse

from incidents.models import Actor, Incident
from tests import factories
from tests.admin.helpers import form_data


@pytest.mark.django_db
def test_an_incident_added_with_an_empty_slug_gets_one_from_its_title(editor_client):
    factories.IncidentFactory(slug="shelling-of-maarat-al-numan")
    add = reverse("admin:incidents_incident_add")
    data = form_data(
        editor_client.get(add),
        title="Shelling of Maarat al-Numan",
        slug="",
        type="explosions_remote_violence",
        sub_type="shelling_artillery_missile_attack",
        start_date="2015-12-01",
        date_precision="day",
        country="SY",
    )

    response = editor_client.post(add, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    added = Incident.objects.get(title="Shelling of Maarat al-Numan")
    assert added.slug == "shelling-of-maarat-al-numan-2"


@pytest.mark.django_db
def test_an_actor_added_with_an_empty_slug_gets_one_from_its_name(reviewer_client):
    add = reverse("admin:incidents_actor_add")
    data = form_data(reviewer_client.get(add), name="Jaysh al-Islam", slug="", kind="armed_group")

    response = reviewer_client.post(add, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Actor.objects.get(name="Jaysh al-Islam").slug == "jaysh-al-islam"
