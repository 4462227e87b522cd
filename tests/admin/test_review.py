"""The review gate in the admin: an editor's save that would change what the public sees waits
as a pending revision (the incident's own fields, an inline claim, a statement link, a claim
moved in, a quote, a source's citations, an actor, a delete); reviewers save directly, and
accept or reject revisions on the revision's page."""

import pytest
from django.urls import reverse

from incidents.api.serializers import revision_version
from incidents.api.views import incident_version
from incidents.choices import IncidentStatus
from incidents.models import Incident, Involvement, Revision
from sources.models import Source
from tests import factories
from tests.admin.helpers import form_data, messages_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    incident = factories.IncidentFactory()
    factories.InvolvementFactory(incident=incident)
    return incident


def _change(client, app: str, model: str, pk: int, **changes):
    url = reverse(f"admin:{app}_{model}_change", args=[pk])
    return client.post(url, form_data(client.get(url), **changes), follow=True)


def _public(api_client, url: str) -> bytes:
    return api_client.get(url).content


def test_an_editors_change_to_a_published_incident_waits(editor_client, published, api_client):
    public = _public(api_client, f"/api/incidents/{published.pk}")

    response = _change(editor_client, "incidents", "incident", published.pk, title="Renamed")

    revision = Revision.objects.get()
    assert (revision.resource, revision.object_id, revision.operation) == (
        "incidents",
        published.pk,
        "update",
    )
    assert revision.changes == {"title": [published.title, "Renamed"]}
    assert revision.proposed_by.username == "edna"
    assert any(f"revision {revision.pk}" in m for m in messages_of(response))
    assert not any("changed successfully" in m for m in messages_of(response))
    assert _public(api_client, f"/api/incidents/{published.pk}") == public


def test_an_editors_change_to_an_inline_claim_waits(editor_client, published, api_client):
    public = _public(api_client, f"/api/incidents/{published.pk}")

    _change(
        editor_client, "incidents", "incident", published.pk, **{"involvements-0-role": "victim"}
    )

    revision = Revision.objects.get()
    assert (revision.resource, revision.changes) == (
        "involvements",
        {"role": ["perpetrator", "victim"]},
    )
    assert _public(api_client, f"/api/incidents/{published.pk}") == public


def test_linking_a_draft_statement_to_a_published_incident_waits(editor_client, published):
    draft = factories.IncidentFactory(draft=True)
    statement = factories.StatementFactory(incidents=[draft])
    url = reverse("admin:incidents_incident_change", args=[published.pk])
    prefix = "Statement_incidents-"
    data = form_data(editor_client.get(url))
    data.update({f"{prefix}TOTAL_FORMS": "1", f"{prefix}0-statement": str(statement.pk)})

    editor_client.post(url, data, follow=True)

    revision = Revision.objects.get()
    assert (revision.resource, revision.object_id, revision.operation) == (
        "statements",
        statement.pk,
        "update",
    )
    assert revision.changes == {"incidents": [[draft.pk], sorted([draft.pk, published.pk])]}
    assert list(statement.incidents.all()) == [draft]


def test_moving_a_draft_claim_into_a_published_incident_waits(editor_client, published):
    claim = factories.InvolvementFactory(incident=factories.IncidentFactory(draft=True))

    _change(editor_client, "incidents", "involvement", claim.pk, incident=str(published.pk))

    assert Revision.objects.get().changes == {"incident": [claim.incident_id, published.pk]}
    assert Involvement.objects.get(pk=claim.pk).incident_id == claim.incident_id


def test_changing_public_evidence_waits(editor_client, published):
    involvement = published.involvements.get()
    quote, source, actor = involvement.quote, involvement.quote.source, involvement.actor
    hidden = factories.SourceFactory()

    _change(editor_client, "sources", "source", source.pk, cites=[str(hidden.pk)])
    _change(editor_client, "incidents", "actor", actor.pk, description="Rewritten")
    _change(
        editor_client, "sources", "quote", quote.pk, text=quote.text[:10], end=str(quote.start + 10)
    )

    assert sorted(Revision.objects.values_list("resource", flat=True)) == [
        "actors",
        "quotes",
        "sources",
    ]
    assert not Source.objects.get(pk=source.pk).cites.exists()


def test_deleting_a_published_incident_waits(editor_client, published):
    response = editor_client.post(
        reverse("admin:incidents_incident_delete", args=[published.pk]),
        {"post": "yes"},
        follow=True,
    )

    assert Revision.objects.get().operation == "delete"
    assert Incident.objects.public().filter(pk=published.pk).exists()
    assert not any("deleted successfully" in m for m in messages_of(response))


def test_a_change_to_a_draft_is_saved_at_once(editor_client):
    draft = factories.IncidentFactory(draft=True)
    _change(editor_client, "incidents", "incident", draft.pk, title="Renamed")
    assert Incident.objects.get(pk=draft.pk).title == "Renamed"
    assert not Revision.objects.exists()


def test_a_reviewers_change_is_saved_at_once(reviewer_client, published):
    _change(reviewer_client, "incidents", "incident", published.pk, title="Renamed")
    assert Incident.objects.get(pk=published.pk).title == "Renamed"
    assert not Revision.objects.exists()


