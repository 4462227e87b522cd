"""The reviewers' queue in a real browser (issue 15, item 1): an editor's edits of a published
incident and of a published claim wait as revisions beside a new incident sent to review; the
reviewer reads each diff against the public version, accepts one, rejects the other with a
reason, and publishes the new incident. The review queue page lists both kinds; a new incident
sent back to draft with a reason reaches its editor as a draft that says why."""

import json
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from incidents.choices import IncidentStatus
from incidents.models import Incident, Involvement, Revision
from incidents.roles import EDITORS, REVIEWERS
from tests import factories
from tests.browser.pages import Admin, make_user
from tests.browser.test_fits_the_screen import SCREENS, WIDEST

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _public(live_server, incident: Incident) -> dict:
    with urllib.request.urlopen(f"{live_server.url}/api/incidents/{incident.pk}") as response:
        return json.load(response)


def _diff(admin: Admin, field: str) -> list[str]:
    row = admin.find(f"#diff tr.diff-{field}")
    return [cell.text for cell in row.find_elements(By.CSS_SELECTOR, "th, td")]


def test_a_reviewer_accepts_one_revision_rejects_another_and_publishes_a_new_incident(
    browser, live_server
):
    make_user("edna", EDITORS)
    make_user("rhea", REVIEWERS)
    published = factories.IncidentFactory(title="Strike on the market")
    claim = factories.InvolvementFactory(incident=published, role="perpetrator")
    new = factories.IncidentFactory(in_review=True, title="Shelling of the bakery")
    factories.InvolvementFactory(incident=new)
    admin = Admin(browser, live_server.url)

    # The editor's edits of public records wait for review.
    admin.log_in("edna")
    admin.open(f"/admin/incidents/incident/{published.pk}/change/")
    admin.type("#id_title", "Strike on the busy market")
    admin.submit("input[name=_continue]")
    admin.open(f"/admin/incidents/involvement/{claim.pk}/change/")
    admin.choose("#id_role", "victim")
    admin.submit("input[name=_continue]")
    title_edit = Revision.objects.get(resource="incidents")
    role_edit = Revision.objects.get(resource="involvements")
    assert _public(live_server, published)["title"] == "Strike on the market"

    # The reviewer's queue: both revisions, and the new incident among those in review.
    admin.log_in("rhea")
    admin.open("/admin/incidents/revision/?status__exact=pending")
    queue = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#result_list tbody th a")]
    assert sorted(queue) == sorted([str(title_edit), str(role_edit)])
    admin.open("/admin/incidents/incident/?status__exact=in_review")
    in_review = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#result_list tbody th a")]
    assert in_review == ["Shelling of the bakery"]

    # Each with its diff against the public version: one accepted ...
    admin.open("/admin/incidents/revision/?status__exact=pending")
    admin.submit(f'#result_list a[href*="/revision/{title_edit.pk}/"]')
    assert _diff(admin, "title") == ["title", "Strike on the market", "Strike on the busy market"]
    admin.submit("#revision-accept input[type=submit]")
    assert admin.success() == f"Revision {title_edit.pk} accepted."
    assert not browser.find_elements(By.CSS_SELECTOR, "#decide")
    assert _public(live_server, published)["title"] == "Strike on the busy market"

    # ... the other rejected, saying why.
    admin.open(f"/admin/incidents/revision/{role_edit.pk}/change/")
    assert _diff(admin, "role") == ["role", "perpetrator", "victim"]
    # The link to the public record reads on the module's header (not link-blue on blue).
    record = admin.find("#diff h2 a")
    assert record.get_attribute("href").endswith(f"/admin/incidents/involvement/{claim.pk}/change/")
    assert record.value_of_css_property("color") == admin.find("#diff h2").value_of_css_property(
        "color"
    )
    admin.type("#revision-reject input[name=reason]", "The quote names them as the attackers")
    admin.submit("#revision-reject input[type=submit]")
    assert admin.success() == f"Revision {role_edit.pk} rejected."
    page = admin.find("#content").text
    assert "The quote names them as the attackers" in page
    role_edit.refresh_from_db()
    assert (role_edit.status, role_edit.decided_by.username) == ("rejected", "rhea")
    assert Involvement.objects.get(pk=claim.pk).role == "perpetrator"
    assert [i["role"] for i in _public(live_server, published)["involvements"]] == ["perpetrator"]

    # The new incident, read on its page, published.
    admin.open(f"/admin/incidents/incident/{new.pk}/change/")
    admin.submit("#workflow-publish button")
    assert admin.success() == "“Shelling of the bakery” was saved and published."
    assert Incident.objects.get(pk=new.pk).status == IncidentStatus.PUBLISHED


def test_a_reviewer_sends_a_new_incident_back_from_the_queue_and_its_editor_reads_why(
    browser, live_server
):
    make_user("edna", EDITORS)
    make_user("rhea", REVIEWERS)
    published = factories.IncidentFactory(title="Strike on the market")
    new = factories.IncidentFactory(in_review=True, title="Shelling of the bakery")
    admin = Admin(browser, live_server.url)

    admin.log_in("edna")
    admin.open(f"/admin/incidents/incident/{published.pk}/change/")
    admin.type("#id_title", "Strike on the busy market")
    admin.submit("input[name=_continue]")
    edit = Revision.objects.get(resource="incidents")

    # The queue, from the admin's index: the new incident first, then the revision.
    admin.log_in("rhea")
    admin.submit("#review-queue h2 a")
    rows = [row.text for row in browser.find_elements(By.CSS_SELECTOR, "#content-main tbody tr")]
    assert rows[0].startswith("Shelling of the bakery new incident: no public version")
    assert rows[1].startswith(f"{edit} diff against the public version")

    # Sent back, saying why, from the incident's page (its two moves fit a small screen).
    admin.submit("#queue-incidents tbody th a")
    browser.set_window_size(*SCREENS[0])
    assert browser.execute_script(WIDEST) <= 0
    admin.type("#workflow-return input[name=workflow_reason_return]", "Which bakery? Cite it")
    admin.submit("#workflow-return button")
    assert admin.success() == "“Shelling of the bakery” was saved and sent back to draft."
    assert Incident.objects.get(pk=new.pk).status == IncidentStatus.DRAFT
    admin.open("/admin/incidents/revision/queue/")
    assert admin.find("#queue-incidents tbody").text == "None."

    # Its editor finds a draft that says why, and can send it to review again.
    admin.log_in("edna")
    admin.open(f"/admin/incidents/incident/{new.pk}/change/")
    assert admin.find("#workflow h2").text == "Workflow: Draft"
    assert "Which bakery? Cite it" in admin.find("#workflow-returned").text
    assert admin.find("#workflow-submit button").text == "Save and send to review"
