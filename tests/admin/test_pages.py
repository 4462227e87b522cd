import datetime

import pytest
from django.urls import reverse

from incidents.choices import IncidentStatus
from incidents.models import IncidentFact
from tests import factories

MODELS = {
    "sources_source": factories.SourceFactory,
    "sources_quote": factories.QuoteFactory,
    "incidents_actor": factories.ActorFactory,
    "incidents_incident": factories.IncidentFactory,
    "incidents_involvement": factories.InvolvementFactory,
    "incidents_casualtyreport": factories.CasualtyReportFactory,
    "incidents_statement": factories.StatementFactory,
}


def _record(name: str):
    draft = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    if name == "incidents_incident":
        return draft
    if name in ("incidents_involvement", "incidents_casualtyreport"):
        return MODELS[name](incident=draft)
    if name == "incidents_statement":
        return MODELS[name](incidents=[draft])
    return MODELS[name]()


@pytest.mark.parametrize("name", MODELS)
def test_an_editor_can_open_the_list_the_add_form_and_the_change_form(editor_client, name):
    record = _record(name)

    changelist = editor_client.get(reverse(f"admin:{name}_changelist"))
    add = editor_client.get(reverse(f"admin:{name}_add"))
    change = editor_client.get(reverse(f"admin:{name}_change", args=[record.pk]))
    history = editor_client.get(reverse(f"admin:{name}_history", args=[record.pk]))

    assert changelist.status_code == 200
    assert str(record) in changelist.content.decode()
    assert add.status_code == 200
    assert change.status_code == 200
    assert change.context["has_change_permission"]
    assert "change_reason" in change.context["adminform"].form.fields
    assert history.status_code == 200


@pytest.mark.parametrize("name", MODELS)
def test_every_relation_is_an_autocomplete(editor_client, name):
    response = editor_client.get(reverse(f"admin:{name}_add"))
    form = response.context["adminform"].form
    relations = [
        field.name
        for field in form._meta.model._meta.get_fields()
        if (field.many_to_one or field.many_to_many)
        and not field.auto_created
        and field.editable
        and field.name in form.fields
    ]
    for relation in relations:
        widget = form.fields[relation].widget.widget
        assert type(widget).__name__.startswith("Autocomplete"), relation


def test_the_incident_page_has_all_its_parts_inline_with_autocompletes(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    factories.InvolvementFactory(incident=incident)
    factories.CasualtyReportFactory(incident=incident)
    factories.StatementFactory(incidents=[incident])
    IncidentFact.objects.filter(incident=incident).exclude(fact="date").delete()

    response = editor_client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))

    inlines = {i.formset.prefix: i for i in response.context["inline_admin_formsets"]}
    assert set(inlines) == {"involvements", "casualty_reports", "Statement_incidents", "facts"}
    assert all(len(inline.formset.forms) == 1 for inline in inlines.values())
    for inline, fields in [
        ("involvements", ["actor", "attributed_by", "quote"]),
        ("casualty_reports", ["reported_by", "quote"]),
        ("Statement_incidents", ["statement"]),
        ("facts", ["quote"]),
    ]:
        form = inlines[inline].formset.forms[0]
        for field in fields:
            assert type(form.fields[field].widget.widget).__name__ == "AutocompleteSelect"


def test_statements_on_the_incident_page_read_by_speaker_kind_date_and_words(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    statement = factories.StatementFactory(
        incidents=[incident], speaker__name="Maria Zakharova", said_on=datetime.date(2015, 12, 26)
    )

    response = editor_client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))

    page = response.content.decode()
    assert "Statement_incidents object" not in page
    assert "Maria Zakharova: denial" in page
    assert "Dec. 26, 2015" in page or "2015-12-26" in page
    assert f'<mark class="quote current">{statement.quote.text}</mark>' in page


def test_inlines_list_only_live_claims(editor_client, editor):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT, cited=False)
    live = factories.InvolvementFactory(incident=incident)
    factories.InvolvementFactory(incident=incident).delete(user=editor)
    factories.CasualtyReportFactory(incident=incident).delete(user=editor)
    factories.StatementFactory(incidents=[incident]).delete(user=editor)
    factories.IncidentFactFactory(incident=incident).delete(user=editor)

    response = editor_client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))

    listed = {
        i.formset.prefix: [form.instance.pk for form in i.formset.forms]
        for i in response.context["inline_admin_formsets"]
    }
    assert listed == {
        "involvements": [live.pk],
        "casualty_reports": [],
        "Statement_incidents": [],
        "facts": [],
    }


