import pytest
from django.urls import reverse

from sources.models import Quote
from tests import factories
from tests.admin.helpers import form_data, messages_of

BODY = (
    "The strike hit the market at noon.\n"
    "Witnesses said the strike hit the market twice.\n"
    "At least 40 civilians were killed."
)


@pytest.fixture
def source(db):
    return factories.SourceFactory(body=BODY)


def _source_page(client, source):
    return client.get(reverse("admin:sources_source_change", args=[source.pk]))


def _add_quote_on_source_page(client, source, text: str, start: str = ""):
    """Submit the source's page with one new quote row, as the picker leaves it."""
    page = _source_page(client, source)
    index = page.context["inline_admin_formsets"][0].formset.total_form_count()
    data = form_data(page, **{"quotes-TOTAL_FORMS": str(index + 1)})
    data.update({f"quotes-{index}-text": text, f"quotes-{index}-start": start})
    return client.post(reverse("admin:sources_source_change", args=[source.pk]), data)


def _inline_errors(response) -> list[str]:
    return [
        str(error)
        for inline in response.context["inline_admin_formsets"]
        for form in inline.formset.forms
        for errors in form.errors.values()
        for error in errors
    ]


def test_pasted_words_become_a_quote_with_their_offsets_found(editor_client, source):
    response = _add_quote_on_source_page(
        editor_client, source, "At least 40 civilians were killed."
    )

    assert response.status_code == 302
    quote = Quote.objects.get(source=source)
    assert (quote.start, quote.end) == (BODY.index("At least"), len(BODY))
    assert BODY[quote.start : quote.end] == quote.text


def test_words_that_occur_twice_need_the_start_the_picker_fills(editor_client, source):
    ambiguous = _add_quote_on_source_page(editor_client, source, "strike hit the market")
    second = BODY.index("strike hit the market", 5)
    chosen = _add_quote_on_source_page(
        editor_client, source, "strike hit the market", start=str(second)
    )

    assert ambiguous.status_code == 200
    assert _inline_errors(ambiguous) == [
        f"This text occurs 2 times in the body of source {source.pk}; give the start offset "
        "of the one you mean."
    ]
    assert chosen.status_code == 302
    assert Quote.objects.get(source=source).start == second


def test_words_not_in_the_body_are_refused_with_the_models_message(editor_client, source):
    response = _add_quote_on_source_page(
        editor_client, source, "At least 50 civilians were killed."
    )

    assert response.status_code == 200
    assert _inline_errors(response) == [
        f"This text does not occur in the body of source {source.pk}."
    ]
    assert not Quote.objects.exists()


def test_a_start_that_does_not_match_the_words_is_refused(editor_client, source):
    response = _add_quote_on_source_page(editor_client, source, "At least 40", start="3")

    assert response.status_code == 200
    [error] = _inline_errors(response)
    assert error.startswith(f"Not verbatim: body[3:14] of source {source.pk} is not this text.")
    assert not Quote.objects.exists()


def test_line_breaks_sent_by_the_browser_as_crlf_still_match_the_body(editor_client, source):
    response = _add_quote_on_source_page(editor_client, source, "market at noon.\r\nWitnesses said")

    assert response.status_code == 302
    assert Quote.objects.get(source=source).text == "market at noon.\nWitnesses said"


def test_saving_a_quoted_source_unchanged_keeps_its_body_and_quotes(editor_client, source):
    factories.QuoteFactory(source=source, text="At least 40 civilians were killed.")
    page = _source_page(editor_client, source)
    data = form_data(page)
    data["body"] = data["body"].replace("\n", "\r\n")  # as a browser sends a textarea

    response = editor_client.post(reverse("admin:sources_source_change", args=[source.pk]), data)

    assert response.status_code == 302
    source.refresh_from_db()
    assert source.body == BODY


def test_a_span_already_quoted_is_refused_without_a_server_error(editor_client, source):
    factories.QuoteFactory(source=source, text="At least 40 civilians were killed.")

    response = editor_client.post(
        reverse("admin:sources_quote_add"),
        {"source": source.pk, "text": "At least 40 civilians were killed.", "start": ""},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Quote with this Source, Start and End already exists."
    ]


