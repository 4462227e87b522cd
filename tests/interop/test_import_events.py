import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from incidents.choices import ActorKind, IncidentStatus
from incidents.models import Actor, CasualtyReport, Incident, Involvement
from sources.choices import SourceKind
from sources.models import Quote, Source
from tests import factories

from .conftest import ACLED_SAMPLE, UCDP_SAMPLE, read_csv

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("import_events", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "incidents": Incident._base_manager.count(),
        "actors": Actor.objects.count(),
        "involvements": Involvement._base_manager.count(),
        "casualty reports": CasualtyReport._base_manager.count(),
        "sources": Source.objects.count(),
        "quotes": Quote.objects.count(),
    }


def fields(incident: Incident) -> dict:
    names = [
        "title",
        "slug",
        "summary",
        "type",
        "sub_type",
        "start_date",
        "end_date",
        "date_precision",
        "country",
        "admin1",
        "location_name",
        "latitude",
        "longitude",
        "geo_precision",
        "status",
        "acled_event_id",
        "ucdp_ged_id",
    ]
    return {name: getattr(incident, name) for name in names}


def claims(incident: Incident):
    involvements = sorted(
        (i.actor.name, i.actor.kind, i.role, i.quote.text)
        for i in incident.involvements.select_related("actor", "quote")
    )
    casualties = sorted(
        (c.category, c.population, c.min, c.max, c.reported_by.slug, c.quote.text)
        for c in incident.casualty_reports.select_related("reported_by", "quote")
    )
    return involvements, casualties


def record_of(incident: Incident) -> Source:
    quote = incident.involvements.first().quote
    return quote.source


def test_every_acled_column_is_mapped():
    output = run("acled", ACLED_SAMPLE)

    assert "5 created, 0 updated, 0 unchanged, 0 invalid" in output
    strike = Incident.objects.get(acled_event_id="SYR7001")
    assert fields(strike) == {
        "title": "Air/drone strike in Ariha",
        "slug": "acled-syr7001",
        "summary": (
            "On 29 November 2015, Russian warplanes struck the central market of Ariha (Ariha, "
            'Idleb), killing at least 40 civilians, "mostly women and children".'
        ),
        "type": "explosions_remote_violence",
        "sub_type": "air_drone_strike",
        "start_date": datetime.date(2015, 11, 29),
        "end_date": None,
        "date_precision": "day",
        "country": "SY",
        "admin1": "Idleb",
        "location_name": "Ariha",
        "latitude": 35.8133,
        "longitude": 36.6092,
        "geo_precision": "exact",
        "status": "draft",
        "acled_event_id": "SYR7001",
        "ucdp_ged_id": None,
    }
    # Civilians targeted (civilian_targeting, inter2 civilians): a direction ACLED states.
    assert claims(strike) == (
        [
            (
                "Children (Syria)",
                "other",
                "victim",
                "assoc_actor_2: Women (Syria); Children (Syria)",
            ),
            # "Civilians (Syria)" is a population, not an actor: no involvement names it.
            (
                "Military Forces of Russia (2000-)",
                "armed_force",
                "perpetrator",
                "actor1: Military Forces of Russia (2000-)",
            ),
            ("Women (Syria)", "other", "victim", "assoc_actor_2: Women (Syria); Children (Syria)"),
        ],
        [
            ("killed", "all", 40, 40, "acled", "fatalities: 40"),
            # Civilians targeted: the fatalities are civilians killed, and count as such.
            ("killed", "civilians", 40, 40, "acled", "fatalities: 40"),
        ],
    )
    assert (strike.civilian_deaths_min, strike.civilian_deaths_max) == (40, 40)
    record = record_of(strike)
    assert (record.kind, record.title, record.publisher, record.url, record.language) == (
        SourceKind.DATASET,
        "ACLED event SYR7001",
        "ACLED",
        None,
        "en",
    )
    assert record.published_on == datetime.date(2021, 4, 14)  # from timestamp 1618426512
    assert record.captured_at is not None
    assert len(record.sha256) == 64
    original = read_csv(ACLED_SAMPLE)[0]
    # Every column but the computed year is kept, verbatim, one line each, in ACLED's order.
    assert record.body.split("\n") == [
        f"{column}: {value}" if value else f"{column}:"
        for column, value in original.items()
        if column != "year"
    ]


