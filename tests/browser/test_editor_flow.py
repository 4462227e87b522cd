"""An editor and a reviewer at work in a real browser, from a source to a published incident."""

import json
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from incidents.choices import ActorKind, IncidentStatus
from incidents.models import Actor, Incident
from incidents.roles import EDITORS, REVIEWERS
from sources.models import Quote
from tests.browser.pages import Admin, make_user

BODY = (
    "Russian airstrikes in Syria killed hundreds of civilians, Amnesty International said.\n"
    "In the deadliest attack documented, missiles struck a busy market in Ariha.\n"
    "Russia has denied targeting civilians."
)
QUOTE = "missiles struck a busy market in Ariha."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_builds_an_incident_on_a_quote_and_a_reviewer_publishes_it(browser, live_server):
    make_user("edna", EDITORS)
    make_user("rhea", REVIEWERS)
    Actor.objects.create(
        name="Russian Aerospace Forces", slug="russian-aerospace-forces", kind=ActorKind.ARMED_FORCE
    )
    admin = Admin(browser, live_server.url)

    admin.log_in("edna")

    # A source with its body.
    admin.open("/admin/sources/source/add/")
    admin.type("#id_title", "Russia reportedly kills hundreds of civilians in Syria")
    admin.choose("#id_kind", "news_article")
    admin.type("#id_body", BODY)
    admin.save_and_continue()
    source_id = admin.object_id()

    # A quote marked by pasting its words: the picker finds where they start.
    admin.click("#quotes-group .add-row a")
    admin.type("#id_quotes-0-text", QUOTE)
    assert admin.find("#id_quotes-0-start").get_attribute("value") == str(BODY.index(QUOTE))
    admin.save_and_continue()
    quote = Quote.objects.get(source_id=source_id)
    assert (quote.start, quote.end, quote.text) == (
        BODY.index(QUOTE),
        BODY.index(QUOTE) + len(QUOTE),
        QUOTE,
    )
    marked = admin.find(".quote-picker-body mark.quote")
    assert marked.text == QUOTE

    # An incident with an involvement resting on that quote.
    admin.open("/admin/incidents/incident/add/")
    admin.type("#id_title", "Missile strike on the market in Ariha")
    admin.type("#id_slug", "ariha-market-missile-strike")
    admin.choose("#id_type", "explosions_remote_violence")
    admin.choose("#id_sub_type", "shelling_artillery_missile_attack")
    admin.type("#id_start_date", "2015-11-29")
    admin.type("#id_country", "SY")
    admin.click("#involvements-group .add-row a")
    admin.autocomplete("#involvements-0 .field-actor", "Aerospace", "Russian Aerospace Forces")
    admin.choose("#id_involvements-0-role", "perpetrator")
    admin.autocomplete("#involvements-0 .field-quote", "busy market", QUOTE)
    # What its own facts rest on: the place on the quote, the date on a note.
    admin.click("#facts-group .add-row a")
    admin.choose("#id_facts-0-fact", "place")
    admin.autocomplete("#facts-0 .field-quote", "busy market", QUOTE)
    admin.click("#facts-group .add-row a")
    admin.choose("#id_facts-1-fact", "date")
    admin.type("#id_facts-1-note", "Amnesty's report dates the strike; the article does not.")
    admin.save_and_continue()
    incident = Incident.objects.get(slug="ariha-market-missile-strike")
    assert [(i.actor.slug, i.quote_id) for i in incident.involvements.all()] == [
        ("russian-aerospace-forces", quote.pk)
    ]
    assert sorted(incident.facts.values_list("fact", "quote_id")) == [
        ("date", None),
        ("place", quote.pk),
    ]

    # Sent to review by the editor, who cannot publish it.
    admin.submit("#workflow-submit button")
    assert admin.success() == f"“{incident.title}” was saved and sent to review."
    assert not browser.find_elements(By.CSS_SELECTOR, "#workflow-publish")

    # Published by a reviewer.
    admin.log_in("rhea")
    admin.open(f"/admin/incidents/incident/{incident.pk}/change/")
    admin.submit("#workflow-publish button")
    assert admin.success() == f"“{incident.title}” was saved and published."
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.PUBLISHED

    # The public API now shows it, with the quote it rests on.
    with urllib.request.urlopen(f"{live_server.url}/api/incidents/{incident.pk}") as response:
        published = json.load(response)
    assert (published["slug"], published["status"]) == ("ariha-market-missile-strike", "published")
    [involvement] = published["involvements"]
    assert involvement["actor"]["slug"] == "russian-aerospace-forces"
    assert involvement["quote"]["text"] == QUOTE
    assert [(f["fact"], (f["quote"] or {}).get("text")) for f in published["facts"]] == [
        ("date", None),
        ("place", QUOTE),
    ]
