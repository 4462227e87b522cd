from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from incidents import services
from incidents.choices import IncidentStatus
from incidents.models import CasualtyReport, HistoryEvent, Involvement
from tests import factories
from tests.admin.helpers import form_data


def test_a_reason_given_on_the_form_reaches_the_history_of_every_row_saved(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT, title="Strike")
    involvement = factories.InvolvementFactory(incident=incident, note="")
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    data = form_data(
        editor_client.get(url),
        title="Strike on the market",
        change_reason="Title from the Amnesty report",
        **{"involvements-0-note": "Amnesty's attribution."},
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302
    incident_event = HistoryEvent.objects.filter(resource="incidents", object_id=incident.pk).last()
    claim_event = HistoryEvent.objects.filter(
        resource="involvements", object_id=involvement.pk
    ).last()
    for event in (incident_event, claim_event):
        assert (event.username, event.via, event.reason) == (
            "edna",
            "admin",
            "Title from the Amnesty report",
        )
        assert event.request_id == response["X-Request-ID"]
    assert incident_event.changes.keys() == {"title", "updated_at"}


def test_an_admin_save_without_a_reason_is_still_labelled(editor_client):
    actor = factories.ActorFactory(name="Russia")
    url = reverse("admin:incidents_actor_change", args=[actor.pk])

    response = editor_client.post(url, form_data(editor_client.get(url), name="Russian Federation"))

    event = HistoryEvent.objects.filter(resource="actors", object_id=actor.pk).last()
    assert (event.username, event.via, event.reason) == ("edna", "admin", "")
    assert event.request_id == response["X-Request-ID"]


def test_the_history_page_lists_who_when_via_why_and_each_change(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT, title="Strike")
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    editor_client.post(
        url,
        form_data(editor_client.get(url), title="Strike on the market", change_reason="Typo"),
        HTTP_X_REQUEST_ID="req-42",
    )

    response = editor_client.get(reverse("admin:incidents_incident_history", args=[incident.pk]))

    # The incident's own rows (its facts' citations are in its timeline too).
    latest, created = [row for row in response.context["events"] if not row["about"]]
    assert latest["event"].username == "edna"
    assert (latest["event"].via, latest["event"].reason) == ("admin", "Typo")
    assert latest["event"].request_id == "req-42"
    assert latest["what"] == "Changed"
    assert latest["changes"] == [
        {"field": "title", "before": "Strike", "after": "Strike on the market"}
    ]
    assert created["what"] == "Created"
    assert {"field": "title", "before": None, "after": "Strike"} in created["changes"]
    page = response.content.decode()
    for text in ["edna", "admin", "Typo", "req-42", "Strike on the market"]:
        assert text in page


def test_the_history_page_shows_links_of_a_many_to_many_relation(editor_client):
    article = factories.SourceFactory()
    report = factories.SourceFactory()
    article.cites.add(report)

    response = editor_client.get(reverse("admin:sources_source_history", args=[article.pk]))

    link = response.context["events"][0]
    assert (link["what"], link["table"]) == ("Link added", "sources_source_cites")
    assert {"field": "to source", "before": None, "after": f"{report} (#{report.pk})"} in link[
        "changes"
    ]


def test_history_names_fields_choices_and_records_instead_of_ids_and_codes(
    reviewer, reviewer_client
):
    incident = factories.IncidentFactory(status=IncidentStatus.IN_REVIEW, title="Strike")
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    reviewer_client.post(
        url,
        form_data(
            reviewer_client.get(url), sub_type="shelling_artillery_missile_attack", title="Shelling"
        ),
    )
    services.incident_publish(incident=incident, user=reviewer)

    response = reviewer_client.get(reverse("admin:incidents_incident_history", args=[incident.pk]))

    published, changed = response.context["events"][:2]
    assert {
        "field": "sub type",
        "before": "Air/drone strike",
        "after": "Shelling/artillery/missile attack",
    } in changed["changes"]
    assert {"field": "published by", "before": "—", "after": f"rhea (#{reviewer.pk})"} in published[
        "changes"
    ]
    assert {"field": "status", "before": "In review", "after": "Published"} in published["changes"]
    page = response.content.decode()
    assert "published_by_id" not in page and "air_drone_strike" not in page


def test_an_incidents_history_includes_its_claims_in_one_timeline(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT, cited=False)
    elsewhere = factories.IncidentFactory(status=IncidentStatus.DRAFT, cited=False)
    involvement = factories.InvolvementFactory(incident=incident, actor__name="Russia")
    report = factories.CasualtyReportFactory(incident=incident, min=3)
    statement = factories.StatementFactory(incidents=[incident])
    factories.InvolvementFactory(incident=elsewhere)
    CasualtyReport.objects.filter(pk=report.pk).update(min=4)
    moved = factories.InvolvementFactory(incident=incident)
    Involvement.objects.filter(pk=moved.pk).update(incident=elsewhere)

    response = editor_client.get(reverse("admin:incidents_incident_history", args=[incident.pk]))

    rows = [(row["about"], row["what"]) for row in response.context["events"]]
    assert rows == [
        (f"Involvement {moved.pk}", "Changed"),
        (f"Involvement {moved.pk}", "Created"),
        (f"Casualty report {report.pk}", "Changed"),
        (f"Statement {statement.pk}", "Link added"),
        (f"Casualty report {report.pk}", "Created"),
        (f"Involvement {involvement.pk}", "Created"),
        ("", "Created"),
    ]
    assert {"field": "min", "before": "3", "after": "4"} in response.context["events"][2]["changes"]
    assert {
        "field": "actor",
        "before": None,
        "after": f"Russia (#{involvement.actor_id})",
    } in response.context["events"][5]["changes"]
    assert (
        f'href="/admin/incidents/involvement/{involvement.pk}/change/"' in response.content.decode()
    )


def test_only_users_who_may_read_history_see_it(db):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    viewer = get_user_model().objects.create_user("vic", password="x" * 20, is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_incident"))
    client = Client()
    client.force_login(viewer)

    page = client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))
    history = client.get(reverse("admin:incidents_incident_history", args=[incident.pk]))

    assert page.status_code == 200
    assert history.status_code == 403