def test_acled_actors_kinds_roles_and_precisions():
    run("acled", ACLED_SAMPLE)

    clash = Incident.objects.get(acled_event_id="SYR7002")
    involvements, casualties = claims(clash)
    # No civilian targeting: ACLED's actor1/actor2 say nothing of who did what to whom.
    assert {(name, kind, role) for name, kind, role, _ in involvements} == {
        ("Military Forces of Syria (2000-)", ActorKind.ARMED_FORCE, "other"),
        ("Hezbollah", ActorKind.OTHER, "other"),
        # An associated actor too: a state's forces by ACLED's name.
        ("Military Forces of Iran (1989-)", ActorKind.ARMED_FORCE, "other"),
        ("Jaish al Fateh", ActorKind.ARMED_GROUP, "other"),
    }
    assert casualties == [("killed", "all", 12, 12, "acled", "fatalities: 12")]
    assert (clash.date_precision, clash.geo_precision) == ("week", "near")

    protest = Incident.objects.get(acled_event_id="UKR9002")
    assert (protest.date_precision, protest.geo_precision, protest.country) == (
        "month",
        "admin1",
        "UA",
    )
    # No fatalities, no casualty report.
    assert claims(protest)[1] == []
    transfer = Incident.objects.get(acled_event_id="IRQ1234")
    assert (transfer.type, transfer.sub_type, transfer.country) == (
        "strategic_developments",
        "non_violent_transfer_of_territory",
        "IQ",
    )
    # One actor per name: Russia's forces are on two incidents, one actor.
    russia = Actor.objects.get(name="Military Forces of Russia (2000-)")
    assert russia.slug == "military-forces-of-russia-2000"
    assert russia.involvements.count() == 2
    # ...under their state, which carries its ISO codes and names.
    assert (russia.parent.slug, russia.parent.kind, russia.country) == ("russia", "state", "RU")
    assert {"RU", "RUS", "Russian Federation"} <= set(russia.parent.aliases)
    iran = Actor.objects.get(name="Military Forces of Iran (1989-)")
    assert (iran.parent.name, iran.parent.country) == ("Iran", "IR")
    assert Actor.objects.filter(kind="state", country="RU").count() == 1
    assert Actor.objects.get(slug="acled").kind == ActorKind.NGO


