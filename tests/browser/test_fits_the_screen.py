"""Every admin page fits the screen (issue 15, item 2): nothing scrolls sideways at 1366×768
or 1920×1080, claim rows wrap, and a list shows at least ten records a screen."""

import pytest
from django.core.management import call_command

from incidents.models import Actor, CasualtyReport, Incident, Involvement, Statement
from incidents.roles import REVIEWERS
from sources.models import Quote, Source
from tests.browser.pages import Admin, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = [(1366, 768), (1920, 1080)]
# The page, and a list's table (Django lets it scroll inside its box): the widest of them.
WIDEST = """
const boxes = [document.documentElement, ...document.querySelectorAll('#changelist .results')];
return boxes.map(box => box.scrollWidth - box.clientWidth).reduce((a, b) => Math.max(a, b));
"""
ROWS_IN_VIEW = """
const rows = Array.from(document.querySelectorAll('#result_list tbody tr'));
return rows.filter(row => row.getBoundingClientRect().bottom <= window.innerHeight).length;
"""


def _pages() -> list[str]:
    incident = Incident.objects.get(slug="ariha-marketplace-missile-strike-2015")
    pages = ["/admin/", "/admin/incidents/incident/"]
    for model in (Incident, Actor, Involvement, CasualtyReport, Statement, Source, Quote):
        opts = model._meta
        record = incident if model is Incident else model.objects.order_by("pk").first()
        pages.append(f"/admin/{opts.app_label}/{opts.model_name}/")
        pages.append(f"/admin/{opts.app_label}/{opts.model_name}/{record.pk}/change/")
    pages.append(f"/admin/incidents/incident/{incident.pk}/history/")
    pages.append("/admin/incidents/incident/add/")
    pages.append("/admin/incidents/revision/queue/")
    return pages


@pytest.fixture
def reviewer_on_the_seed(browser, live_server):
    call_command("load_seed", verbosity=0)
    make_user("rhea", REVIEWERS)
    admin = Admin(browser, live_server.url)
    admin.log_in("rhea")
    return admin


@pytest.mark.parametrize("width,height", SCREENS)
def test_no_admin_page_scrolls_sideways(reviewer_on_the_seed, width, height):
    admin = reviewer_on_the_seed
    admin.driver.set_window_size(width, height)
    too_wide = {}
    for path in _pages():
        admin.open(path)
        admin.find("#content")
        overflow = admin.driver.execute_script(WIDEST)
        if overflow > 0:
            too_wide[path] = overflow
    assert too_wide == {}, f"wider than {width} px"


def test_lists_show_at_least_ten_records_a_screen(reviewer_on_the_seed):
    admin = reviewer_on_the_seed
    admin.driver.set_window_size(1366, 768)
    short = {}
    for model in (Incident, Actor, Involvement, CasualtyReport, Statement, Source, Quote):
        path = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        admin.open(path)
        admin.find("#result_list")
        listed = len(admin.driver.find_elements("css selector", "#result_list tbody tr"))
        in_view = admin.driver.execute_script(ROWS_IN_VIEW)
        if in_view < min(10, listed):
            short[path] = in_view
    assert short == {}
