import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from incidents import changes
from incidents.choices import IncidentSubType, IncidentType, Role
from incidents.models import Incident, Involvement
from tests import factories
from tests.api.conftest import REPORT_BODY
from tests.api.helpers import csv_rows, ids, iso

pytestmark = pytest.mark.django_db

LIST = reverse("incident-list")


def detail(id_or_slug) -> str:
    return reverse("incident-detail", kwargs={"id_or_slug": id_or_slug})


def test_incident_detail_embeds_the_whole_evidence_chain(api_client, ariha):
    response = api_client.get(detail(ariha.strike.id))

    assert response.status_code == 200
    report = {
        "id": ariha.report.id,
        "kind": "ngo_report",
        "title": "Civilian objects were not damaged",
        "publisher": "Amnesty International",
        "url": "https://www.amnesty.org/en/documents/mde24/3113/2015/en/",
        "published_on": "2015-12-23",
    }
    briefing = {
        "id": ariha.briefing.id,
        "kind": "press_briefing",
        "title": "Briefing by Igor Konashenkov",
        "publisher": "Ministry of Defence of the Russian Federation",
        "url": "https://eng.mil.ru/en/news_page/country/more.htm?id=12068",
        "published_on": "2015-12-23",
    }
    assert response.json() == {
        "id": ariha.strike.id,
        "slug": "ariha-market-airstrike",
        "title": "Airstrike on the market in Ariha",
        "type": "explosions_remote_violence",
        "sub_type": "air_drone_strike",
        "start_date": "2015-11-29",
        "end_date": None,
        "date_precision": "day",
        "country": "SY",
        "other_countries": [],
        "admin1": "Idlib",
        "location_name": "Ariha",
        "latitude": 35.8133,
        "longitude": 36.6092,
        "geo_precision": "near",
        "civilian_deaths_min": 40,
        "civilian_deaths_max": 49,
        "civilian_injuries_min": 60,
        "civilian_injuries_max": None,
        "weapons": ["unguided bombs", "cluster munitions"],
        "acled_event_id": None,
        "ucdp_ged_id": None,
        "airwars_code": None,
        "civilian_harm_grade": "",
        "attribution_grade": "",
        "graded_at": None,
        "contested_between": [],
        # Amnesty and the Russian MoD publish its sources; one perpetrator; Konashenkov denies.
        "suggested_grade": {
            "civilian_harm": "fair",
            "attribution": "single",
            "independent_sources": 2,
            "alleged_perpetrators": 1,
            "accepted_by_perpetrator": False,
            "denied": True,
            "figures_disagree": False,
        },
        "status": "published",
        "published_at": "2015-12-24T09:00:00Z",
        "summary": "Aircraft struck the central market of Ariha at midday.",
        "civilian_figures_override_reason": "",
        "parent": {
            "id": ariha.campaign.id,
            "slug": "russian-air-campaign-in-syria",
            "title": "Russian air campaign in Syria",
            "start_date": "2015-09-30",
            "end_date": "2016-03-14",
        },
        "children": [
            {
                "id": ariha.rescuers.id,
                "slug": "ariha-second-strike",
                "title": "Second strike on Ariha rescuers",
                "start_date": "2015-11-29",
                "end_date": None,
            }
        ],
        "involvements": [
            {
                "id": ariha.involvement.id,
                "actor": {
                    "id": ariha.vks.id,
                    "slug": "russian-aerospace-forces",
                    "name": "Russian Aerospace Forces",
                    "kind": "armed_force",
                    "country": "RU",
                },
                "role": "perpetrator",
                "attributed_by": {
                    "id": ariha.amnesty.id,
                    "slug": "amnesty-international",
                    "name": "Amnesty International",
                    "kind": "ngo",
                    "country": "",
                },
                "note": "Amnesty attributes the strike to Russian aircraft.",
                "quote": {
                    "id": ariha.strike_quote.id,
                    "text": "The Russian Aerospace Forces struck a busy market in Ariha.",
                    "start": 65,
                    "end": 124,
                    # The words around it, as the quote's own page gives them.
                    "context_before": "On 29 November 2015 a Russian airstrike hit the market "
                    "in Ariha. ",
                    "context_after": " At least 40 civilians were killed, and up to 49. "
                    "Russia has not acknowledged the strike.",
                    "source": report,
                },
            }
        ],
        "casualty_reports": [
            {
                "id": ariha.casualties.id,
                "category": "killed",
                "population": "civilians",
                "min": 40,
                "max": 49,
                "as_of": "2015-11-29",
                "counted": True,
                "reported_by": {
                    "id": ariha.amnesty.id,
                    "slug": "amnesty-international",
                    "name": "Amnesty International",
                    "kind": "ngo",
                    "country": "",
                },
                "quote": {
                    "id": ariha.killed_quote.id,
                    "text": "At least 40 civilians were killed, and up to 49.",
                    "start": 125,
                    "end": 173,
                    "context_before": REPORT_BODY[:125],
                    "context_after": " Russia has not acknowledged the strike.",
                    "source": report,
                },
            }
        ],
        "statements": [
            {
                "id": ariha.denial.id,
                "speaker": {
                    "id": ariha.konashenkov.id,
                    "slug": "igor-konashenkov",
                    "name": "Igor Konashenkov",
                    "kind": "person",
                    "country": "RU",
                },
                "kind": "denial",
                "said_on": "2015-12-23",
                "quote": {
                    "id": ariha.denial_quote.id,
                    "text": "We have not struck any civilian objects in Idlib.",
                    "start": 23,
                    "end": 72,
                    "context_before": "Igor Konashenkov said: ",
                    "context_after": " Questions followed.",
                    "source": briefing,
                },
                "denies": ariha.involvement.id,
            }
        ],
        "facts": [
            {
                "id": ariha.dated.id,
                "fact": "date",
                "quote": None,
                "note": "Amnesty's report dates the strike; the quoted sentence does not.",
            },
            {
                "id": ariha.placed.id,
                "fact": "place",
                "quote": {
                    "id": ariha.strike_quote.id,
                    "text": "The Russian Aerospace Forces struck a busy market in Ariha.",
                    "start": 65,
                    "end": 124,
                    "context_before": "On 29 November 2015 a Russian airstrike hit the market "
                    "in Ariha. ",
                    "context_after": " At least 40 civilians were killed, and up to 49. "
                    "Russia has not acknowledged the strike.",
                    "source": report,
                },
                "note": "",
            },
        ],
        "sources": [report, briefing],
        "dataset_records": [],  # no dataset record among them
        "created_at": iso(ariha.strike.created_at),
        "updated_at": iso(ariha.strike.updated_at),
    }


