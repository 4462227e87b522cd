"""Claims made on an incident's page in a real browser: from words selected in a source's
body (quote and claim in one step), and statements written in their rows."""

import urllib.error
import urllib.request

import pytest
from django.conf import settings as django_settings
from selenium.webdriver.common.by import By

from incidents.choices import ActorKind, IncidentStatus
from incidents.models import Actor, CasualtyReport, Incident, Involvement, Statement
from incidents.roles import EDITORS
from sources.models import Quote, Source
from tests.browser.pages import SELECT_IN_BODY, Admin, make_user

BODY = (
    "Russian jets struck the market in Ariha, the opposition said.\n"
    "Russia's foreign ministry denied it."
)
WORDS = "Russian jets struck the market in Ariha"


BODY_SHOWN = "return document.querySelector('.quote-picker-body').textContent"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _draft():
    return Incident.objects.create(
        title="Strike on the market in Ariha",
        slug="ariha-market",
        type="explosions_remote_violence",
        sub_type="air_drone_strike",
        start_date="2015-11-29",
        country="SY",
        status=IncidentStatus.DRAFT,
    )


def _public_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_selected_words_become_a_quote_and_a_claim_in_one_step(browser, live_server):
    make_user("edna", EDITORS)
    source = Source.objects.create(kind="news_article", title="Ariha report", body=BODY)
    russia = Actor.objects.create(name="Russia", slug="russia", kind=ActorKind.STATE)
    opposition = Actor.objects.create(
        name="Syrian opposition", slug="syrian-opposition", kind=ActorKind.ARMED_GROUP
    )
    incident = _draft()
    admin = Admin(browser, live_server.url)
    admin.log_in("edna")
    admin.open(f"/admin/incidents/incident/{incident.pk}/change/")

    admin.autocomplete(".quote-picker .field-source", "Ariha", "Ariha report")
    admin.wait.until(lambda driver: driver.execute_script(BODY_SHOWN) == BODY)
    browser.execute_script(SELECT_IN_BODY, 0, len(WORDS))
    assert admin.find("#id_claim-text").get_attribute("value") == WORDS
    admin.choose("#id_claim-claim", "involvement")
    admin.autocomplete("#claim-from-text .field-actor", "Russia", "Russia")
    admin.choose("#id_claim-role", "alleged_perpetrator")
    admin.autocomplete("#claim-from-text .field-attributed_by", "opposition", "Syrian opposition")
    # The casualty report's fields are hidden while an involvement is chosen.
    assert not admin.find("#id_claim-min").is_displayed()
    admin.submit("#claim-from-text-create")

    quote = Quote.objects.get(source=source)
    involvement = Involvement.objects.get(incident=incident)
    assert (quote.text, quote.start) == (WORDS, 0)
    assert (involvement.actor, involvement.role, involvement.attributed_by, involvement.quote) == (
        russia,
        "alleged_perpetrator",
        opposition,
        quote,
    )
    assert admin.success().startswith("Created from the words of “Ariha report”")
    row = admin.find("#involvements-0")
    assert "Russian jets struck the market in Ariha" in row.text
    assert "Ariha report" in row.text
    # A draft's claim is not public until a reviewer publishes the incident.
    assert _public_status(f"{live_server.url}/api/involvements/{involvement.pk}") == 404
    assert _public_status(f"{live_server.url}/api/quotes/{quote.pk}") == 404


def test_the_panel_answers_in_place_and_keeps_unsaved_edits(browser, live_server):
    make_user("edna", EDITORS)
    Source.objects.create(kind="news_article", title="Ariha report", body=BODY)
    incident = _draft()
    admin = Admin(browser, live_server.url)
    admin.log_in("edna")
    admin.open(f"/admin/incidents/incident/{incident.pk}/change/")
    admin.type("#id_title", "An edit not saved yet")

    admin.autocomplete(".quote-picker .field-source", "Ariha", "Ariha report")
    admin.wait.until(lambda driver: driver.execute_script(BODY_SHOWN) == BODY)
    browser.execute_script(SELECT_IN_BODY, 0, len(WORDS))
    admin.click("#claim-from-text-create")  # no actor, no role

    status = admin.wait.until(
        lambda driver: driver.find_element(By.CSS_SELECTOR, ".claim-from-text-status.errornote")
    )
    refusal = status.text
    assert admin.find("#id_title").get_attribute("value") == "An edit not saved yet"
    assert not Quote.objects.exists()

    # Made a casualty report instead: created, and the page is not reloaded over the edit.
    admin.choose("#id_claim-claim", "casualty_report")
    admin.choose("#id_claim-category", "killed")
    admin.choose("#id_claim-population", "civilians")
    admin.type("#id_claim-min", "40")
    admin.click("#claim-from-text-create")
    admin.wait.until(lambda driver: "Save the page to see it listed." in status.text)

    assert refusal.startswith("Nothing was created: Actor: This field is required.")
    report = CasualtyReport.objects.get(incident=incident)
    assert (report.category, report.min, report.quote.text) == ("killed", 40, WORDS)
    assert admin.find("#id_title").get_attribute("value") == "An edit not saved yet"

    # A session that has expired meanwhile: the panel says so, the page stays.
    browser.delete_cookie(django_settings.SESSION_COOKIE_NAME)
    admin.click("#claim-from-text-create")
    admin.wait.until(lambda driver: "has the session expired?" in status.text)
    assert admin.find("#id_title").get_attribute("value") == "An edit not saved yet"


def test_an_editor_writes_a_statement_in_its_row(browser, live_server):
    make_user("edna", EDITORS)
    source = Source.objects.create(kind="news_article", title="Ariha report", body=BODY)
    denial = Quote.objects.create(source=source, text="Russia's foreign ministry denied it.")
    ministry = Actor.objects.create(
        name="Russian Foreign Ministry",
        slug="russian-foreign-ministry",
        kind=ActorKind.GOVERNMENT_BODY,
    )
    Actor.objects.create(
        name="Maria Zakharova", slug="maria-zakharova", kind=ActorKind.PERSON, parent=ministry
    )
    incident = _draft()
    admin = Admin(browser, live_server.url)
    admin.log_in("edna")
    admin.open(f"/admin/incidents/incident/{incident.pk}/change/")

    admin.click("#Statement_incidents-group .add-row a")
    admin.autocomplete("#Statement_incidents-0 .field-speaker", "Zakharova", "Maria Zakharova")
    admin.choose("#id_Statement_incidents-0-kind", "denial")
    admin.autocomplete("#Statement_incidents-0 .field-quote", "denied", "foreign ministry denied")
    admin.save_and_continue()

    statement = Statement.objects.get(incidents=incident)
    assert (statement.speaker.name, statement.kind, statement.quote) == (
        "Maria Zakharova",
        "denial",
        denial,
    )
    row = admin.find("#Statement_incidents-0")
    assert "Maria Zakharova (Russian Foreign Ministry), denial" in row.text
