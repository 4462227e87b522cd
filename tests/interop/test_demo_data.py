from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.models import Actor, CasualtyReport, Incident, Involvement, Statement
from sources.models import Quote, Source

from .conftest import wipe

pytestmark = pytest.mark.django_db


def generate(*args) -> str:
    out = StringIO()
    call_command("generate_demo_data", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot() -> dict:
    """Everything generated, by natural keys: no ids, no timestamps."""
    return {
        "actors": sorted(
            Actor.objects.values_list("name", "slug", "kind", "parent__name", "aliases", "country")
        ),
        "sources": sorted(
            Source.objects.values_list(
                "url", "kind", "title", "publisher", "authors", "published_on", "body", "sha256"
            )
        ),
        "quotes": sorted(Quote.objects.values_list("source__url", "start", "end", "text")),
        "incidents": sorted(
            Incident.objects.values_list(
                "slug",
                "title",
                "summary",
                "type",
                "sub_type",
                "start_date",
                "date_precision",
                "country",
                "admin1",
                "location_name",
                "latitude",
                "longitude",
                "geo_precision",
                "civilian_deaths_min",
                "civilian_deaths_max",
                "civilian_injuries_min",
                "weapons",
                "status",
            )
        ),
        "involvements": sorted(
            Involvement.objects.values_list(
                "incident__slug", "actor__name", "role", "quote__source__url", "quote__start"
            )
        ),
        "casualties": sorted(
            CasualtyReport.objects.values_list(
                "incident__slug",
                "category",
                "population",
                "min",
                "max",
                "reported_by__name",
                "quote__start",
                "as_of",
            )
        ),
        "statements": sorted(
            Statement.objects.values_list(
                "speaker__name", "kind", "quote__source__url", "quote__start", "said_on"
            )
        ),
        "statement incidents": sorted(
            Statement.incidents.through.objects.values_list(
                "statement__quote__text", "incident__slug"
            )
        ),
    }


def test_demo_data_has_the_shape_asked_for():
    output = generate("--incidents", 60, "--seed", 5, "--actors", 400)

    assert "rows/s" in output
    assert Incident.objects.count() == 60
    assert Source.objects.count() == 12  # one per five incidents
    assert Actor.objects.count() == 400
    assert Actor.objects.filter(parent__isnull=False).count() > 100  # hierarchies
    for incident in Incident.objects.prefetch_related("involvements", "casualty_reports"):
        parties = [i for i in incident.involvements.all() if i.role != "victim"]
        assert 1 <= len(parties) <= 3
        assert all(i.quote_id for i in incident.involvements.all())
        assert all(c.quote_id for c in incident.casualty_reports.all())
        assert 2015 <= incident.start_date.year <= 2025
        assert incident.latitude is not None and incident.geo_precision
    assert Statement.objects.exists()
    assert CasualtyReport.objects.exists()
    statuses = list(Incident.objects.values_list("status", flat=True))
    assert statuses.count("published") > len(statuses) / 2


def test_demo_data_leaves_fresh_statistics_of_the_tables_it_filled():
    # The feed's first build is planned from them (incidents/changes.py).
    with CaptureQueriesContext(connection) as queries:
        generate("--incidents", 10, "--seed", 6, "--actors", 300)
    analyzed = {q["sql"].split()[1].strip('"') for q in queries if q["sql"].startswith("ANALYZE")}
    assert {"incidents_incident", "sources_quote", "incidents_involvement"} <= analyzed


def test_demo_quotes_are_verbatim_spans_of_their_bodies():
    generate("--incidents", 60, "--seed", 5, "--actors", 400)

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM sources_quote q JOIN sources_source s ON s.id = q.source_id
            WHERE substring(s.body FROM q.start + 1 FOR q."end" - q.start) <> q.text
            """
        )
        assert cursor.fetchone() == (0,)
    for quote in Quote.objects.select_related("source")[:50]:
        assert quote.source.body[quote.start : quote.end] == quote.text


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    generate("--incidents", 40, "--seed", 11, "--actors", 400)
    first = snapshot()

    wipe()
    generate("--incidents", 40, "--seed", 11, "--actors", 400)
    assert snapshot() == first

    wipe()
    generate("--incidents", 40, "--seed", 12, "--actors", 400)
    assert snapshot()["incidents"] != first["incidents"]


def test_the_same_seed_twice_in_one_database_is_refused():
    generate("--incidents", 5, "--seed", 3, "--actors", 300)

    with pytest.raises(CommandError, match="seed 3 is already in this database"):
        generate("--incidents", 5, "--seed", 3, "--actors", 300)
    with pytest.raises(CommandError, match="at least 1"):
        generate("--incidents", 0)


def test_the_demo_incidents_publish_with_every_fact_cited_and_figures_from_their_reports():
    from incidents.services import publish_blockers

    generate("--incidents", 40, "--seed", 5, "--actors", 400)

    incidents = Incident.objects.filter(status="published")
    assert incidents.exists()
    for incident in incidents:
        assert publish_blockers(incident) == [], incident
    assert not CasualtyReport.objects.filter(counted=False).exists()