def test_incident_list_row_gives_the_facts_and_the_actors_without_the_evidence(api_client, ariha):
    response = api_client.get(LIST, {"q": "market"})

    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": ariha.strike.id,
                "slug": "ariha-market-airstrike",
                "title": "Airstrike on the market in Ariha",
                "type": "explosions_remote_violence",
                "sub_type": "air_drone_strike",
                "start_date": "2015-11-29",
                "end_date": None,
                "date_precision": "day",
                "country": "SY",
                "other_countries": [],
                "admin1": "Idlib",
                "location_name": "Ariha",
                "latitude": 35.8133,
                "longitude": 36.6092,
                "geo_precision": "near",
                "civilian_deaths_min": 40,
                "civilian_deaths_max": 49,
                "civilian_injuries_min": 60,
                "civilian_injuries_max": None,
                "weapons": ["unguided bombs", "cluster munitions"],
                "acled_event_id": None,
                "ucdp_ged_id": None,
                "airwars_code": None,
                "civilian_harm_grade": "",
                "attribution_grade": "",
                "status": "published",
                "published_at": "2015-12-24T09:00:00Z",
                "parent_id": ariha.campaign.id,
                "actors": [
                    {
                        "id": ariha.vks.id,
                        "slug": "russian-aerospace-forces",
                        "name": "Russian Aerospace Forces",
                        "kind": "armed_force",
                        "role": "perpetrator",
                        "attributed_by": "amnesty-international",
                    }
                ],
                "created_at": iso(ariha.strike.created_at),
                "updated_at": iso(ariha.strike.updated_at),
            }
        ],
    }


