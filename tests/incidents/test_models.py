import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from incidents.models import MAX_COUNT, Actor, CasualtyReport, Incident, Involvement
from tests import factories

pytestmark = pytest.mark.django_db

ALL_FACTORIES = [
    factories.SourceFactory,
    factories.QuoteFactory,
    factories.ActorFactory,
    factories.IncidentFactory,
    factories.InvolvementFactory,
    factories.CasualtyReportFactory,
    factories.StatementFactory,
]


@pytest.mark.parametrize("factory", ALL_FACTORIES, ids=lambda f: f.__name__)
def test_every_factory_builds_a_valid_record_with_no_arguments(factory):
    record = factory()
    record.full_clean()
    assert type(record).objects.filter(pk=record.pk).exists()


def _refused_by_database(model, pk, constraint, **changes):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        model.objects.filter(pk=pk).update(**changes)


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"end_date": datetime.date(2015, 9, 29)}, "end_after_start"),
        ({"latitude": 90.5, "longitude": 10, "geo_precision": "exact"}, "latitude_range"),
        ({"latitude": 10, "longitude": -180.1, "geo_precision": "exact"}, "longitude_range"),
        ({"latitude": 10, "geo_precision": "exact"}, "coordinates_together"),
        ({"latitude": 10, "longitude": 10}, "coordinates_have_precision"),
        ({"country": "sy"}, "country_iso2"),
        ({"sub_type": "peaceful_protest"}, "sub_type_of_type"),
        ({"civilian_deaths_min": 5, "civilian_deaths_max": 4}, "civilian_deaths_min_lte_max"),
        ({"civilian_deaths_max": MAX_COUNT + 1}, "civilian_deaths_max_bounded"),
        ({"civilian_injuries_min": MAX_COUNT + 1}, "civilian_injuries_min_bounded"),
        ({"civilian_injuries_min": 9, "civilian_injuries_max": 2}, "civilian_injuries_min_lte_max"),
        ({"civilian_deaths_min": -1}, "civilian_deaths_min_check"),
        ({"slug": "taken"}, "slug_key"),
    ],
)
def test_incident_rules_live_in_the_database(changes, constraint):
    factories.IncidentFactory(slug="taken")
    incident = factories.IncidentFactory(start_date=datetime.date(2015, 9, 30))
    _refused_by_database(Incident, incident.pk, constraint, **changes)


def test_an_incident_cannot_be_its_own_parent():
    incident = factories.IncidentFactory()
    _refused_by_database(Incident, incident.pk, "not_own_parent", parent=incident)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sub_type": "armed_clash"}, "sub_type"),
        ({"end_date": datetime.date(2000, 1, 1)}, "end_date"),
        ({"latitude": 35.0}, "longitude"),
        ({"latitude": 35.0, "longitude": 36.0}, "geo_precision"),
        ({"latitude": 91.0, "longitude": 36.0, "geo_precision": "exact"}, "latitude"),
        ({"civilian_deaths_min": 10, "civilian_deaths_max": 2}, "civilian_deaths_max"),
        ({"civilian_deaths_max": MAX_COUNT + 1}, "civilian_deaths_max"),
        ({"country": "sy"}, "country"),
    ],
)
def test_incident_validation_names_the_field(changes, field):
    incident = factories.IncidentFactory.build(start_date=datetime.date(2015, 10, 1), **changes)
    with pytest.raises(ValidationError) as caught:
        incident.full_clean()
    assert field in caught.value.message_dict


def test_an_incident_cannot_be_part_of_its_own_descendant():
    campaign = factories.IncidentFactory()
    strike = factories.IncidentFactory(parent=campaign)
    campaign.parent = strike
    with pytest.raises(ValidationError, match="part of itself"):
        campaign.full_clean()


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"min": 10, "max": 9}, "figure_min_lte_max"),
        ({"min": None, "max": None}, "has_a_figure"),
        ({"max": MAX_COUNT + 1}, "figure_max_bounded"),
        ({"min": -3}, "min_check"),
    ],
)
def test_casualty_report_rules_live_in_the_database(changes, constraint):
    report = factories.CasualtyReportFactory()
    _refused_by_database(CasualtyReport, report.pk, constraint, **changes)


