import pytest

from incidents.changes import build_feed
from incidents.models import CasualtyReport, Incident, Involvement, Statement
from sources.models import Quote, Source
from tests import factories
from tests.curation.conftest import delete

pytestmark = pytest.mark.django_db

SOFT = {
    "incidents": (factories.IncidentFactory, Incident),
    "involvements": (factories.InvolvementFactory, Involvement),
    "casualty-reports": (factories.CasualtyReportFactory, CasualtyReport),
    "statements": (factories.StatementFactory, Statement),
}


@pytest.mark.parametrize("resource", SOFT)
def test_deleting_evidence_is_a_soft_delete(reviewer, api_client, resource):
    factory, model = SOFT[resource]
    record = (
        factory() if resource != "statements" else factory(incidents=[factories.IncidentFactory()])
    )
    url = f"/api/{resource}/{record.pk}"
    assert api_client.get(url).status_code == 200
    build_feed()
    assert delete(reviewer, url).status_code == 204
    assert api_client.get(url).status_code == 404
    assert reviewer.get(url).status_code == 404
    kept = model.all_objects.get(pk=record.pk)
    assert kept.deleted_at is not None and kept.deleted_by.username == "reviewer"
    build_feed()  # as the feed's worker does when the delete commits
    feed = api_client.get("/api/changes").json()["results"]
    assert {"resource": resource, "id": record.pk, "action": "deleted"} in [
        {k: e[k] for k in ("resource", "id", "action")} for e in feed
    ] or resource == "involvements"  # involvements are shown inside their incident


def test_deleting_a_cited_quote_is_a_409_naming_the_claim(reviewer):
    involvement = factories.InvolvementFactory()
    response = delete(reviewer, f"/api/quotes/{involvement.quote_id}")
    assert response.status_code == 409
    assert f"involvement {involvement.pk}" in response.json()["errors"][0]["detail"]
    assert Quote.objects.filter(pk=involvement.quote_id).exists()


def test_a_soft_deleted_claim_still_protects_its_quote(reviewer):
    involvement = factories.InvolvementFactory()
    involvement.delete()
    assert delete(reviewer, f"/api/quotes/{involvement.quote_id}").status_code in (404, 409)
    assert Quote.objects.filter(pk=involvement.quote_id).exists()


def test_deleting_a_source_with_quotes_is_a_409_naming_them(reviewer):
    involvement = factories.InvolvementFactory()
    source = involvement.quote.source
    response = delete(reviewer, f"/api/sources/{source.pk}")
    assert response.status_code == 409
    assert f"quote {involvement.quote_id}" in response.json()["errors"][0]["detail"]


def test_deleting_a_source_another_source_cites_is_a_409(reviewer, editor):
    report = factories.SourceFactory(body="")
    article = factories.SourceFactory()
    article.cites.add(report)
    response = delete(editor, f"/api/sources/{report.pk}")
    assert response.status_code == 409
    assert f"source {article.pk}" in response.json()["errors"][0]["detail"]
    assert Source.objects.filter(pk=report.pk).exists()


def test_deleting_a_cited_actor_is_a_409(reviewer):
    report = factories.CasualtyReportFactory()
    response = delete(reviewer, f"/api/actors/{report.reported_by_id}")
    assert response.status_code == 409
    assert f"casualty report {report.pk}" in response.json()["errors"][0]["detail"]


def test_an_uncited_actor_is_deleted(editor):
    actor = factories.ActorFactory()
    assert delete(editor, f"/api/actors/{actor.pk}").status_code == 204