def test_incident_detail_answers_by_slug_as_by_id(api_client, ariha):
    by_slug = api_client.get(detail("ariha-market-airstrike"))

    assert by_slug.status_code == 200
    assert by_slug.json() == api_client.get(detail(ariha.strike.id)).json()


def test_incident_detail_of_an_unknown_id_or_slug_is_404(api_client):
    factories.IncidentFactory(slug="known")

    for unknown in [999_999, "unknown-slug"]:
        response = api_client.get(detail(unknown))
        assert response.status_code == 404
        assert response.json()["errors"][0]["code"] == "not_found"


def test_incident_list_is_newest_first_with_ties_broken_by_newest_id(api_client):
    older = factories.IncidentFactory(start_date=datetime.date(2015, 10, 1))
    first = factories.IncidentFactory(start_date=datetime.date(2015, 12, 1))
    second = factories.IncidentFactory(start_date=datetime.date(2015, 12, 1))

    assert ids(api_client.get(LIST)) == [second.id, first.id, older.id]


class TestActorFilter:
    @pytest.fixture
    def world(self):
        russia = factories.ActorFactory(name="Russia", slug="russia", aliases=["Moscow"])
        kremlin = factories.ActorFactory(name="Kremlin", slug="kremlin", parent=russia)
        peskov = factories.ActorFactory(name="Dmitry Peskov", slug="dmitry-peskov", parent=kremlin)
        usa = factories.ActorFactory(name="United States", slug="united-states", aliases=["US"])
        syria = factories.ActorFactory(name="Syria", slug="syria")
        by_russia = factories.InvolvementFactory(actor=russia).incident
        by_peskov = factories.InvolvementFactory(actor=peskov).incident
        by_usa = factories.InvolvementFactory(actor=usa).incident
        by_syria = factories.InvolvementFactory(actor=syria).incident
        changes.build_all()  # one actor's pages read the actor trees the builds keep
        return by_russia, by_peskov, by_usa, by_syria

    def test_actor_matches_the_slug(self, api_client, world):
        by_russia, by_peskov, by_usa, by_syria = world
        assert ids(api_client.get(LIST, {"actor": "united-states"})) == [by_usa.id]

    def test_actor_matches_the_name_in_any_case(self, api_client, world):
        by_russia, by_peskov, by_usa, by_syria = world
        assert ids(api_client.get(LIST, {"actor": "UNITED states"})) == [by_usa.id]

    def test_actor_matches_an_alias_in_any_case(self, api_client, world):
        by_russia, by_peskov, by_usa, by_syria = world
        assert ids(api_client.get(LIST, {"actor": "us"})) == [by_usa.id]

    def test_actor_includes_the_actors_descendants(self, api_client, world):
        by_russia, by_peskov, by_usa, by_syria = world
        found = ids(api_client.get(LIST, {"actor": "moscow"}))
        assert sorted(found) == sorted([by_russia.id, by_peskov.id])

    def test_actor_does_not_include_the_actors_ancestors(self, api_client, world):
        by_russia, by_peskov, by_usa, by_syria = world
        assert ids(api_client.get(LIST, {"actor": "kremlin"})) == [by_peskov.id]

    def test_actor_with_commas_means_any_of(self, api_client, world):
        by_russia, by_peskov, by_usa, by_syria = world
        found = ids(api_client.get(LIST, {"actor": "united-states, Syria"}))
        assert sorted(found) == sorted([by_usa.id, by_syria.id])

    def test_actor_that_names_no_one_is_a_400_with_the_closest_names(self, api_client, world):
        response = api_client.get(LIST, {"actor": "russa"})
        assert response.status_code == 400
        [error] = response.json()["errors"]
        assert error["attr"] == "actor"
        assert error["detail"].startswith("No actor is named 'russa'. Closest: Russia")
        # One term of several, on the general path too.
        response = api_client.get(LIST, {"actor": "russia,atlantis", "ordering": "title"})
        assert response.status_code == 400
        assert "'atlantis'" in response.json()["errors"][0]["detail"]

    def test_actor_that_names_no_one_in_a_poll_gives_an_empty_page(self, api_client, world):
        # A service polling with updated_since: a retraction must not turn its poll into a 400.
        response = api_client.get(
            LIST, {"actor": "atlantis", "updated_since": "2000-01-01T00:00:00Z"}
        )
        assert response.status_code == 200
        assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}

    def test_a_hidden_actor_answers_exactly_as_an_unknown_one(self, api_client, world):
        draft = factories.IncidentFactory(draft=True)
        involvement = factories.InvolvementFactory(
            incident=draft, actor=factories.ActorFactory(name="Secret Unit", slug="secret-unit")
        )
        hidden = api_client.get(LIST, {"actor": "secret-unit"})
        Involvement._base_manager.filter(pk=involvement.pk).delete()
        involvement.actor.delete()
        unknown = api_client.get(LIST, {"actor": "secret-unit"})
        assert hidden.status_code == unknown.status_code == 400
        assert hidden.content == unknown.content


