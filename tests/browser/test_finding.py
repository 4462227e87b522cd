"""Finding things in a real browser: the actor autocomplete's first hit is the one meant, and
the incident list filters by an actor with its members."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec

from incidents.choices import ActorKind, IncidentStatus
from incidents.roles import EDITORS
from tests import factories
from tests.browser.pages import Admin, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPTIONS = ".select2-container--open .select2-results__option"


def test_russia_comes_first_and_enter_picks_it(browser, live_server):
    make_user("edna", EDITORS)
    # Alphabetically the committee and the air force came first: Enter picked the committee.
    factories.ActorFactory(
        name="Federation Council Committee on Defense and Security",
        aliases=["Defense committee of the Russian Federation Council"],
    )
    factories.ActorFactory(name="Russian Aerospace Forces")
    russia = factories.ActorFactory(name="Russia", slug="russia", kind=ActorKind.STATE)
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    admin = Admin(browser, live_server.url)
    admin.log_in("edna")
    admin.open(f"/admin/incidents/incident/{incident.pk}/change/")

    admin.click("#involvements-group .add-row a")
    admin.click("#involvements-0 .field-actor .select2-selection")
    admin.type(".select2-container--open .select2-search__field", "russia")
    admin.wait.until(lambda driver: len(driver.find_elements(By.CSS_SELECTOR, OPTIONS)) == 3)
    first = browser.find_elements(By.CSS_SELECTOR, OPTIONS)[0].text
    admin.find(".select2-container--open .select2-search__field").send_keys(Keys.ENTER)

    assert first == "Russia (state)"
    assert admin.find("#id_involvements-0-actor").get_attribute("value") == str(russia.pk)


def test_the_incident_list_filters_by_an_actor_and_its_members(browser, live_server):
    make_user("edna", EDITORS)
    russia = factories.ActorFactory(name="Russia", slug="russia", kind=ActorKind.STATE)
    air_force = factories.ActorFactory(name="Russian Aerospace Forces", parent=russia)
    struck = factories.InvolvementFactory(actor=air_force, incident__title="Strike on Ariha")
    factories.InvolvementFactory(incident__title="Shelling elsewhere")
    admin = Admin(browser, live_server.url)
    admin.log_in("edna")
    admin.open("/admin/incidents/incident/")

    field = admin.find(".ledger-text-filter input[name=actor]")
    field.send_keys("russia")
    page = browser.find_element(By.TAG_NAME, "html")
    field.send_keys(Keys.ENTER)
    admin.wait.until(ec.staleness_of(page))

    titles = [
        cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "#result_list tbody th a")
    ]
    assert titles == [struck.incident.title]
    assert "actor=russia" in browser.current_url