def test_the_quote_form_finds_offsets_from_pasted_words(editor_client, source):
    response = editor_client.post(
        reverse("admin:sources_quote_add"),
        {"source": source.pk, "text": "Witnesses said", "start": "", "change_reason": ""},
    )

    assert response.status_code == 302
    quote = Quote.objects.get()
    assert (quote.start, quote.end) == (BODY.index("Witnesses"), BODY.index("Witnesses") + 14)


def test_changing_a_quotes_words_finds_them_again(editor_client, source):
    quote = factories.QuoteFactory(source=source, text="Witnesses said")
    page = editor_client.get(reverse("admin:sources_quote_change", args=[quote.pk]))

    response = editor_client.post(
        reverse("admin:sources_quote_change", args=[quote.pk]),
        form_data(page, text="At least 40 civilians"),
    )

    assert response.status_code == 302
    quote.refresh_from_db()
    assert (quote.start, quote.end) == (BODY.index("At least"), BODY.index("At least") + 21)


def test_the_quote_page_shows_the_quote_highlighted_in_the_body(editor_client, source):
    quote = factories.QuoteFactory(source=source, text="Witnesses said")

    page = editor_client.get(
        reverse("admin:sources_quote_change", args=[quote.pk])
    ).content.decode()

    assert (
        f'market at noon.\n<mark class="quote current" data-quotes="{quote.pk}" '
        f'title="quote {quote.pk}">Witnesses said</mark> the strike'
    ) in page
    assert 'src="/static/sources/quote_picker.js"' in page


def test_the_source_page_shows_its_quotes_highlighted_in_the_body_and_the_list(
    editor_client, source
):
    first = factories.QuoteFactory(source=source, text="the strike hit the market twice")
    overlapping = factories.QuoteFactory(source=source, text="market twice.\nAt least")

    page = _source_page(editor_client, source).content.decode()

    assert f'<mark class="quote" data-quotes="{first.pk}"' in page
    assert f'<mark class="quote" data-quotes="{first.pk} {overlapping.pk}"' in page
    assert '<span class="quote-context">' in page
    assert '<mark class="quote current">the strike hit the market twice</mark>' in page


def test_a_carriage_return_in_the_body_survives_html_parsing(editor_client):
    source = factories.SourceFactory(body="First line.\r\nSecond line.")

    page = _source_page(editor_client, source).content.decode()

    assert "First line.&#13;\nSecond line." in page


def test_the_picker_loads_a_chosen_sources_body(editor_client, source):
    quote = factories.QuoteFactory(source=source, text="Witnesses said")

    response = editor_client.get(reverse("admin:sources_quote_source_body"), {"source": source.pk})

    assert response.json() == {
        "id": source.pk,
        "body": BODY,
        "quotes": [[quote.pk, quote.start, quote.end]],
    }


@pytest.mark.parametrize("value", ["²", "x", "-1", "9" * 30])
def test_a_source_that_is_no_id_is_not_found_not_a_server_error(editor_client, value):
    # "²" is a digit to str.isdigit(), not to int().
    url = reverse("admin:sources_quote_source_body")
    assert editor_client.get(url, {"source": value}).status_code == 404


@pytest.mark.parametrize("value", ["²", "x"])
def test_an_add_page_given_a_related_id_that_is_no_id_starts_empty(editor_client, value):
    page = editor_client.get(reverse("admin:sources_quote_add"), {"source": value})
    assert page.status_code == 200
    claim = editor_client.get(reverse("admin:incidents_involvement_add"), {"actor": value})
    assert claim.status_code == 200
    source = factories.SourceFactory()
    chosen = editor_client.get(reverse("admin:sources_quote_add"), {"source": source.pk})
    assert chosen.context["adminform"].form.initial["source"] == str(source.pk)


def test_a_change_the_database_refuses_is_reported_not_a_server_error(editor_client, source):
    page = _source_page(editor_client, source)
    data = form_data(page, **{"quotes-TOTAL_FORMS": "2"})
    for index in range(2):  # the same span twice: only the database sees both
        data.update({f"quotes-{index}-text": "Witnesses said", f"quotes-{index}-start": ""})

    response = editor_client.post(
        reverse("admin:sources_source_change", args=[source.pk]), data, follow=True
    )

    [message] = messages_of(response)
    assert message.startswith("The database refused this change, so nothing was saved: ")
    assert "sources_quote_unique_span" in message
    assert not Quote.objects.exists()