class TestRoleFilter:
    @pytest.fixture
    def world(self):
        russia = factories.ActorFactory(slug="russia")
        rebels = factories.ActorFactory(slug="rebels")
        russia_strikes_rebels = factories.IncidentFactory()
        factories.InvolvementFactory(
            incident=russia_strikes_rebels, actor=russia, role=Role.PERPETRATOR
        )
        factories.InvolvementFactory(incident=russia_strikes_rebels, actor=rebels, role=Role.TARGET)
        rebels_strike_russia = factories.IncidentFactory()
        factories.InvolvementFactory(
            incident=rebels_strike_russia, actor=rebels, role=Role.PERPETRATOR
        )
        factories.InvolvementFactory(incident=rebels_strike_russia, actor=russia, role=Role.TARGET)
        investigated = factories.InvolvementFactory(role=Role.INVESTIGATOR).incident
        return russia_strikes_rebels, rebels_strike_russia, investigated

    def test_role_alone_gives_incidents_with_any_actor_in_that_role(self, api_client, world):
        russia_strikes_rebels, rebels_strike_russia, investigated = world
        assert ids(api_client.get(LIST, {"role": "investigator"})) == [investigated.id]
        found = ids(api_client.get(LIST, {"role": "target"}))
        assert sorted(found) == sorted([russia_strikes_rebels.id, rebels_strike_russia.id])

    def test_role_with_actor_gives_that_actor_in_that_role(self, api_client, world):
        russia_strikes_rebels, rebels_strike_russia, investigated = world
        response = api_client.get(LIST, {"actor": "russia", "role": "perpetrator"})
        assert ids(response) == [russia_strikes_rebels.id]
        response = api_client.get(LIST, {"actor": "russia", "role": "target"})
        assert ids(response) == [rebels_strike_russia.id]
        response = api_client.get(LIST, {"actor": "russia", "role": "investigator"})
        assert ids(response) == []


def test_type_filter_gives_incidents_of_that_type(api_client):
    strike = factories.IncidentFactory()
    clash = factories.IncidentFactory(
        type=IncidentType.BATTLES, sub_type=IncidentSubType.ARMED_CLASH
    )

    assert ids(api_client.get(LIST, {"type": "battles"})) == [clash.id]
    assert ids(api_client.get(LIST, {"type": "explosions_remote_violence"})) == [strike.id]
    assert ids(api_client.get(LIST, {"type": "protests"})) == []


def test_sub_type_filter_gives_incidents_of_that_sub_type(api_client):
    factories.IncidentFactory()
    shelling = factories.IncidentFactory(sub_type=IncidentSubType.SHELLING_ARTILLERY_MISSILE_ATTACK)

    response = api_client.get(LIST, {"sub_type": "shelling_artillery_missile_attack"})
    assert ids(response) == [shelling.id]


def test_country_filter_takes_the_code_in_any_case(api_client):
    factories.IncidentFactory(country="SY")
    iraqi = factories.IncidentFactory(country="IQ")

    assert ids(api_client.get(LIST, {"country": "iq"})) == [iraqi.id]
    assert ids(api_client.get(LIST, {"country": "IQ"})) == [iraqi.id]
    assert ids(api_client.get(LIST, {"country": "UA"})) == []


