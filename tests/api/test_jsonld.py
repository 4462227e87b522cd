"""The incident detail as JSON-LD: negotiated beside JSON, read by a real JSON-LD processor
(PyLD) that may fetch nothing, and saying in RDF what the JSON detail says."""

import datetime
import json

import pytest
from django.urls import reverse
from pyld import jsonld
from pyld.documentloader.frozen import FrozenDocumentLoader

from incidents.jsonld import CONTEXT, CONTEXT_FILE, incident_document
from tests import factories
from tests.api.helpers import error_attrs

pytestmark = pytest.mark.django_db

LD = "application/ld+json"
ROOT = "http://testserver/api/"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# Where a document would name the bundled context if it referred to it instead of inlining it.
CONTEXT_URL = "https://incident-ledger.invalid/contexts/ledger.jsonld"


def detail(id_or_slug) -> str:
    return reverse("incident-detail", kwargs={"id_or_slug": id_or_slug})


class NothingFetched(FrozenDocumentLoader):
    """Serves the bundled context alone and records every URL asked for; any other is an
    error, so a processor that tried to fetch a remote context would fail the test."""

    def __init__(self):
        super().__init__({CONTEXT_URL: CONTEXT_FILE})
        self.asked: list[str] = []

    def __call__(self, url, options):
        self.asked.append(url)
        return super().__call__(url, options)


@pytest.fixture
def loader(monkeypatch) -> NothingFetched:
    offline = NothingFetched()
    # The processor's default loader too, in case any call forgot its options.
    monkeypatch.setattr(jsonld, "_default_document_loader", offline)
    return offline


def quads(document: dict, loader) -> list[dict]:
    """The document as RDF, through N-Quads, as triples of dicts of PyLD's parser."""
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": loader})
    return jsonld.parse_nquads(nquads)["@default"]


def objects(triples, subject: str, predicate: str) -> list:
    return [
        triple["object"]["value"]
        for triple in triples
        if triple["subject"]["value"] == subject and triple["predicate"]["value"] == predicate
    ]


def keys_of(value) -> set[str]:
    """Every property name used anywhere in a compact document (not keywords, not the
    context)."""
    if isinstance(value, list):
        return set().union(*(keys_of(item) for item in value)) if value else set()
    if not isinstance(value, dict):
        return set()
    found = set()
    for key, item in value.items():
        if key == "@context":
            continue
        if not key.startswith("@"):
            found.add(key)
        found |= keys_of(item)
    return found


def term_iri(term: str) -> str:
    definition = CONTEXT[term]
    iri = definition if isinstance(definition, str) else definition["@id"]
    prefix, _, local = iri.partition(":")
    return CONTEXT[prefix] + local


@pytest.fixture
def graded(ariha):
    incident = ariha.strike
    incident.civilian_harm_grade = "fair"
    incident.attribution_grade = "single"
    incident.graded_at = datetime.datetime(2016, 1, 10, 8, 0, tzinfo=datetime.UTC)
    incident.save()
    return ariha


def get_ld(api_client, pk, **extra):
    response = api_client.get(detail(pk), HTTP_ACCEPT=LD, **extra)
    assert response.status_code == 200, response.content
    return response