def test_every_ucdp_column_is_mapped():
    output = run("ucdp", UCDP_SAMPLE)

    assert "3 created, 0 updated, 0 unchanged, 0 invalid" in output
    one_sided = Incident.objects.get(ucdp_ged_id=201345)
    assert fields(one_sided) == {
        "title": "Government of Syria - Civilians in Ariha town",
        "slug": "ucdp-ged-201345",
        "summary": "",
        "type": "violence_against_civilians",
        "sub_type": "attack",
        "start_date": datetime.date(2015, 11, 29),
        "end_date": None,
        "date_precision": "day",
        "country": "SY",
        "admin1": "Idlib governorate",
        "location_name": "Ariha town",
        "latitude": 35.8133,
        "longitude": 36.6092,
        "geo_precision": "exact",
        "status": "draft",
        "acled_event_id": None,
        "ucdp_ged_id": 201345,
    }
    # One-sided violence: UCDP's side A is the perpetrator, side B the civilians it hit.
    assert claims(one_sided) == (
        [
            # GED's "Civilians" are a population; "Government of Syria" is the seed's actor
            # when there is one, else a government body under the state.
            (
                "Government of Syria",
                "government_body",
                "perpetrator",
                "side_a: Government of Syria",
            ),
        ],
        [
            ("killed", "all", 40, 40, "ucdp", "best: 40"),
            ("killed", "all", 40, 49, "ucdp", "high: 49\nlow: 40"),
            ("killed", "civilians", 40, 40, "ucdp", "deaths_civilians: 40"),
        ],
    )
    record = record_of(one_sided)
    assert (record.title, record.publisher, record.kind) == (
        "UCDP GED event 201345",
        "UCDP",
        "dataset",
    )
    lines = record.body.split("\n")
    assert (
        'source_headline: "Civilian objects were not damaged"; Syria strike kills dozens' in lines
    )
    assert "relid: SYR-2015-3-411-12" in lines
    assert "source_original: SOHR" in lines
    assert "conflict_name: Government of Syria - Civilians" in lines
    assert not any(line.startswith(("year:", "geom_wkt:")) for line in lines)  # computed

    state_based = Incident.objects.get(ucdp_ged_id=201346)
    assert (state_based.type, state_based.sub_type) == ("battles", "armed_clash")
    assert (state_based.start_date, state_based.end_date) == (
        datetime.date(2015, 12, 1),
        datetime.date(2015, 12, 3),
    )
    assert (state_based.date_precision, state_based.geo_precision) == ("week", "near")
    involvements, casualties = claims(state_based)
    assert [role for *_, role, _ in involvements] == ["other", "other"]
    assert casualties == [
        ("killed", "all", 10, 15, "ucdp", "high: 15\nlow: 10"),
        ("killed", "all", 12, 12, "ucdp", "best: 12"),
        ("killed", "combatants", 5, 5, "ucdp", "deaths_a: 5"),
        ("killed", "combatants", 7, 7, "ucdp", "deaths_b: 7"),
    ]
    ukraine = Incident.objects.get(ucdp_ged_id=301200)
    assert (ukraine.country, ukraine.start_date) == ("UA", datetime.date(2022, 3, 14))
    assert claims(ukraine)[1][-1] == ("killed", "civilians", 3, 3, "ucdp", "deaths_civilians: 3")
    assert ("killed", "all", 1, 1, "ucdp", "deaths_unknown: 1") in claims(ukraine)[1]


def test_every_claim_rests_on_a_verbatim_quote_of_its_record():
    run("acled", ACLED_SAMPLE)
    run("ucdp", UCDP_SAMPLE)

    quotes = Quote.objects.select_related("source")
    assert quotes.count() > 0
    for quote in quotes:
        assert quote.source.body[quote.start : quote.end] == quote.text
    assert not Involvement.objects.filter(quote=None).exists()
    assert not CasualtyReport.objects.filter(quote=None).exists()


def test_importing_the_same_file_again_changes_nothing():
    run("acled", ACLED_SAMPLE)
    before = counts()
    stamps = dict(Incident.objects.values_list("id", "updated_at"))

    output = run("acled", ACLED_SAMPLE)

    assert "0 created, 0 updated, 5 unchanged, 0 invalid" in output
    assert counts() == before
    assert dict(Incident.objects.values_list("id", "updated_at")) == stamps


def test_a_changed_row_updates_its_incident_and_record(tmp_csv):
    run("acled", ACLED_SAMPLE)
    before = counts()
    rows = read_csv(ACLED_SAMPLE)
    rows[1]["fatalities"] = "15"
    rows[1]["location"] = "Al-Eis village"

    output = run("acled", tmp_csv(rows), "-v", "2")

    assert "0 created, 1 updated, 4 unchanged, 0 invalid" in output
    assert "updated: rows 3" in output
    clash = Incident.objects.get(acled_event_id="SYR7002")
    assert clash.location_name == "Al-Eis village"
    assert claims(clash)[1] == [("killed", "all", 15, 15, "acled", "fatalities: 15")]
    # The superseded capture of the record, quoted by nothing any more, is gone.
    assert Source.objects.filter(title="ACLED event SYR7002").count() == 1
    assert counts() == before


def test_an_editors_incident_linked_by_id_keeps_its_own_fields():
    curated = factories.IncidentFactory(
        title="Airstrike on the market in Ariha", slug="ariha-market", acled_event_id="SYR7001"
    )

    run("acled", ACLED_SAMPLE)

    curated.refresh_from_db()
    assert (curated.title, curated.slug, curated.admin1) == (
        "Airstrike on the market in Ariha",
        "ariha-market",
        "Idlib",
    )
    assert claims(curated)[1] == [
        ("killed", "all", 40, 40, "acled", "fatalities: 40"),
        ("killed", "civilians", 40, 40, "acled", "fatalities: 40"),
    ]
    assert "0 updated, 5 unchanged" in run("acled", ACLED_SAMPLE)