def test_admin1_filter_matches_the_whole_region_in_any_case(api_client):
    factories.IncidentFactory(admin1="Idlib")
    aleppo = factories.IncidentFactory(admin1="Aleppo")

    assert ids(api_client.get(LIST, {"admin1": "ALEPPO"})) == [aleppo.id]
    assert ids(api_client.get(LIST, {"admin1": "Alep"})) == []


class TestDateFilters:
    """An incident matches when its span [start_date, end_date or start_date] overlaps."""

    @pytest.fixture
    def world(self):
        def incident(start, end=None):
            return factories.IncidentFactory(start_date=start, end_date=end).id

        d = datetime.date
        return {
            "november": incident(d(2015, 11, 15)),
            "december": incident(d(2015, 12, 15)),
            "january": incident(d(2016, 1, 15)),
            "campaign": incident(d(2015, 9, 30), d(2016, 3, 14)),
            "october_week": incident(d(2015, 10, 28), d(2015, 11, 3)),
            "late_december": incident(d(2015, 12, 30), d(2016, 1, 2)),
        }

    def found(self, api_client, **params) -> set[int]:
        return set(ids(api_client.get(LIST, params)))

    def test_date_from_keeps_incidents_still_going_on_that_day_or_later(self, api_client, world):
        found = self.found(api_client, date_from="2015-11-03")
        expected = {"november", "december", "january", "campaign", "october_week", "late_december"}
        assert found == {world[name] for name in expected}
        found = self.found(api_client, date_from="2015-11-04")
        assert world["october_week"] not in found
        assert world["november"] in found

    def test_date_to_keeps_incidents_that_began_on_or_before_that_day(self, api_client, world):
        found = self.found(api_client, date_to="2015-11-15")
        assert found == {world[name] for name in ["november", "campaign", "october_week"]}

    def test_date_from_and_date_to_give_every_incident_overlapping_the_window(
        self, api_client, world
    ):
        found = self.found(api_client, date_from="2016-01-01", date_to="2016-01-01")
        assert found == {world["campaign"], world["late_december"]}
        found = self.found(api_client, date_from="2015-12-01", date_to="2015-12-31")
        assert found == {world[name] for name in ["december", "campaign", "late_december"]}

    def test_date_window_outside_every_incident_gives_an_empty_list(self, api_client, world):
        assert self.found(api_client, date_from="2017-01-01", date_to="2017-12-31") == set()


class TestCivilianDeathFilters:
    @pytest.fixture
    def world(self):
        def incident(low, high):
            return factories.IncidentFactory(civilian_deaths_min=low, civilian_deaths_max=high).id

        return {
            "few": incident(2, 5),
            "many": incident(40, 49),
            "at_least_100": incident(100, None),
            "at_most_10": incident(None, 10),
            "unknown": incident(None, None),
        }

    def test_min_civilian_deaths_keeps_ranges_that_reach_that_number(self, api_client, world):
        found = set(ids(api_client.get(LIST, {"min_civilian_deaths": 45})))
        assert found == {world["many"], world["at_least_100"]}
        found = set(ids(api_client.get(LIST, {"min_civilian_deaths": 1000})))
        assert found == {world["at_least_100"]}

    def test_max_civilian_deaths_keeps_ranges_that_reach_down_to_that_number(
        self, api_client, world
    ):
        found = set(ids(api_client.get(LIST, {"max_civilian_deaths": 3})))
        assert found == {world["few"], world["at_most_10"]}
        found = set(ids(api_client.get(LIST, {"max_civilian_deaths": 0})))
        assert found == {world["at_most_10"]}

    def test_min_and_max_civilian_deaths_together_give_overlapping_ranges(self, api_client, world):
        params = {"min_civilian_deaths": 6, "max_civilian_deaths": 45}
        found = set(ids(api_client.get(LIST, params)))
        assert found == {world["many"], world["at_most_10"]}


