import pytest
from django.urls import reverse

from incidents.choices import IncidentStatus
from incidents.models import CasualtyReport, Incident, Involvement, Statement
from sources.models import Quote, Source
from tests import factories
from tests.admin.helpers import form_data

SOFT = {
    "incident": (Incident, lambda draft: draft),
    "involvement": (Involvement, lambda draft: factories.InvolvementFactory(incident=draft)),
    "casualtyreport": (
        CasualtyReport,
        lambda draft: factories.CasualtyReportFactory(incident=draft),
    ),
    "statement": (Statement, lambda draft: factories.StatementFactory(incidents=[draft])),
}


@pytest.mark.parametrize("name", SOFT)
def test_deleting_from_the_admin_keeps_the_record(editor_client, editor, name):
    model, make = SOFT[name]
    record = make(factories.IncidentFactory(status=IncidentStatus.DRAFT))
    url = reverse(f"admin:incidents_{name}_delete", args=[record.pk])

    confirm = editor_client.get(url)
    response = editor_client.post(url, {"post": "yes"})

    assert confirm.status_code == 200
    assert not confirm.context["protected"]
    assert response.status_code == 302
    assert not model.objects.filter(pk=record.pk).exists()
    kept = model.all_objects.get(pk=record.pk)
    assert kept.deleted_at is not None
    assert kept.deleted_by == editor


@pytest.mark.parametrize("name", SOFT)
def test_deleting_many_from_the_list_keeps_them_all(editor_client, editor, name):
    model, make = SOFT[name]
    records = [make(factories.IncidentFactory(status=IncidentStatus.DRAFT)) for _ in range(2)]

    response = editor_client.post(
        reverse(f"admin:incidents_{name}_changelist"),
        {"action": "delete_selected", "_selected_action": [r.pk for r in records], "post": "yes"},
    )

    assert response.status_code == 302
    assert not model.objects.filter(pk__in=[r.pk for r in records]).exists()
    kept = model.all_objects.filter(pk__in=[r.pk for r in records])
    assert [(r.deleted_at is not None, r.deleted_by) for r in kept] == [(True, editor)] * 2


def test_deleting_a_claim_inline_keeps_it_and_says_who(editor_client, editor):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    involvement = factories.InvolvementFactory(incident=incident)
    url = reverse("admin:incidents_incident_change", args=[incident.pk])

    response = editor_client.post(
        url, form_data(editor_client.get(url), **{"involvements-0-DELETE": "on"})
    )

    assert response.status_code == 302
    kept = Involvement.all_objects.get(pk=involvement.pk)
    assert (kept.deleted_at is not None, kept.deleted_by) == (True, editor)


@pytest.mark.parametrize("name", ["source", "quote", "actor"])
def test_deleting_cited_evidence_shows_what_protects_it(editor_client, name):
    involvement = factories.InvolvementFactory()
    record = {
        "source": involvement.quote.source,
        "quote": involvement.quote,
        "actor": involvement.actor,
    }[name]
    app = "sources" if name in ("source", "quote") else "incidents"
    url = reverse(f"admin:{app}_{name}_delete", args=[record.pk])

    confirm = editor_client.get(url)
    response = editor_client.post(url, {"post": "yes"})

    assert confirm.context["protected"]
    assert response.status_code == 200
    assert type(record).objects.filter(pk=record.pk).exists()


def test_a_source_another_source_cites_cannot_be_deleted(editor_client):
    report = factories.SourceFactory()
    article = factories.SourceFactory()
    article.cites.add(report)
    url = reverse("admin:sources_source_delete", args=[report.pk])

    confirm = editor_client.get(url)
    editor_client.post(url, {"post": "yes"})

    assert [str(p) for p in confirm.context["protected"]] == [
        f'Source: <a href="/admin/sources/source/{article.pk}/change/">{article}</a> cites '
        f"“{report}”"
    ]
    assert Source.objects.filter(pk=report.pk).exists()


def test_an_uncited_quote_is_really_deleted(editor_client):
    quote = factories.QuoteFactory()

    editor_client.post(reverse("admin:sources_quote_delete", args=[quote.pk]), {"post": "yes"})

    assert not Quote.objects.filter(pk=quote.pk).exists()


def test_the_delete_page_tells_an_editor_that_a_public_record_goes_to_review(
    editor_client, reviewer_client
):
    public = factories.IncidentFactory(title="Public strike")
    draft = factories.IncidentFactory(title="Draft strike", draft=True)

    def warnings(client, incident) -> list[str]:
        page = client.get(reverse("admin:incidents_incident_delete", args=[incident.pk]))
        return [str(m) for m in page.context["messages"] if m.level_tag == "warning"]

    assert warnings(editor_client, public) == [
        "“Public strike” is public: deleting it proposes a revision, and it stays public "
        "until a reviewer accepts."
    ]
    assert warnings(editor_client, draft) == []
    assert warnings(reviewer_client, public) == []