def test_incidents_filter_by_status_editor_and_reviewer(editor_client, editor, reviewer):
    mine = factories.IncidentFactory(status=IncidentStatus.DRAFT, created_by=editor)
    reviewed = factories.IncidentFactory(created_by=reviewer, published_by=reviewer)
    url = reverse("admin:incidents_incident_changelist")

    by_status = editor_client.get(url, {"status__exact": "draft"})
    by_editor = editor_client.get(url, {"created_by__id__exact": editor.pk})
    by_reviewer = editor_client.get(url, {"published_by__id__exact": reviewer.pk})

    def listed(response):
        return [incident.pk for incident in response.context["cl"].result_list]

    assert listed(by_status) == [mine.pk]
    assert listed(by_editor) == [mine.pk]
    assert listed(by_reviewer) == [reviewed.pk]
    titles = {spec.title for spec in by_status.context["cl"].filter_specs}
    assert {"status", "editor", "reviewer"} <= titles


def test_workflow_people_and_times_are_read_only(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)

    response = editor_client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))

    form = response.context["adminform"].form
    for name in [
        "status",
        "created_by",
        "submitted_by",
        "submitted_at",
        "published_by",
        "published_at",
        "retracted_by",
        "retracted_at",
    ]:
        assert name not in form.fields
        assert name in response.context["adminform"].readonly_fields


@pytest.mark.parametrize("name", MODELS)
def test_each_list_can_be_searched(editor_client, name):
    _record(name)

    response = editor_client.get(reverse(f"admin:{name}_changelist"), {"q": "a"})

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("app", "model", "field", "term", "expected"),
    [
        ("incidents", "involvement", "actor", "russ", "Russia"),
        ("incidents", "involvement", "quote", "market", "“Witnesses said the strike hit"),
        ("incidents", "involvement", "incident", "ariha", "Strike on Ariha"),
        ("incidents", "casualtyreport", "reported_by", "moscow", "Russia"),
        ("incidents", "statement", "speaker", "russ", "Russia"),
        ("incidents", "statement", "incidents", "ariha", "Strike on Ariha"),
        ("incidents", "incident", "parent", "ariha", "Strike on Ariha"),
        ("incidents", "actor", "parent", "russ", "Russia"),
        ("sources", "quote", "source", "airstrikes", "Report number"),
        ("sources", "source", "cites", "airstrikes", "Report number"),
    ],
)
def test_autocompletes_find_records_by_their_names(
    editor_client, app, model, field, term, expected
):
    factories.ActorFactory(name="Russia", aliases=["Moscow"])
    factories.QuoteFactory()
    factories.IncidentFactory(status=IncidentStatus.DRAFT, title="Strike on Ariha")

    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": app, "model_name": model, "field_name": field, "term": term},
    )

    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"] if r["text"].startswith(expected)]


def test_the_involvement_and_statement_pages_edit_attribution_and_denial(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    involvement = factories.InvolvementFactory(
        incident=incident, attributed_by=factories.ActorFactory(name="US State Department")
    )
    statement = factories.StatementFactory(incidents=[incident], denies=involvement)

    involvement_page = editor_client.get(
        reverse("admin:incidents_involvement_change", args=[involvement.pk])
    )
    statement_page = editor_client.get(
        reverse("admin:incidents_statement_change", args=[statement.pk])
    )

    assert involvement_page.status_code == statement_page.status_code == 200
    assert involvement_page.context["adminform"].form["attributed_by"].value() == (
        involvement.attributed_by_id
    )
    assert "US State Department" in involvement_page.content.decode()
    assert statement_page.context["adminform"].form["denies"].value() == involvement.pk
    listing = editor_client.get(reverse("admin:incidents_involvement_changelist"))
    assert "US State Department" in listing.content.decode()


def test_every_claim_row_shows_its_quote_in_context_with_source_and_date(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    involvement = factories.InvolvementFactory(
        incident=incident,
        quote__source__title="Amnesty: civilian objects were damaged",
        quote__source__published_on=datetime.date(2015, 12, 23),
    )
    factories.CasualtyReportFactory(incident=incident, quote=involvement.quote)

    page = editor_client.get(
        reverse("admin:incidents_incident_change", args=[incident.pk])
    ).content.decode()

    body = involvement.quote.source.body
    before = body[: involvement.quote.start].strip()
    shown = f'<mark class="quote current">{involvement.quote.text}</mark>' in page
    assert shown and before in page
    assert page.count("— Amnesty: civilian objects were damaged, 2015-12-23") == 2