def test_a_second_change_to_a_record_with_a_pending_revision_is_refused(editor_client, published):
    _change(editor_client, "incidents", "incident", published.pk, title="One")
    response = _change(editor_client, "incidents", "incident", published.pk, title="Two")
    assert any("has a pending revision" in m for m in messages_of(response))
    assert Revision.objects.count() == 1


def test_the_revision_page_shows_the_diff_and_lets_only_a_reviewer_decide(
    editor_client, reviewer_client, published, api_client
):
    _change(editor_client, "incidents", "incident", published.pk, title="Renamed")
    revision = Revision.objects.get()
    url = reverse("admin:incidents_revision_change", args=[revision.pk])

    as_editor = editor_client.get(url).context["review"]
    as_reviewer = reviewer_client.get(url).context["review"]

    assert as_editor["changes"] == [
        {"field": "title", "public": published.title, "proposed": "Renamed"}
    ]
    assert (as_editor["may_decide"], as_editor["may_withdraw"]) == (False, True)
    assert (as_reviewer["may_decide"], as_reviewer["may_withdraw"]) == (True, False)
    accept = reverse("admin:incidents_revision_decide", args=[revision.pk, "accept"])
    assert editor_client.post(accept, {"version": as_editor["version"]}).status_code == 403
    stale = reviewer_client.post(accept, {"version": '"old"'}, follow=True)
    assert any("Not accepted" in m for m in messages_of(stale))
    assert Revision.objects.get().status == "pending"

    reviewer_client.post(accept, {"version": revision_version(revision)}, follow=True)

    assert Revision.objects.get().status == "accepted"
    assert api_client.get(f"/api/incidents/{published.pk}").json()["title"] == "Renamed"


def test_a_reviewer_rejects_with_a_reason(editor_client, reviewer_client, published):
    _change(editor_client, "incidents", "incident", published.pk, title="Renamed")
    revision = Revision.objects.get()
    reject = reverse("admin:incidents_revision_decide", args=[revision.pk, "reject"])

    without = reviewer_client.post(reject, {"reason": " "}, follow=True)
    assert Revision.objects.get().status == "pending"
    assert any("Say why" in m for m in messages_of(without))
    reviewer_client.post(reject, {"reason": "Not what the source says"}, follow=True)

    assert (Revision.objects.get().status, Revision.objects.get().decision_reason) == (
        "rejected",
        "Not what the source says",
    )
    assert Incident.objects.get(pk=published.pk).title == published.title


def test_the_publish_button_names_the_version_on_the_page(reviewer_client, editor_client):
    incident = factories.IncidentFactory(in_review=True)
    involvement = factories.InvolvementFactory(incident=incident)
    page = reviewer_client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))
    version = page.context["workflow"]["version"]
    assert version == reviewer_client.get(f"/api/incidents/{incident.pk}")["ETag"]
    publish = reverse("admin:incidents_incident_workflow", args=[incident.pk, "publish"])
    # An editor changes a claim after the reviewer loaded the page.
    _change(editor_client, "incidents", "involvement", involvement.pk, note="later")

    stale = reviewer_client.post(publish, {"version": version}, follow=True)

    assert any("Not published" in m for m in messages_of(stale))
    assert Incident.objects.get(pk=incident.pk).status == IncidentStatus.IN_REVIEW
    reviewer_client.post(publish, {"version": incident_version(incident.pk)}, follow=True)
    assert Incident.objects.get(pk=incident.pk).status == IncidentStatus.PUBLISHED


def test_importing_csv_and_merging_actors_are_for_reviewers(editor_client, reviewer_client):
    url = reverse("admin:incidents_actor_changelist")
    editor_actions = [
        name for name, _ in editor_client.get(url).context["action_form"].fields["action"].choices
    ]
    reviewer_actions = [
        name for name, _ in reviewer_client.get(url).context["action_form"].fields["action"].choices
    ]
    assert "merge_actors" not in editor_actions
    assert "merge_actors" in reviewer_actions
    assert editor_client.get(reverse("admin:incidents_actor_import")).status_code == 403


def test_a_bulk_delete_of_published_incidents_waits_one_revision_each(editor_client):
    incidents = [factories.IncidentFactory() for _ in range(2)]
    changelist = reverse("admin:incidents_incident_changelist")

    editor_client.post(
        changelist,
        {
            "action": "delete_selected",
            "_selected_action": [str(i.pk) for i in incidents],
            "post": "yes",
        },
        follow=True,
    )

    assert sorted(Revision.objects.values_list("object_id", flat=True)) == sorted(
        i.pk for i in incidents
    )
    assert Incident.objects.public().count() == 2


@pytest.mark.parametrize(
    ("model", "changes"),
    [("casualtyreport", {"max": "900"}), ("statement", {"kind": "warning"})],
)
def test_a_claims_own_page_waits_like_the_api(editor_client, published, model, changes):
    record = {
        "casualtyreport": lambda: factories.CasualtyReportFactory(incident=published),
        "statement": lambda: factories.StatementFactory(incidents=[published]),
    }[model]()

    _change(editor_client, "incidents", model, record.pk, **changes)

    revision = Revision.objects.get()
    assert revision.object_id == record.pk
    assert list(revision.changes) == list(changes)