def test_source_filter_gives_incidents_with_any_claim_quoting_that_source(api_client):
    source = factories.SourceFactory()
    first, second, third = (
        factories.QuoteFactory(source=source, text=sentence)
        for sentence in [
            "Witnesses said the strike hit the market at noon.",
            "the monitor said.",
            "The ministry denied any involvement.",
        ]
    )
    involved = factories.InvolvementFactory(quote=first).incident
    counted = factories.CasualtyReportFactory(quote=second).incident
    spoken_of = factories.IncidentFactory()
    factories.StatementFactory(quote=third, incidents=[spoken_of])
    factories.InvolvementFactory()

    found = ids(api_client.get(LIST, {"source": source.id}))

    assert sorted(found) == sorted([involved.id, counted.id, spoken_of.id])


def test_source_filter_with_an_unquoted_source_gives_an_empty_list(api_client):
    factories.InvolvementFactory()
    unquoted = factories.SourceFactory()

    assert ids(api_client.get(LIST, {"source": unquoted.id})) == []


class TestFullTextSearch:
    def test_q_searches_title_summary_and_place(self, api_client):
        by_title = factories.IncidentFactory(title="Strike on a bakery")
        by_summary = factories.IncidentFactory(summary="A bakery queue was hit.")
        by_place = factories.IncidentFactory(location_name="Bakery Square")
        factories.IncidentFactory(title="Strike on a hospital")

        found = ids(api_client.get(LIST, {"q": "bakeries"}))

        assert sorted(found) == sorted([by_title.id, by_summary.id, by_place.id])

    def test_q_keeps_the_lists_order_and_ranks_a_better_match_first_on_request(self, api_client):
        in_summary = factories.IncidentFactory(
            title="Strike in the north",
            summary="The hospital was hit.",
            start_date=datetime.date(2016, 1, 1),
        )
        in_title = factories.IncidentFactory(
            title="Strike on the hospital", start_date=datetime.date(2015, 1, 1)
        )
        # Equal ranks: newest first, as the list without ordering.
        older, newer = (
            factories.IncidentFactory(
                title="Strike on the hospital", start_date=datetime.date(2014, 1, day)
            )
            for day in (1, 2)
        )

        newest_first = [in_summary.id, in_title.id, newer.id, older.id]
        assert ids(api_client.get(LIST, {"q": "hospital"})) == newest_first
        ranked = ids(api_client.get(LIST, {"q": "hospital", "ordering": "-rank"}))
        assert ranked == [in_title.id, newer.id, older.id, in_summary.id]
        worst_first = ids(api_client.get(LIST, {"q": "hospital", "ordering": "rank,start_date"}))
        assert worst_first == [in_summary.id, older.id, newer.id, in_title.id]

    @pytest.mark.parametrize("ordering", ["-rank", "rank", "title,-rank"])
    def test_rank_without_q_is_a_400_naming_ordering(self, api_client, ordering):
        factories.IncidentFactory()
        for params in ({"ordering": ordering}, {"ordering": ordering, "q": " "}):
            response = api_client.get(LIST, params)
            assert response.status_code == 400
            assert response.json()["errors"] == [
                {
                    "code": "invalid",
                    "detail": "`rank` orders the results of a search: give `q` too.",
                    "attr": "ordering",
                }
            ]

    def test_the_count_of_a_search_stops_at_its_own_cap(self, api_client, monkeypatch):
        monkeypatch.setattr("config.api.pagination.SEARCH_COUNT_LIMIT", 2)
        for _ in range(3):
            factories.IncidentFactory(title="Strike on the hospital")
        assert api_client.get(LIST, {"q": "hospital"}).json()["count"] is None
        assert api_client.get(LIST, {"q": "hospital", "ordering": "-rank"}).json()["count"] is None
        assert api_client.get(LIST).json()["count"] == 3
        monkeypatch.setattr("config.api.pagination.SEARCH_COUNT_LIMIT", 3)
        assert api_client.get(LIST, {"q": "hospital"}).json()["count"] == 3

    def test_q_takes_web_search_syntax(self, api_client):
        market = factories.IncidentFactory(title="Strike on the Ariha market")
        factories.IncidentFactory(title="Strike on the Saraqib market")
        factories.IncidentFactory(title="Strike on the Ariha hospital")

        response = api_client.get(LIST, {"q": '"Ariha market" -Saraqib'})

        assert ids(response) == [market.id]

    def test_q_with_ordering_follows_the_ordering(self, api_client):
        alpha = factories.IncidentFactory(title="Hospital strike")
        beta = factories.IncidentFactory(title="Strike", summary="The hospital was hit.")

        response = api_client.get(LIST, {"q": "hospital", "ordering": "-title"})

        assert ids(response) == [beta.id, alpha.id]

    def test_q_that_matches_nothing_gives_an_empty_list(self, api_client):
        factories.IncidentFactory()
        assert ids(api_client.get(LIST, {"q": "zeppelin"})) == []


