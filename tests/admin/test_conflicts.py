from django.test import Client
from django.urls import reverse

from incidents.choices import IncidentStatus
from incidents.models import Incident, Involvement
from tests import factories
from tests.admin.helpers import form_data, make_user


def _rows(response) -> dict[str, tuple[str, str, bool]]:
    form = response.context["adminform"].form
    return {row.name: (row.stored, row.yours, row.changed_since_loaded) for row in form.conflict}


def _colleague() -> Client:
    client = Client()
    client.force_login(make_user("colin", "Editors"))
    return client


def test_the_second_of_two_editors_sees_both_versions_and_nothing_is_overwritten(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT, title="Strike on Ariha")
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    colleague = _colleague()
    theirs = form_data(colleague.get(url), title="Strike on Ariha market")
    mine = form_data(editor_client.get(url), summary="Aircraft hit the market.")

    first = colleague.post(url, theirs)
    second = editor_client.post(url, mine)

    assert first.status_code == 302
    assert second.status_code == 200
    assert (
        second.context["adminform"]
        .form.non_field_errors()[0]
        .startswith("This incident was changed by colin at ")
    )
    assert _rows(second) == {
        "title": ("Strike on Ariha market", "Strike on Ariha", True),
        "summary": ("—", "Aircraft hit the market.", False),
    }
    page = second.content.decode()
    assert "Changed since you opened it: the stored version and yours" in page
    incident.refresh_from_db()
    assert (incident.title, incident.summary) == ("Strike on Ariha market", "")


def test_saving_the_conflict_form_again_stores_the_editors_version_knowingly(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT, title="Strike on Ariha")
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    mine = form_data(editor_client.get(url), summary="Aircraft hit the market.")
    Incident.objects.filter(pk=incident.pk).update(title="Renamed meanwhile")

    conflict = editor_client.post(url, mine)
    again = editor_client.post(url, form_data(conflict, title="Renamed meanwhile"))

    assert conflict.status_code == 200
    assert again.status_code == 302
    incident.refresh_from_db()
    assert (incident.title, incident.summary) == ("Renamed meanwhile", "Aircraft hit the market.")


def test_a_change_made_outside_the_admin_is_a_conflict_too(editor_client):
    actor = factories.ActorFactory(name="Russia", aliases=[])
    url = reverse("admin:incidents_actor_change", args=[actor.pk])
    mine = form_data(editor_client.get(url), description="The Russian Federation.")
    # A queryset update, as the API, a command or a merge might make: no updated_at bump.
    type(actor).objects.filter(pk=actor.pk).update(aliases=["Moscow"])

    response = editor_client.post(url, mine)

    assert response.status_code == 200
    assert _rows(response) == {
        "aliases": ("Moscow", "—", True),
        "description": ("—", "The Russian Federation.", False),
    }


def test_a_change_to_a_many_to_many_relation_is_a_conflict(editor_client):
    article = factories.SourceFactory()
    report = factories.SourceFactory(title="Amnesty report")
    url = reverse("admin:sources_source_change", args=[article.pk])
    mine = form_data(editor_client.get(url), publisher="DW")
    article.cites.add(report)

    response = editor_client.post(url, mine)

    assert response.status_code == 200
    assert _rows(response)["cites"] == ("Amnesty report", "—", True)


def test_a_claim_edited_meanwhile_on_the_incident_page_is_not_overwritten(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    involvement = factories.InvolvementFactory(incident=incident, note="")
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    mine = form_data(editor_client.get(url), **{"involvements-0-note": "Disputed."})
    Involvement.objects.filter(pk=involvement.pk).update(role="target")

    response = editor_client.post(url, mine)

    assert response.status_code == 200
    [inline] = [
        i for i in response.context["inline_admin_formsets"] if i.formset.prefix == "involvements"
    ]
    [error] = inline.formset.forms[0].non_field_errors()
    assert "so this row was not saved. role: stored “Target”, yours “Perpetrator”" in error
    involvement.refresh_from_db()
    assert (involvement.role, involvement.note) == ("target", "")


def test_a_form_without_its_version_is_refused(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT, title="Strike")
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    data = form_data(editor_client.get(url), title="Strike on the market")
    del data["loaded_version"]

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert _rows(response) == {"title": ("Strike", "Strike on the market", False)}
    assert Incident.objects.get(pk=incident.pk).title == "Strike"


def test_saving_an_unchanged_form_twice_is_no_conflict(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    factories.InvolvementFactory(incident=incident)
    url = reverse("admin:incidents_incident_change", args=[incident.pk])

    first = editor_client.post(url, form_data(editor_client.get(url)))
    second = editor_client.post(url, form_data(editor_client.get(url), summary="More."))

    assert (first.status_code, second.status_code) == (302, 302)
