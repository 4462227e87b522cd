"""An editor's refused delete names what stands in the way (issue 15, item 8), as the browser
shows it: the records that cite the evidence, each a link, and no cascade or missing right."""

import pytest
from selenium.webdriver.common.by import By

from incidents.roles import EDITORS
from sources.models import Quote
from tests import factories
from tests.browser.pages import Admin, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_deleting_a_cited_quote_names_the_claims_that_rest_on_it(browser, live_server):
    make_user("edna", EDITORS)
    involvement = factories.InvolvementFactory()
    report = factories.CasualtyReportFactory(incident=involvement.incident, quote=involvement.quote)
    quote = involvement.quote
    admin = Admin(browser, live_server.url)
    admin.log_in("edna")

    admin.open(f"/admin/sources/quote/{quote.pk}/delete/")

    page = admin.find("#content").text
    assert "would require deleting the following protected related objects" in page
    assert "doesn't have permission" not in page
    assert not browser.find_elements(By.CSS_SELECTOR, "#content input[type=submit]")
    links = {
        a.text: a.get_attribute("href")
        for a in browser.find_elements(By.CSS_SELECTOR, "#content ul a")
    }
    assert links == {
        str(involvement): f"{live_server.url}/admin/incidents/involvement/{involvement.pk}/change/",
        str(report): f"{live_server.url}/admin/incidents/casualtyreport/{report.pk}/change/",
    }
    assert Quote.objects.filter(pk=quote.pk).exists()


def test_deleting_a_source_another_cites_names_the_citing_source(browser, live_server):
    make_user("edna", EDITORS)
    report = factories.SourceFactory(title="Amnesty's report")
    article = factories.SourceFactory(title="An article on the report")
    article.cites.add(report)
    admin = Admin(browser, live_server.url)
    admin.log_in("edna")

    admin.open(f"/admin/sources/source/{report.pk}/delete/")

    items = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#content ul li")]
    assert items == ["Source: An article on the report cites “Amnesty's report”"]
    assert "doesn't have permission" not in admin.find("#content").text


def test_deleting_a_draft_names_only_the_draft_kept_and_hidden(browser, live_server):
    make_user("edna", EDITORS)
    draft = factories.IncidentFactory(draft=True, title="Draft strike")
    factories.InvolvementFactory(incident=draft)
    factories.CasualtyReportFactory(incident=draft)
    admin = Admin(browser, live_server.url)
    admin.log_in("edna")

    admin.open(f"/admin/incidents/incident/{draft.pk}/delete/")

    page = admin.find("#content").text
    assert "doesn't have permission" not in page
    assert "protected" not in page
    items = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#content ul li")]
    assert "Incident: Draft strike (kept in the database, hidden everywhere)" in items
    assert not any(item.startswith(("Involvement", "Casualty report")) for item in items)