class TestNegotiation:
    def test_accept_ld_json_gives_json_ld_and_the_default_stays_json(self, api_client, ariha):
        plain = api_client.get(detail(ariha.strike.id))
        linked = get_ld(api_client, ariha.strike.id)

        assert plain["Content-Type"] == "application/json"
        assert "@context" not in plain.json()
        assert linked["Content-Type"] == LD
        document = json.loads(linked.content)
        assert document["@id"] == f"{ROOT}incidents/{ariha.strike.id}"
        assert document["@type"] == ["Event", "Entity"]
        assert document["@context"] == CONTEXT

    def test_format_jsonld_gives_the_same_document(self, api_client, ariha):
        by_format = api_client.get(detail(ariha.strike.slug), {"format": "jsonld"})

        assert by_format["Content-Type"] == LD
        assert by_format.content == get_ld(api_client, ariha.strike.id).content

    def test_every_detail_varies_by_accept(self, api_client, ariha):
        assert "Accept" in api_client.get(detail(ariha.strike.id))["Vary"]
        assert "Accept" in get_ld(api_client, ariha.strike.id)["Vary"]

    def test_json_ld_has_its_own_etag_and_answers_if_none_match(self, api_client, ariha):
        plain = api_client.get(detail(ariha.strike.id))
        linked = get_ld(api_client, ariha.strike.id)

        assert linked["ETag"] != plain["ETag"]
        again = api_client.get(
            detail(ariha.strike.id), HTTP_ACCEPT=LD, HTTP_IF_NONE_MATCH=linked["ETag"]
        )
        assert again.status_code == 304
        assert again["ETag"] == linked["ETag"]
        # The JSON's ETag names another representation: the JSON-LD is sent again.
        stale = get_ld(api_client, ariha.strike.id, HTTP_IF_NONE_MATCH=plain["ETag"])
        assert stale.content == linked.content

    @pytest.mark.parametrize("media_type", ["text/csv", "application/geo+json", "text/turtle"])
    def test_an_unknown_media_type_is_still_a_json_406(self, api_client, ariha, media_type):
        response = api_client.get(detail(ariha.strike.id), HTTP_ACCEPT=media_type)

        assert error_attrs(response, status=406) == [None]

    def test_an_unknown_format_is_a_400_naming_format(self, api_client, ariha):
        response = api_client.get(detail(ariha.strike.id), {"format": "turtle"})

        assert error_attrs(response) == ["format"]

    def test_the_list_is_not_json_ld(self, api_client, ariha):
        response = api_client.get(reverse("incident-list"), {"format": "jsonld"})

        assert error_attrs(response) == ["format"]

    @pytest.mark.parametrize("status", ["draft", "in_review", "retracted"])
    def test_an_unpublished_incident_is_a_json_404_to_the_public(self, api_client, status):
        incident = factories.IncidentFactory(**{status: True})

        response = api_client.get(detail(incident.id), HTTP_ACCEPT=LD)

        assert error_attrs(response, status=404) == [None]
        assert "Accept" in response["Vary"]

    def test_an_editor_reads_a_draft_as_json_ld_as_in_json(self, editor_client):
        draft = factories.IncidentFactory(draft=True)

        document = json.loads(get_ld(editor_client, draft.id).content)

        assert document["name"] == draft.title


def test_json_ld_detail_runs_the_queries_of_the_json_detail(api_client, django_assert_num_queries):
    incident = factories.IncidentFactory(parent=factories.IncidentFactory())
    factories.IncidentFactory.create_batch(3, parent=incident)
    factories.InvolvementFactory.create_batch(3, incident=incident)
    factories.CasualtyReportFactory.create_batch(3, incident=incident)
    factories.StatementFactory.create_batch(3, incidents=[incident])

    # Expect 6 queries, as tests/api/test_query_budget.py counts for the JSON detail:
    # * retrieve the incident with its parent
    # * retrieve its published children
    # * retrieve its involvements with their actors, quotes and sources
    # * retrieve its casualty reports with their reporters, quotes and sources
    # * retrieve its statements with their speakers, quotes and sources
    # * retrieve its facts' citations with their quotes and sources
    with django_assert_num_queries(6):
        document = json.loads(get_ld(api_client, incident.id).content)
    assert len(document["subjectOf"]) == 9


