"""No edit is lost to a button or a link (issue 15, item 1), in a real browser."""

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec

from incidents.choices import IncidentStatus
from incidents.models import Incident
from incidents.roles import EDITORS
from tests import factories
from tests.browser.pages import Admin, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _editor_on_a_draft(browser, live_server) -> tuple[Admin, Incident]:
    make_user("edna", EDITORS)
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT, title="Strike")
    admin = Admin(browser, live_server.url)
    admin.log_in("edna")
    admin.open(f"/admin/incidents/incident/{incident.pk}/change/")
    admin.find("form[data-ledger-unsaved-warning=on]")
    return admin, incident


def test_send_to_review_saves_what_was_typed_first(browser, live_server):
    admin, incident = _editor_on_a_draft(browser, live_server)
    admin.type("#id_title", "Market strike in Ariha")

    admin.submit("#workflow-submit button")

    assert admin.success() == "“Market strike in Ariha” was saved and sent to review."
    incident.refresh_from_db()
    assert (incident.title, incident.status) == ("Market strike in Ariha", IncidentStatus.IN_REVIEW)


def test_enter_in_a_field_saves_and_does_not_send_to_review(browser, live_server):
    admin, incident = _editor_on_a_draft(browser, live_server)
    field = admin.find("#id_title")
    field.clear()
    field.send_keys("Strike on the market")
    page = admin.find("html")
    field.send_keys(Keys.ENTER)
    admin.wait.until(ec.staleness_of(page))

    admin.find(".messagelist .success")
    incident.refresh_from_db()
    assert (incident.title, incident.status) == ("Strike on the market", IncidentStatus.DRAFT)


# WebDriver accepts a "leave this page?" prompt by itself (the W3C specification's rule for
# beforeunload prompts), so these ask the page's own handler whether it would prompt.
WOULD_ASK = """
const event = new Event("beforeunload", {cancelable: true});
window.dispatchEvent(event);
return event.defaultPrevented;
"""


def test_leaving_a_page_with_unsaved_edits_asks_first(browser, live_server):
    admin, incident = _editor_on_a_draft(browser, live_server)
    assert browser.execute_script(WOULD_ASK) is False

    admin.type("#id_summary", "Witnesses describe two strikes.")
    assert browser.execute_script(WOULD_ASK) is True

    admin.type("#id_summary", "")  # back as it was
    assert browser.execute_script(WOULD_ASK) is False

    admin.choose("#id_date_precision", "month")
    assert browser.execute_script(WOULD_ASK) is True


def test_an_empty_claim_row_is_not_an_edit_and_saving_leaves_without_asking(browser, live_server):
    admin, incident = _editor_on_a_draft(browser, live_server)
    admin.click("#involvements-group .add-row a")
    assert browser.execute_script(WOULD_ASK) is False
    admin.choose("#id_involvements-0-role", "target")  # now the new row holds an edit
    assert browser.execute_script(WOULD_ASK) is True

    admin.type("#id_title", "Market strike")
    browser.execute_script(
        "document.getElementById('incident_form').dispatchEvent(new Event('submit'));"
    )
    assert browser.execute_script(WOULD_ASK) is False
