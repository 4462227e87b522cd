"""The admin's main pages at 1366×768, as the README shows them (docs/screenshots/).

Run with ``LEDGER_SCREENSHOTS=docs/screenshots`` to refresh the committed pictures; otherwise
they go to a temporary folder. Each page is checked as it is taken: it loaded, fits the width,
and shows what the README says it shows.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from incidents.models import Incident
from incidents.roles import REVIEWERS
from tests.browser.pages import Admin, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pages(incident: Incident) -> dict[str, tuple[str, str]]:
    """File name → (path, a text the page must show)."""
    return {
        "incident-list": ("/admin/incidents/incident/?actor=russia", "Select incident to change"),
        "incident-page": (f"/admin/incidents/incident/{incident.pk}/change/", "Workflow"),
        "claim-from-text": (
            f"/admin/incidents/incident/{incident.pk}/change/#claim-from-text-panel",
            "A claim from the text",
        ),
        "incident-history": (f"/admin/incidents/incident/{incident.pk}/history/", "History"),
        "quote-list": ("/admin/sources/quote/", "Select quote to change"),
    }


def test_the_main_pages_at_1366_by_768(browser, live_server, tmp_path, settings):
    settings.MAP_TILE_URL = ""  # no tiles from outside in a picture made in CI
    folder = Path(os.environ.get("LEDGER_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    call_command("load_seed", verbosity=0)
    make_user("rhea", REVIEWERS)
    admin = Admin(browser, live_server.url)
    admin.log_in("rhea")
    browser.set_window_size(1366, 768)
    incident = Incident.objects.get(slug="ariha-marketplace-missile-strike-2015")
    for name, (path, shown) in _pages(incident).items():
        admin.open(path)
        assert shown in admin.find("#content").text, name
        width, client = browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert width <= client, name
        assert browser.save_screenshot(str(folder / f"{name}.png")), name
