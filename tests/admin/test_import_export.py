import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from incidents.choices import IncidentStatus
from incidents.models import Actor, HistoryEvent, Incident
from tests import factories

ACTOR_HEADER = "slug,name,kind,parent,aliases,country,wikidata_id,description\n"


def _upload(client, model: str, name: str, text: str):
    return client.post(
        reverse(f"admin:incidents_{model}_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile(name, text.encode(), content_type="text/csv"),
        },
    )


def _confirm(client, model: str, preview):
    form = preview.context["confirm_form"]
    return client.post(
        reverse(f"admin:incidents_{model}_process_import"),
        {name: form[name].value() for name in form.fields},
        follow=True,
    )


def _row_errors(result) -> dict[int, dict[str, list[str]]]:
    errors = {row.number: row.error_dict for row in result.invalid_rows}
    for number, row_errors in result.row_errors():
        errors[number] = {"row": [str(error.error) for error in row_errors]}
    return errors


def test_a_dry_run_writes_nothing_and_reports_each_rows_errors(reviewer_client):
    factories.ActorFactory(slug="russia", name="Russia")
    before = (Actor.objects.count(), HistoryEvent.objects.count())
    text = ACTOR_HEADER + (
        "kremlin,Kremlin,government_body,russia,Moscow|The Kremlin,RU,,\n"
        "peskov,Dmitry Peskov,person,no-such-actor,,RU,,\n"
        "vks,Russian Aerospace Forces,air_force,russia,,RU,,\n"
        "saa,Syrian Arab Army,armed_force,,,Syria,159,\n"
    )

    response = _upload(reviewer_client, "actor", "actors.csv", text)

    result = response.context["result"]
    assert _row_errors(result) == {
        2: {
            "parent": [
                "No actor has the slug 'no-such-actor'; list a parent in an earlier row or "
                "create it first."
            ]
        },
        3: {"kind": ["Value 'air_force' is not a valid choice."]},
        4: {
            "country": [
                "Use an ISO 3166-1 alpha-2 code such as 'SY'.",
                "Ensure this value has at most 2 characters (it has 5).",
            ],
            "wikidata_id": ["A Wikidata item id such as 'Q159'."],
        },
    }
    assert "confirm_form" not in response.context
    assert (Actor.objects.count(), HistoryEvent.objects.count()) == before
    page = response.content.decode()
    assert "no-such-actor" in page


def test_a_clean_file_is_previewed_then_imported_with_parents_by_slug(reviewer_client):
    factories.ActorFactory(slug="russia", name="Russia")
    text = ACTOR_HEADER + (
        "kremlin,Kremlin,government_body,russia,Moscow|The Kremlin,RU,,\n"
        "dmitry-peskov,Dmitry Peskov,person,kremlin,Peskov,RU,Q1,Press secretary\n"
    )
    count = Actor.objects.count()

    preview = _upload(reviewer_client, "actor", "actors.csv", text)
    assert Actor.objects.count() == count
    [new_rows] = [preview.context["result"].totals["new"]]
    assert new_rows == 2
    done = _confirm(reviewer_client, "actor", preview)

    assert done.status_code == 200
    peskov = Actor.objects.get(slug="dmitry-peskov")
    assert (peskov.parent.slug, peskov.parent.parent.slug) == ("kremlin", "russia")
    assert Actor.objects.get(slug="kremlin").aliases == ["Moscow", "The Kremlin"]
    event = HistoryEvent.objects.get(resource="actors", object_id=peskov.pk)
    assert (event.username, event.via, event.reason) == (
        "rhea",
        "import",
        "CSV import of actors.csv",
    )


def _incident_csv(**row) -> str:
    columns = {
        "slug": "ariha-market-strike",
        "title": "Airstrike on the market in Ariha",
        "type": "explosions_remote_violence",
        "sub_type": "air_drone_strike",
        "start_date": "2015-11-29",
        "country": "SY",
        "weapons": "unguided bombs|cluster munitions",
        "acled_event_id": "",
        **row,
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns))
    writer.writeheader()
    writer.writerow(columns)
    return out.getvalue()


def test_imported_incidents_are_drafts_of_the_importing_editor(reviewer_client, reviewer):
    preview = _upload(reviewer_client, "incident", "incidents.csv", _incident_csv())
    _confirm(reviewer_client, "incident", preview)

    incident = Incident.objects.get(slug="ariha-market-strike")
    assert (incident.status, incident.created_by) == (IncidentStatus.DRAFT, reviewer)
    assert incident.weapons == ["unguided bombs", "cluster munitions"]
    assert incident.acled_event_id is None


def test_an_import_is_a_reviewers_tool(editor_client):
    # A CSV import writes past the review gate, so an editor may not run one.
    factories.IncidentFactory(slug="ariha-market-strike", title="Old title")
    for model in ("incident", "actor"):
        assert editor_client.get(reverse(f"admin:incidents_{model}_import")).status_code == 403


def test_an_incident_row_breaking_the_models_rules_is_a_row_error(reviewer_client):
    response = _upload(
        reviewer_client,
        "incident",
        "incidents.csv",
        _incident_csv(sub_type="peaceful_protest", end_date="2015-11-01"),
    )

    errors = _row_errors(response.context["result"])[1]
    assert errors["sub_type"][0].startswith("'peaceful_protest' is not a sub-type of")
    assert errors["end_date"] == ["The end date is before the start date."]


def _export(client, model: str) -> list[list[str]]:
    url = reverse(f"admin:incidents_{model}_export")
    form = client.get(url).context["form"]
    data = {"format": "0", "resource": "0"}
    data.update(
        {name: "on" for name, f in form.fields.items() if getattr(f, "is_selectable_field", False)}
    )
    response = client.post(url, data)
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_export_cannot_run_formulae_and_imports_back_unchanged(reviewer_client):
    factories.IncidentFactory(
        status=IncidentStatus.DRAFT,
        slug="formula",
        title='=HYPERLINK("http://evil.example","click")',
        summary="@SUM(1+1)",
        latitude=-33.5,
        longitude=-70.25,
        geo_precision="exact",
    )

    header, row = _export(reviewer_client, "incident")
    cells = dict(zip(header, row, strict=True))
    preview = _upload(reviewer_client, "incident", "incidents.csv", _csv_text([header, row]))

    assert cells["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert cells["summary"] == "'@SUM(1+1)"
    assert (cells["latitude"], cells["longitude"]) == ("-33.5", "-70.25")
    assert cells["status"] == "draft"
    assert preview.context["result"].totals["skip"] == 1


def _csv_text(rows) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def test_actors_export_with_parents_and_aliases(reviewer_client):
    russia = factories.ActorFactory(slug="russia", name="Russia", aliases=["Moscow"])
    factories.ActorFactory(slug="kremlin", name="Kremlin", parent=russia, aliases=[])

    header, *rows = _export(reviewer_client, "actor")

    assert header == [
        "slug",
        "name",
        "kind",
        "parent",
        "aliases",
        "country",
        "wikidata_id",
        "description",
    ]
    by_slug = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert (by_slug["kremlin"]["parent"], by_slug["russia"]["aliases"]) == ("russia", "Moscow")
