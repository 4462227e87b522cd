"""The map on the incident page and the sub-types that follow the type, in a real browser."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from incidents.choices import SUB_TYPES_BY_TYPE, IncidentStatus
from incidents.roles import EDITORS
from tests import factories
from tests.browser.pages import Admin, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def on_a_located_draft(browser, live_server, settings):
    # Nothing answers there: the map has to do without tiles.
    settings.MAP_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    make_user("edna", EDITORS)
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT, located=True)
    admin = Admin(browser, live_server.url)
    admin.log_in("edna")
    admin.open(f"/admin/incidents/incident/{incident.pk}/change/")
    admin.find("#ledger-map[data-ready=yes]")
    return admin, incident


def test_without_tiles_the_map_says_so_and_shows_the_coordinates(on_a_located_draft):
    admin, incident = on_a_located_draft
    admin.wait.until(
        ec.text_to_be_present_in_element((By.ID, "ledger-map-note"), "Map tiles unavailable")
    )
    note = admin.find("#ledger-map-note").text
    assert f"{incident.latitude}, {incident.longitude}" in note
    assert admin.driver.find_elements(By.CSS_SELECTOR, "#ledger-map path.leaflet-interactive")


def test_a_click_on_the_map_sets_the_coordinates(on_a_located_draft):
    admin, incident = on_a_located_draft
    box = admin.find("#ledger-map")
    ActionChains(admin.driver).move_to_element_with_offset(box, 60, -40).click().perform()

    latitude = float(admin.find("#id_latitude").get_attribute("value"))
    longitude = float(admin.find("#id_longitude").get_attribute("value"))
    assert (latitude, longitude) != (incident.latitude, incident.longitude)
    # Offsets are from the middle, where the point is: up and to the right is north-east.
    assert latitude > incident.latitude and longitude > incident.longitude
    assert f"{latitude}, {longitude}" in admin.find("#ledger-map-note").text


def test_the_sub_types_follow_the_type(on_a_located_draft):
    admin, _ = on_a_located_draft

    def offered() -> set[str]:
        return {
            option.get_attribute("value")
            for option in admin.driver.find_elements(By.CSS_SELECTOR, "#id_sub_type option")
            if option.get_attribute("value") and option.is_enabled()
        }

    assert offered() == set(SUB_TYPES_BY_TYPE["explosions_remote_violence"])
    admin.choose("#id_type", "battles")
    assert offered() == set(SUB_TYPES_BY_TYPE["battles"])
    # The strike's sub-type is not a battle's: cleared, not kept against the type.
    assert admin.find("#id_sub_type").get_attribute("value") == ""