def test_bbox_keeps_incidents_inside_the_box_edges_included(api_client):
    ariha = factories.IncidentFactory(located=True)
    on_edge = factories.IncidentFactory(located=True, latitude=36.0, longitude=37.0)
    factories.IncidentFactory(located=True, latitude=33.5, longitude=36.3)
    factories.IncidentFactory()  # no coordinates: never inside a box

    found = ids(api_client.get(LIST, {"bbox": "35.5,34.5,37,36"}))

    assert sorted(found) == sorted([ariha.id, on_edge.id])


def test_bbox_across_the_whole_world_still_leaves_out_incidents_without_coordinates(
    api_client,
):
    located = factories.IncidentFactory(located=True)
    factories.IncidentFactory()

    assert ids(api_client.get(LIST, {"bbox": "-180,-90,180,90"})) == [located.id]


def test_updated_since_keeps_incidents_changed_at_or_after_that_instant(api_client):
    old = factories.IncidentFactory()
    recent = factories.IncidentFactory()
    Incident.objects.filter(pk=old.pk).update(
        updated_at=datetime.datetime(2015, 12, 1, tzinfo=datetime.UTC)
    )
    Incident.objects.filter(pk=recent.pk).update(
        updated_at=datetime.datetime(2015, 12, 2, 8, 0, tzinfo=datetime.UTC)
    )

    response = api_client.get(LIST, {"updated_since": "2015-12-02T08:00:00Z"})
    assert ids(response) == [recent.id]
    response = api_client.get(LIST, {"updated_since": "2015-12-02T10:00:00+02:00"})
    assert ids(response) == [recent.id]
    response = api_client.get(LIST, {"updated_since": "2015-12-01T00:00:00Z"})
    assert sorted(ids(response)) == sorted([old.id, recent.id])
    later = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    assert ids(api_client.get(LIST, {"updated_since": later})) == []


class TestOrdering:
    @pytest.fixture
    def world(self):
        d = datetime.date
        return [
            factories.IncidentFactory(
                title="Bravo",
                start_date=d(2015, 11, 1),
                end_date=d(2015, 11, 9),
                civilian_deaths_min=5,
                civilian_deaths_max=50,
            ),
            factories.IncidentFactory(
                title="Alpha",
                start_date=d(2015, 12, 1),
                end_date=d(2015, 12, 2),
                civilian_deaths_min=1,
                civilian_deaths_max=10,
            ),
            factories.IncidentFactory(
                title="Charlie",
                start_date=d(2015, 10, 1),
                end_date=d(2015, 12, 31),
                civilian_deaths_min=30,
                civilian_deaths_max=30,
            ),
        ]

    @pytest.mark.parametrize(
        "field", ["start_date", "end_date", "civilian_deaths_min", "civilian_deaths_max", "title"]
    )
    def test_ordering_sorts_by_a_whitelisted_field_either_way(self, api_client, world, field):
        ascending = [i.id for i in sorted(world, key=lambda i: getattr(i, field))]

        assert ids(api_client.get(LIST, {"ordering": field})) == ascending
        assert ids(api_client.get(LIST, {"ordering": f"-{field}"})) == ascending[::-1]

    def test_ordering_by_updated_at_and_by_id(self, api_client, world):
        bravo, alpha, charlie = world
        Incident.objects.filter(pk=bravo.pk).update(updated_at=timezone.now())

        assert ids(api_client.get(LIST, {"ordering": "-updated_at"}))[0] == bravo.id
        assert ids(api_client.get(LIST, {"ordering": "id"})) == [bravo.id, alpha.id, charlie.id]

    def test_ordering_takes_several_fields(self, api_client, world):
        bravo, alpha, charlie = world
        delta = factories.IncidentFactory(title="Alpha", start_date=datetime.date(2014, 1, 1))

        response = api_client.get(LIST, {"ordering": "title,start_date"})

        assert ids(response) == [delta.id, alpha.id, bravo.id, charlie.id]