def test_a_casualty_report_needs_a_figure():
    report = factories.CasualtyReportFactory.build(min=None, max=None)
    with pytest.raises(ValidationError, match="Give a minimum"):
        report.clean()


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"country": "ru"}, "country_iso2"),
        ({"wikidata_id": "159"}, "wikidata_id_format"),
        ({"slug": "taken"}, "slug_key"),
    ],
)
def test_actor_rules_live_in_the_database(changes, constraint):
    factories.ActorFactory(slug="taken")
    actor = factories.ActorFactory()
    _refused_by_database(Actor, actor.pk, constraint, **changes)


def test_an_actor_cannot_be_its_own_parent_in_the_database():
    actor = factories.ActorFactory()
    _refused_by_database(Actor, actor.pk, "not_own_parent", parent=actor)


def test_an_actor_cannot_be_its_own_ancestor():
    russia = factories.ActorFactory()
    kremlin = factories.ActorFactory(parent=russia)
    russia.parent = kremlin
    with pytest.raises(ValidationError, match="own ancestor"):
        russia.full_clean()


def test_the_same_claim_cannot_be_recorded_twice():
    involvement = factories.InvolvementFactory()
    with pytest.raises(IntegrityError, match="unique_claim"), transaction.atomic():
        Involvement.objects.create(
            incident=involvement.incident,
            actor=involvement.actor,
            role=involvement.role,
            quote=involvement.quote,
        )


@pytest.mark.parametrize(
    "factory",
    [factories.InvolvementFactory, factories.CasualtyReportFactory, factories.StatementFactory],
    ids=lambda f: f.__name__,
)
def test_a_quote_that_a_claim_rests_on_cannot_be_deleted(factory):
    claim = factory()
    with pytest.raises(ProtectedError):
        claim.quote.delete()


def test_an_actor_with_claims_cannot_be_deleted():
    involvement = factories.InvolvementFactory()
    with pytest.raises(ProtectedError):
        involvement.actor.delete()


@pytest.fixture
def hierarchy():
    russia = factories.ActorFactory(
        name="Russia", slug="russia", kind="state", aliases=["Russian Federation", "Moscow"]
    )
    kremlin = factories.ActorFactory(name="Kremlin", slug="kremlin", parent=russia)
    peskov = factories.ActorFactory(name="Dmitry Peskov", slug="dmitry-peskov", parent=kremlin)
    vks = factories.ActorFactory(name="Russian Aerospace Forces", slug="vks", parent=russia)
    syria = factories.ActorFactory(name="Syria", slug="syria", country="SY", aliases=["Damascus"])
    army = factories.ActorFactory(name="Syrian Arab Army", slug="saa", parent=syria)
    return {a.slug: a for a in [russia, kremlin, peskov, vks, syria, army]}


@pytest.mark.parametrize("term", ["russia", "RUSSIA", "Russia", "russian federation", "moscow"])
def test_actor_matching_resolves_slug_name_or_alias_with_descendants(hierarchy, term):
    found = set(Actor.objects.matching(term).values_list("slug", flat=True))
    assert found == {"russia", "kremlin", "dmitry-peskov", "vks"}


def test_actor_matching_a_child_excludes_its_ancestors(hierarchy):
    found = set(Actor.objects.matching("kremlin").values_list("slug", flat=True))
    assert found == {"kremlin", "dmitry-peskov"}


def test_actor_matching_several_terms_means_any_of(hierarchy):
    found = set(Actor.objects.matching("dmitry-peskov", "damascus").values_list("slug", flat=True))
    assert found == {"dmitry-peskov", "syria", "saa"}


@pytest.mark.parametrize("terms", [("nobody",), ("",), ()])
def test_actor_matching_unknown_or_empty_terms_finds_nothing(hierarchy, terms):
    assert not Actor.objects.matching(*terms).exists()


@pytest.mark.parametrize("factory", [factories.ActorFactory, factories.IncidentFactory])
def test_a_slug_with_capitals_is_refused_by_the_database(factory):
    # The API and the admin lower-case slugs; any other path (a script, an import) is refused,
    # since /api/.../<slug> looks slugs up in lower case.
    with pytest.raises(IntegrityError, match="slug_lower_case"), transaction.atomic():
        factory(slug="Russian-Strike")
    assert factory(slug="russian-strike").slug == "russian-strike"
