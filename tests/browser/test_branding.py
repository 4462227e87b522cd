"""The admin is the ledger's, in a real browser: its name in the header, and a lockout page in
its style that says when to retry."""

import pytest

from incidents.roles import EDITORS
from tests.browser.pages import Admin, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_header_says_incident_ledger(browser, live_server):
    make_user("edna", EDITORS)
    admin = Admin(browser, live_server.url)
    admin.log_in("edna")

    assert admin.find("#site-name").text == "Incident Ledger"
    assert "Incident Ledger" in browser.title


def test_a_locked_out_login_shows_the_styled_page_saying_when_to_retry(
    browser, live_server, settings
):
    make_user("edna", EDITORS)
    admin = Admin(browser, live_server.url)
    admin.open("/admin/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        admin.type("#id_username", "edna")
        admin.type("#id_password", "not the password")
        admin.submit("input[type=submit]")

    page = admin.find("#content-main.lockout").text
    assert "Too many failed logins for edna" in page
    assert "Logins are locked until" in page and "UTC" in page
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"in {minutes} minutes" in page
    assert admin.find("#site-name").text == "Incident Ledger"
    # Styled by the admin's own stylesheet.
    assert (
        browser.execute_script("return getComputedStyle(document.querySelector('#header')).display")
        != "inline"
    )
