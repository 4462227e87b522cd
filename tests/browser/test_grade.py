"""A reviewer grades an incident from its page in a real browser (issue 13, item 2)."""

import pytest

from incidents.models import Incident
from incidents.roles import REVIEWERS
from tests import factories
from tests.browser.pages import Admin, make_user


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reviewer_grades_from_the_incident_page(browser, live_server, tmp_path):
    make_user("rhea", REVIEWERS)
    incident = factories.IncidentFactory()
    factories.InvolvementFactory(incident=incident)
    admin = Admin(browser, live_server.url)
    admin.log_in("rhea")

    admin.open(f"/admin/incidents/incident/{incident.pk}/change/")
    assert "Weak: a single source's claim" in admin.find("#grade-suggested").text
    admin.choose("#id_grade_civilian_harm", "weak")
    admin.choose("#id_grade_attribution", "single")
    # The reason is required in the page too: without one the browser does not post.
    assert admin.find("#id_grade_reason").get_attribute("required") is not None
    admin.type("#id_grade_reason", "one NGO report, the perpetrator named by it")
    browser.save_screenshot(str(tmp_path / "grade.png"))
    admin.submit("#grade-form input[name=_grade]")

    assert "was graded: civilian harm weak, attribution single" in admin.success()
    graded = Incident.objects.get(pk=incident.pk)
    assert (graded.civilian_harm_grade, graded.attribution_grade) == ("weak", "single")
    assert "Weak: a single source's claim" in admin.find("#grade-current-civilian-harm").text
