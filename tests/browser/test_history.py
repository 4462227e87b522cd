"""An incident's history in a real browser: names instead of ids, and its claims' changes in
the same timeline."""

import pytest
from selenium.webdriver.common.by import By

from incidents.choices import IncidentStatus
from incidents.roles import EDITORS, REVIEWERS
from tests import factories
from tests.browser.pages import Admin, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_history_names_people_and_shows_a_claims_edit(browser, live_server):
    make_user("edna", EDITORS)
    reviewer = make_user("rhea", REVIEWERS)
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT, title="Strike on Ariha")
    involvement = factories.InvolvementFactory(incident=incident, role="perpetrator")
    incident.published_by = reviewer
    incident.save()
    admin = Admin(browser, live_server.url)
    admin.log_in("edna")

    # An edit to a claim, on the claim's own page.
    admin.open(f"/admin/incidents/involvement/{involvement.pk}/change/")
    admin.choose("#id_role", "alleged_perpetrator")
    admin.save_and_continue()
    admin.open(f"/admin/incidents/incident/{incident.pk}/history/")

    table = admin.find("#record-history").text
    assert "published_by_id" not in table
    assert "rhea" in table
    rows = browser.find_elements(By.CSS_SELECTOR, "#record-history tbody tr")
    claim_rows = [row.text for row in rows if "Perpetrator" in row.text]
    assert claim_rows, table
    assert "Alleged perpetrator" in claim_rows[0]
