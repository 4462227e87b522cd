"""The quote picker's script in a real browser: selections and pasted words become offsets
as Python counts them (code points), whatever the body holds."""

import pytest
from selenium.webdriver.common.by import By

from incidents.roles import EDITORS
from sources.models import Quote, Source
from tests.browser.pages import SELECT_IN_BODY, Admin, make_user

# A character outside the Basic Multilingual Plane (two UTF-16 units, one code point), a CRLF
# line break and words that occur twice: each would shift a naively counted offset.
BODY = "Witnesses 🙂 said:\r\nthe market was hit.\r\nLater, the market was hit again."
TWICE = "the market was hit"

# Where the second occurrence of some words starts and ends, in the units the page counts.
SECOND = """
const [words] = arguments;
const body = document.querySelector('.quote-picker-body').textContent;
const from = body.indexOf(words, body.indexOf(words) + 1);
return [from, from + words.length];
"""


def _select_second(browser, words: str) -> None:
    browser.execute_script(SELECT_IN_BODY, *browser.execute_script(SECOND, words))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_selected_and_pasted_words_get_python_offsets(browser, live_server):
    make_user("edna", EDITORS)
    source = Source.objects.create(kind="news_article", title="Ariha", body=BODY)
    second = BODY.index(TWICE, BODY.index(TWICE) + 1)
    admin = Admin(browser, live_server.url)
    admin.log_in("edna")
    admin.open(f"/admin/sources/source/{source.pk}/change/")

    admin.find(".quote-picker-body")
    assert (
        browser.execute_script("return document.querySelector('.quote-picker-body').textContent")
        == BODY
    )
    _select_second(browser, TWICE)
    selected = (
        admin.find("#id_quotes-0-text").get_attribute("value"),
        admin.find("#id_quotes-0-start").get_attribute("value"),
    )

    admin.click("#quotes-group .add-row a")
    admin.type("#id_quotes-1-text", "said:\nthe market")
    found_once = admin.find("#id_quotes-1-start").get_attribute("value")
    admin.click("#quotes-group .add-row a")
    admin.type("#id_quotes-2-text", "market was hit")
    hint = admin.find("#quotes-2 .quote-picker-hint").text
    choices = browser.find_elements(By.CSS_SELECTOR, "#quotes-2 .quote-picker-hint button")
    offered = [choice.text for choice in choices]
    choices[0].click()
    chosen = admin.find("#id_quotes-2-start").get_attribute("value")
    admin.save_and_continue()

    assert selected == (TWICE, str(second))
    assert found_once == str(BODY.index("said:"))
    assert hint.startswith("These words occur 2 times; choose one:")
    assert offered == [
        f"at {BODY.index('market was hit')}",
        f"at {BODY.index('market was hit', second)}",
    ]
    assert chosen == str(BODY.index("market was hit"))
    spans = {q.text: (q.start, q.end) for q in Quote.objects.filter(source=source)}
    assert spans == {
        TWICE: (second, second + len(TWICE)),
        "said:\r\nthe market": (BODY.index("said:"), BODY.index("said:") + 17),
        "market was hit": (BODY.index("market was hit"), BODY.index("market was hit") + 14),
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_quote_form_shows_the_chosen_sources_body_to_select_from(browser, live_server):
    make_user("edna", EDITORS)
    source = Source.objects.create(kind="news_article", title="Ariha report", body=BODY)
    second = BODY.index(TWICE, BODY.index(TWICE) + 1)
    admin = Admin(browser, live_server.url)
    admin.log_in("edna")

    admin.open("/admin/sources/quote/add/")
    admin.autocomplete(".field-source", "Ariha", "Ariha report")
    admin.wait.until(
        lambda driver: (
            driver.execute_script("return document.querySelector('.quote-picker-body').textContent")
            == BODY
        )
    )
    _select_second(browser, TWICE)
    admin.save_and_continue()

    quote = Quote.objects.get(source=source)
    assert (quote.text, quote.start, quote.end) == (TWICE, second, second + len(TWICE))
    assert admin.find(".quote-picker-body mark.current").text == TWICE