@pytest.mark.parametrize(
    ("ordering", "tie_order"),
    [("title", [10, 20, 30]), ("-title", [30, 20, 10]), ("start_date", [10, 20, 30])],
)
def test_ordering_breaks_ties_by_id_in_the_direction_of_the_last_field(
    api_client, ordering, tie_order
):
    # Inserted out of id order, so that the table's physical order is not the id order.
    for pk in [20, 30, 10]:
        factories.IncidentFactory(id=pk, title="Same", start_date=datetime.date(2015, 10, 1))

    assert ids(api_client.get(LIST, {"ordering": ordering})) == tie_order


def test_acled_event_id_filter_gives_the_incident_with_that_id(api_client):
    matching = factories.IncidentFactory(acled_event_id="SYR12345")
    factories.IncidentFactory(acled_event_id="SYR12346")
    factories.IncidentFactory()

    assert ids(api_client.get(LIST, {"acled_event_id": "SYR12345"})) == [matching.id]
    assert ids(api_client.get(LIST, {"acled_event_id": "SYR1"})) == []


def test_ucdp_ged_id_filter_gives_the_incident_with_that_id(api_client):
    matching = factories.IncidentFactory(ucdp_ged_id=123456)
    factories.IncidentFactory(ucdp_ged_id=654321)
    factories.IncidentFactory()

    assert ids(api_client.get(LIST, {"ucdp_ged_id": 123456})) == [matching.id]
    assert ids(api_client.get(LIST, {"ucdp_ged_id": 1})) == []


def test_airwars_code_filter_gives_the_incident_with_that_code(api_client):
    matching = factories.IncidentFactory(airwars_code="CS1740")
    factories.IncidentFactory(airwars_code="CS1741")
    factories.IncidentFactory()

    assert ids(api_client.get(LIST, {"airwars_code": "CS1740"})) == [matching.id]
    assert ids(api_client.get(LIST, {"airwars_code": "cs1740"})) == []


def _graded(civilian_harm: str, attribution: str) -> Incident:
    incident = factories.IncidentFactory()
    Incident.objects.filter(pk=incident.pk).update(
        civilian_harm_grade=civilian_harm, attribution_grade=attribution, graded_at=timezone.now()
    )
    return incident


def test_grade_filter_gives_the_incidents_with_that_civilian_harm_grade(api_client):
    fair = _graded("fair", "single")
    _graded("weak", "single")
    factories.IncidentFactory()  # not graded yet

    assert ids(api_client.get(LIST, {"grade": "fair"})) == [fair.id]


def test_attribution_filter_gives_the_contested_incidents(api_client):
    contested = _graded("contested", "contested")
    _graded("fair", "single")
    _graded("weak", "unknown")

    assert ids(api_client.get(LIST, {"attribution": "contested"})) == [contested.id]


@pytest.mark.parametrize(("name", "value"), [("grade", "likely"), ("attribution", "both")])
def test_a_grade_off_the_rubric_is_a_400(api_client, name, value):
    response = api_client.get(LIST, {name: value})

    assert response.status_code == 400
    assert [error["attr"] for error in response.json()["errors"]] == [name]


def test_list_rows_and_csv_carry_the_grades(api_client):
    incident = _graded("discounted", "unknown")

    row = api_client.get(LIST).json()["results"][0]
    csv_row = csv_rows(api_client.get(LIST, {"format": "csv"}))[0]

    assert (row["civilian_harm_grade"], row["attribution_grade"]) == ("discounted", "unknown")
    assert csv_row["id"] == str(incident.id)
    assert (csv_row["civilian_harm_grade"], csv_row["attribution_grade"]) == (
        "discounted",
        "unknown",
    )