class TestProcessor:
    """PyLD expands the served document and converts it to RDF, offline."""

    def test_expansion_drops_no_term_and_fetches_nothing(self, api_client, graded, loader):
        document = json.loads(get_ld(api_client, graded.strike.id).content)

        expanded = jsonld.expand(document, {"documentLoader": loader})
        triples = quads(document, loader)

        used = keys_of(document)
        predicates = {triple["predicate"]["value"] for triple in triples}
        assert {term: term_iri(term) for term in used if term_iri(term) not in predicates} == {}
        assert {key for key in keys_of(expanded) if not key.startswith("http")} == set()
        assert loader.asked == []

    def test_the_bundled_context_by_reference_gives_the_same_graph(
        self, api_client, graded, loader
    ):
        document = json.loads(get_ld(api_client, graded.strike.id).content)
        by_reference = {**document, "@context": CONTEXT_URL}

        assert jsonld.normalize(
            by_reference, {"algorithm": "URDNA2015", "format": "application/n-quads"}
        ) == jsonld.normalize(document, {"algorithm": "URDNA2015", "format": "application/n-quads"})
        assert loader.asked == [CONTEXT_URL]

    def test_a_remote_context_is_refused_not_fetched(self, loader):
        with pytest.raises(jsonld.JsonLdError):
            jsonld.expand({"@context": SCHEMA, "name": "x"}, {"documentLoader": loader})
        assert loader.asked == [SCHEMA]

    def test_the_rdf_says_who_said_what_in_which_source(self, api_client, graded, loader):
        ariha = graded
        document = json.loads(get_ld(api_client, ariha.strike.id).content)
        triples = quads(document, loader)

        event = f"{ROOT}incidents/{ariha.strike.id}"
        involvement = f"{ROOT}involvements/{ariha.involvement.id}"
        casualties = f"{ROOT}casualty-reports/{ariha.casualties.id}"
        denial = f"{ROOT}statements/{ariha.denial.id}"
        strike_quote = f"{ROOT}quotes/{ariha.strike_quote.id}"
        denial_quote = f"{ROOT}quotes/{ariha.denial_quote.id}"
        report = f"{ROOT}sources/{ariha.report.id}"
        briefing = f"{ROOT}sources/{ariha.briefing.id}"
        amnesty = f"{ROOT}actors/{ariha.amnesty.id}"
        vks = f"{ROOT}actors/{ariha.vks.id}"
        konashenkov = f"{ROOT}actors/{ariha.konashenkov.id}"

        assert f"{SCHEMA}Event" in objects(triples, event, RDF_TYPE)
        assert objects(triples, event, f"{SCHEMA}name") == ["Airstrike on the market in Ariha"]
        assert objects(triples, event, f"{SCHEMA}startDate") == ["2015-11-29"]
        assert objects(triples, event, f"{PROV}generatedAtTime") == ["2015-12-24T09:00:00Z"]
        assert sorted(objects(triples, event, f"{SCHEMA}subjectOf")) == sorted(
            [involvement, casualties, denial]
        )
        # Amnesty attributes the strike to the Russian Aerospace Forces, in its report's words.
        for claim in (involvement, casualties, denial):
            assert f"{SCHEMA}Claim" in objects(triples, claim, RDF_TYPE)
            assert f"{PROV}Entity" in objects(triples, claim, RDF_TYPE)
            assert event in objects(triples, claim, f"{SCHEMA}about")
        assert objects(triples, involvement, f"{SCHEMA}author") == [amnesty]
        assert objects(triples, involvement, f"{PROV}wasAttributedTo") == [amnesty]
        assert objects(triples, involvement, f"{SCHEMA}mentions") == [vks]
        assert objects(triples, involvement, f"{SCHEMA}appearance") == [strike_quote]
        assert objects(triples, involvement, f"{PROV}wasDerivedFrom") == [strike_quote]
        assert objects(triples, strike_quote, f"{SCHEMA}text") == [ariha.strike_quote.text]
        assert objects(triples, strike_quote, f"{SCHEMA}spokenByCharacter") == [amnesty]
        assert objects(triples, strike_quote, f"{SCHEMA}isPartOf") == [report]
        assert objects(triples, strike_quote, f"{PROV}wasQuotedFrom") == [report]
        assert f"{SCHEMA}Report" in objects(triples, report, RDF_TYPE)
        assert objects(triples, report, f"{SCHEMA}url") == [ariha.report.url]
        assert objects(triples, report, f"{SCHEMA}datePublished") == ["2015-12-23"]
        assert objects(triples, amnesty, f"{SCHEMA}name") == ["Amnesty International"]
        assert f"{PROV}Agent" in objects(triples, amnesty, RDF_TYPE)
        # Konashenkov's denial: his words in the ministry's briefing, about the attribution.
        assert objects(triples, denial, f"{SCHEMA}author") == [konashenkov]
        assert objects(triples, denial_quote, f"{SCHEMA}text") == [ariha.denial_quote.text]
        assert objects(triples, denial_quote, f"{PROV}wasQuotedFrom") == [briefing]
        assert involvement in objects(triples, denial, f"{SCHEMA}about")
        assert f"{SCHEMA}Person" in objects(triples, konashenkov, RDF_TYPE)
        # Amnesty reports the figures.
        assert objects(triples, casualties, f"{PROV}wasAttributedTo") == [amnesty]
        assert objects(triples, casualties, f"{SCHEMA}name") == ["Civilians killed: 40–49"]
        # The reviewers' grades.
        harm = f"{event}#civilian-harm-grade"
        assert f"{SCHEMA}ClaimReview" in objects(triples, harm, RDF_TYPE)
        assert objects(triples, harm, f"{SCHEMA}itemReviewed") == [event]
        assert objects(triples, harm, f"{SCHEMA}author") == [ROOT]
        [rating] = objects(triples, harm, f"{SCHEMA}reviewRating")
        assert objects(triples, rating, f"{SCHEMA}ratingValue") == ["fair"]
        assert objects(triples, f"{event}#attribution-grade", f"{SCHEMA}reviewAspect") == [
            "attribution"
        ]

    def test_an_ungraded_incident_has_no_review(self, api_client, ariha, loader):
        document = json.loads(get_ld(api_client, ariha.strike.id).content)

        assert "review" not in document
        assert not [
            triple
            for triple in quads(document, loader)
            if triple["object"]["value"] == f"{SCHEMA}ClaimReview"
        ]

    def test_a_contested_attribution_names_the_actors_held_responsible(
        self, api_client, graded, loader
    ):
        graded.strike.attribution_grade = "contested"
        graded.strike.save()
        document = json.loads(get_ld(api_client, graded.strike.id).content)
        triples = quads(document, loader)

        event = f"{ROOT}incidents/{graded.strike.id}"
        review = f"{event}#attribution-grade"
        assert objects(triples, review, f"{SCHEMA}mentions") == [f"{ROOT}actors/{graded.vks.id}"]
        [rating] = objects(triples, review, f"{SCHEMA}reviewRating")
        assert objects(triples, rating, f"{SCHEMA}ratingValue") == ["contested"]

    def test_the_sources_own_reporting_is_attributed_to_its_publisher(
        self, api_client, ariha, loader
    ):
        ariha.involvement.attributed_by = None
        ariha.involvement.save()
        document = json.loads(get_ld(api_client, ariha.strike.id).content)
        triples = quads(document, loader)

        involvement = f"{ROOT}involvements/{ariha.involvement.id}"
        quote = f"{ROOT}quotes/{ariha.strike_quote.id}"
        publisher = f"{ROOT}sources/{ariha.report.id}#publisher"
        assert objects(triples, involvement, f"{PROV}wasAttributedTo") == [publisher]
        assert objects(triples, quote, f"{SCHEMA}creator") == [publisher]
        assert objects(triples, quote, f"{SCHEMA}spokenByCharacter") == []
        assert objects(triples, publisher, f"{SCHEMA}name") == ["Amnesty International"]

    def test_an_editors_draft_with_a_claim_on_no_quote_still_expands(self, editor_client, loader):
        draft = factories.IncidentFactory(draft=True, latitude=None, longitude=None)
        involvement = factories.InvolvementFactory(incident=draft, quote=None)
        document = json.loads(get_ld(editor_client, draft.id).content)
        triples = quads(document, loader)

        claim = f"{ROOT}involvements/{involvement.id}"
        assert f"{SCHEMA}Claim" in objects(triples, claim, RDF_TYPE)
        assert objects(triples, claim, f"{SCHEMA}appearance") == []
        assert "generatedAtTime" not in document
        assert "geo" not in document["location"]