def test_a_row_whose_incident_the_editors_deleted_is_invalid():
    run("acled", ACLED_SAMPLE)
    deleted = Incident.objects.get(acled_event_id="UKR9001")
    deleted.delete()  # a soft delete: the incident keeps its id

    with pytest.raises(CommandError, match="1 invalid row"):
        run("acled", ACLED_SAMPLE)
    output = run("acled", ACLED_SAMPLE, "--skip-invalid")

    assert f"row 4: incident {deleted.pk} with this id was deleted by the editors" in output
    assert "0 created, 0 updated, 4 unchanged, 1 invalid" in output


def test_a_dry_run_writes_nothing():
    before = counts()

    output = run("acled", ACLED_SAMPLE, "--dry-run")

    assert "5 created, 0 updated, 0 unchanged, 0 invalid" in output
    assert "Dry run: nothing was written." in output
    assert counts() == before


def test_status_published_publishes_the_new_incidents():
    run("ucdp", UCDP_SAMPLE, "--status", "published")

    assert set(Incident.objects.values_list("status", flat=True)) == {IncidentStatus.PUBLISHED}


def invalid_rows() -> list[dict[str, str]]:
    rows = read_csv(ACLED_SAMPLE)
    rows[1] = {**rows[1], "event_date": "2015-02-30", "fatalities": "many"}
    rows[2] = {**rows[2], "country": "Narnia", "iso": ""}
    rows[3] = {**rows[3], "sub_event_type": "Armed clash"}
    rows.append({**rows[0]})  # the same event id again
    return rows


def test_invalid_rows_are_reported_with_their_numbers_and_nothing_is_written(tmp_csv):
    before = counts()
    errors = StringIO()

    with pytest.raises(CommandError, match="4 invalid row"):
        call_command(
            "import_events", "acled", str(tmp_csv(invalid_rows())), stdout=StringIO(), stderr=errors
        )

    assert errors.getvalue().splitlines() == [
        "  row 3: event_date: '2015-02-30' is not a date such as 2015-11-29; "
        "fatalities: 'many' is not a whole number",
        "  row 4: country: unknown country 'Narnia'",
        "  row 5: sub_event_type: 'Armed clash' is not a sub-event type of 'Protests'",
        "  row 7: repeats the id SYR7001 of row 2",
    ]
    assert counts() == before


def test_skip_invalid_imports_the_valid_rows_and_reports_the_others(tmp_csv):
    output = run("acled", tmp_csv(invalid_rows()), "--skip-invalid")

    assert "2 created, 0 updated, 0 unchanged, 4 invalid" in output
    assert "  row 4: country: unknown country 'Narnia'" in output
    assert set(Incident.objects.values_list("acled_event_id", flat=True)) == {
        "SYR7001",
        "IRQ1234",
    }


def test_two_ids_that_make_the_same_slug_are_refused_before_writing(tmp_csv):
    rows = read_csv(ACLED_SAMPLE)[:2]
    rows[0]["event_id_cnty"], rows[1]["event_id_cnty"] = "SYR 1", "syr-1"

    output = run("acled", tmp_csv(rows), "--skip-invalid")

    assert "row 3: its slug acled-syr-1 is that of row 2" in output
    assert list(Incident.objects.values_list("acled_event_id", flat=True)) == ["SYR 1"]


def test_a_row_with_too_few_cells_is_invalid(tmp_path):
    lines = ACLED_SAMPLE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "short.csv"
    path.write_text("\n".join([lines[0], "SYR1,2015-01-01,2015", *lines[2:]]) + "\n")

    output = run("acled", path, "--skip-invalid")

    assert "  row 2: has 3 cells where the header has 31" in output


def test_a_file_without_the_codebook_columns_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("event_id_cnty,event_date\nSYR1,2015-01-01\n")

    with pytest.raises(CommandError, match="lacks the ACLED column.*time_precision"):
        run("acled", path)
    with pytest.raises(CommandError, match="No such file"):
        run("ucdp", tmp_path / "missing.csv")
