"""An incident page's "A claim from the text": the quote and the claim in one POST, with the
API's rules, the review gate, and refusals as JSON naming what was wrong."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from incidents.choices import IncidentStatus
from incidents.models import CasualtyReport, HistoryEvent, Involvement, Revision, Statement
from sources.models import Quote
from tests import factories

BODY = (
    "Russian jets struck the market in Ariha, the opposition said.\n"
    "At least 40 civilians were killed, according to the Syrian Network for Human Rights.\n"
    "Russia's foreign ministry denied that its jets struck the market."
)
WORDS = "Russian jets struck the market in Ariha"


@pytest.fixture
def source(db):
    return factories.SourceFactory(body=BODY)


@pytest.fixture
def draft(db):
    return factories.IncidentFactory(status=IncidentStatus.DRAFT)


def _url(incident) -> str:
    return reverse("admin:incidents_incident_claim_from_text", args=[incident.pk])


def _post(client, incident, source, words=WORDS, start=None, **claim):
    data = {
        "claim-source": source.pk,
        "claim-text": words,
        "claim-start": BODY.index(words) if start is None else start,
        **{f"claim-{name}": value for name, value in claim.items()},
    }
    return client.post(_url(incident), data)


def test_an_involvement_and_its_quote_are_made_in_one_step(editor_client, draft, source):
    russia, opposition = factories.ActorFactory(name="Russia"), factories.ActorFactory()

    response = _post(
        editor_client,
        draft,
        source,
        claim="involvement",
        actor=russia.pk,
        role="alleged_perpetrator",
        attributed_by=opposition.pk,
        reason="Attribution from the opposition's statement",
    )

    assert response.status_code == 201, response.json()
    quote = Quote.objects.get(source=source)
    assert (quote.text, quote.start, quote.end) == (WORDS, 0, len(WORDS))
    [involvement] = Involvement.objects.filter(incident=draft)
    assert (involvement.actor, involvement.role, involvement.attributed_by, involvement.quote) == (
        russia,
        "alleged_perpetrator",
        opposition,
        quote,
    )
    for resource, pk in [("quotes", quote.pk), ("involvements", involvement.pk)]:
        event = HistoryEvent.objects.get(resource=resource, object_id=pk)
        assert (event.username, event.via, event.reason) == (
            "edna",
            "admin",
            "Attribution from the opposition's statement",
        )
    assert response.json() == {
        "message": f"Created from the words of “{source}”: {involvement} (quote {quote.pk}).",
        "quote": quote.pk,
        "claim": involvement.pk,
    }


def test_a_casualty_report_and_a_statement_reuse_a_span_already_quoted(
    editor_client, draft, source
):
    figure = "At least 40 civilians were killed"
    denial = "Russia's foreign ministry denied that its jets struck the market."
    marked = Quote.objects.create(source=source, text=figure)
    network, ministry = factories.ActorFactory(), factories.ActorFactory()

    report = _post(
        editor_client,
        draft,
        source,
        figure,
        claim="casualty_report",
        category="killed",
        population="civilians",
        min=40,
        reported_by=network.pk,
    )
    statement = _post(
        editor_client,
        draft,
        source,
        denial,
        claim="statement",
        speaker=ministry.pk,
        statement_kind="denial",
    )

    assert (report.status_code, statement.status_code) == (201, 201)
    [casualties] = CasualtyReport.objects.filter(incident=draft)
    assert (casualties.quote, casualties.min, casualties.max, casualties.reported_by) == (
        marked,
        40,
        None,
        network,
    )
    [said] = Statement.objects.filter(incidents=draft)
    assert (said.speaker, said.kind, said.quote.text) == (ministry, "denial", denial)
    assert Quote.objects.filter(source=source).count() == 2


def test_an_editors_claim_on_a_published_incident_waits_for_review(editor_client, source):
    published = factories.IncidentFactory(status=IncidentStatus.PUBLISHED)
    russia = factories.ActorFactory()

    response = _post(
        editor_client, published, source, claim="involvement", actor=russia.pk, role="perpetrator"
    )

    assert response.status_code == 202, response.json()
    revision = Revision.objects.get(resource="involvements")
    assert response.json()["revision"] == revision.pk
    assert "waits for a reviewer" in response.json()["message"]
    assert not Involvement.objects.filter(incident=published, actor=russia).exists()
    quote = Quote.objects.get(source=source)
    assert (revision.after["quote"], revision.after["incident"]) == (quote.pk, published.pk)
    # The quote is marked, but nothing public rests on it.
    assert not Quote.objects.public().filter(pk=quote.pk).exists()


def test_a_reviewers_claim_on_a_published_incident_is_public_at_once(reviewer_client, source):
    published = factories.IncidentFactory(status=IncidentStatus.PUBLISHED)
    russia = factories.ActorFactory()

    response = _post(
        reviewer_client, published, source, claim="involvement", actor=russia.pk, role="target"
    )

    assert response.status_code == 201
    assert Involvement.objects.public().filter(incident=published, actor=russia).exists()


@pytest.mark.parametrize(
    ("words", "start", "claim", "named"),
    [
        # Offsets that are not where the words are in the body.
        (WORDS, 5, {"claim": "involvement", "role": "perpetrator"}, "The words: Not verbatim"),
        ("words the source never said", "", {"claim": "involvement"}, "The words"),
        # No actor: the quote is fine, the claim is not, and the quote is not kept.
        (WORDS, None, {"claim": "involvement", "role": "perpetrator"}, "Actor"),
        (WORDS, None, {"claim": "casualty_report", "category": "killed"}, "Population"),
        (WORDS, None, {"claim": "statement", "statement_kind": "denial"}, "Speaker"),
        (WORDS, None, {"claim": "riddle"}, "The words make"),
    ],
)
def test_a_refusal_names_the_field_and_writes_nothing(
    editor_client, draft, source, words, start, claim, named
):
    if claim.get("claim") == "involvement" and named != "Actor":
        claim["actor"] = factories.ActorFactory().pk

    response = _post(editor_client, draft, source, words, start, **claim)

    assert response.status_code == 400
    answer = response.json()
    assert answer["message"].startswith(f"Nothing was created: {named}"), answer
    assert not Quote.objects.filter(source=source).exists()
    assert not Involvement.all_objects.exists()
    assert not CasualtyReport.all_objects.exists()
    assert not Statement.all_objects.exists()


def test_a_claim_of_responsibility_by_another_actor_is_refused_by_the_models_rule(
    editor_client, draft, source
):
    russia, other = factories.ActorFactory(), factories.ActorFactory()

    response = _post(
        editor_client,
        draft,
        source,
        claim="involvement",
        actor=russia.pk,
        role="claimed_responsibility",
        attributed_by=other.pk,
    )

    assert response.status_code == 400
    assert "attributed by the claiming actor itself" in response.json()["message"]
    assert not Quote.objects.exists()


def test_anonymous_and_read_only_users_are_refused(db, draft, source):
    russia = factories.ActorFactory()
    claim = {"claim": "involvement", "actor": russia.pk, "role": "perpetrator"}
    reader = get_user_model().objects.create_user("rita", is_staff=True)
    reader.user_permissions.set(
        Permission.objects.filter(codename__in=["view_incident", "view_quote", "view_source"])
    )
    reading = Client()
    reading.force_login(reader)

    anonymous = _post(Client(), draft, source, **claim)
    read_only = _post(reading, draft, source, **claim)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))
    assert read_only.status_code == 403
    assert read_only.json() == {
        "message": "Your account may not add quotes and claims to this incident."
    }
    assert not Quote.objects.exists()
    assert not Involvement.all_objects.exists()


def test_only_a_post_and_a_known_incident_are_answered(editor_client, draft):
    assert editor_client.get(_url(draft)).status_code == 405
    missing = editor_client.post(
        reverse("admin:incidents_incident_claim_from_text", args=[draft.pk + 1000])
    )
    assert missing.status_code == 404
    assert missing.json() == {"message": f"There is no incident {draft.pk + 1000}."}


def test_the_panel_is_on_the_page_of_who_may_use_it(editor_client, draft, source):
    quoted = Quote.objects.create(source=source, text=WORDS)
    factories.InvolvementFactory(incident=draft, quote=quoted)

    page = editor_client.get(reverse("admin:incidents_incident_change", args=[draft.pk]))

    panel = page.context["claim_from_text"]
    assert panel["url"] == _url(draft)
    # The source of the incident's newest quote is shown first, its body ready to select.
    assert panel["picker"]["source"] == source
    html = page.content.decode()
    assert 'id="claim-from-text-form"' in html
    assert 'form="claim-from-text-form"' in html