def test_a_wikidata_id_and_a_body_hash_become_same_as_and_identifier_when_the_data_has_them(
    api_client, ariha, loader
):
    # The JSON detail's brief actors and sources carry neither today; the mapping is ready.
    data = api_client.get(detail(ariha.strike.id)).json()
    data["involvements"][0]["actor"]["wikidata_id"] = "Q4354203"
    data["involvements"][0]["quote"]["source"]["sha256"] = "ab" * 32
    document = incident_document(data, lambda resource, pk: f"{ROOT}{resource}/{pk}", ROOT)
    triples = quads(document, loader)

    vks = f"{ROOT}actors/{ariha.vks.id}"
    report = f"{ROOT}sources/{ariha.report.id}"
    assert objects(triples, vks, f"{SCHEMA}sameAs") == ["http://www.wikidata.org/entity/Q4354203"]
    [hash_] = objects(triples, report, f"{SCHEMA}identifier")
    assert objects(triples, hash_, f"{SCHEMA}propertyID") == ["sha256"]
    assert objects(triples, hash_, f"{SCHEMA}value") == ["ab" * 32]


@pytest.mark.django_db
def test_an_empty_format_is_a_400_naming_it_not_the_default(api_client):
    incident = factories.IncidentFactory()

    for path in (f"/api/incidents/{incident.pk}", "/api/incidents"):
        response = api_client.get(path, {"format": ""})
        assert response.status_code == 400, path
        assert response.json()["errors"][0]["attr"] == "format"
