import pytest
from django.urls import reverse

from tests import factories
from tests.api.helpers import ids, iso

pytestmark = pytest.mark.django_db

LIST = reverse("quote-list")


def detail(pk) -> str:
    return reverse("quote-detail", kwargs={"pk": pk})


def used(**fields):
    """A quote that a published incident's claim rests on, so that it is public."""
    return factories.InvolvementFactory(quote=factories.QuoteFactory(**fields)).quote


def test_quote_detail_gives_the_words_around_it_and_its_source(api_client, ariha):
    response = api_client.get(detail(ariha.killed_quote.id))

    assert response.status_code == 200
    assert response.json() == {
        "id": ariha.killed_quote.id,
        "text": "At least 40 civilians were killed, and up to 49.",
        "start": 125,
        "end": 173,
        "context_before": (
            "On 29 November 2015 a Russian airstrike hit the market in Ariha. "
            "The Russian Aerospace Forces struck a busy market in Ariha. "
        ),
        "context_after": " Russia has not acknowledged the strike.",
        "source": {
            "id": ariha.report.id,
            "kind": "ngo_report",
            "title": "Civilian objects were not damaged",
            "publisher": "Amnesty International",
            "url": "https://www.amnesty.org/en/documents/mde24/3113/2015/en/",
            "published_on": "2015-12-23",
        },
        "created_at": iso(ariha.killed_quote.created_at),
        "updated_at": iso(ariha.killed_quote.updated_at),
    }


def test_quote_context_is_cut_to_whole_words_in_a_long_body(api_client):
    words_before = " ".join(f"before{n}" for n in range(40))
    words_after = " ".join(f"after{n}" for n in range(40))
    source = factories.SourceFactory(body=f"{words_before}. The quoted words. {words_after}")
    quote = used(source=source, text="The quoted words.")

    body = api_client.get(detail(quote.id)).json()

    before, after = body["context_before"], body["context_after"]
    assert 100 < len(before) <= 160
    assert 100 < len(after) <= 160
    assert source.body[: quote.start].endswith(before)
    assert source.body[quote.end :].startswith(after)
    assert before.startswith("before") and source.body[quote.start - len(before) - 1] == " "
    assert after.split()[-1].startswith("after")
    assert source.body[quote.end + len(after)] == " "


def test_quote_at_the_start_of_a_body_has_empty_context_before(api_client):
    source = factories.SourceFactory(body="First words. Then more.")
    quote = used(source=source, text="First words.")

    body = api_client.get(detail(quote.id)).json()

    assert body["context_before"] == ""
    assert body["context_after"] == " Then more."


def test_quote_list_is_ordered_by_source_then_position(api_client, ariha):
    assert ids(api_client.get(LIST)) == [
        ariha.strike_quote.id,
        ariha.killed_quote.id,
        ariha.denial_quote.id,
    ]


def test_quote_detail_of_an_unknown_id_is_404(api_client):
    used()

    response = api_client.get(detail(999_999))

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_quote_detail_of_a_quote_no_public_claim_rests_on_is_404(api_client):
    unused = factories.QuoteFactory()

    assert api_client.get(detail(unused.id)).status_code == 404


def test_source_filter_gives_the_quotes_of_that_source(api_client, ariha):
    response = api_client.get(LIST, {"source": ariha.report.id})

    assert ids(response) == [ariha.strike_quote.id, ariha.killed_quote.id]
    assert ids(api_client.get(LIST, {"source": 999_999})) == []


def test_q_searches_the_quoted_words(api_client, ariha):
    response = api_client.get(LIST, {"q": "civilian killed"})
    assert ids(response) == [ariha.killed_quote.id]
    response = api_client.get(LIST, {"q": "civilians OR market"})
    assert sorted(ids(response)) == sorted(
        [ariha.killed_quote.id, ariha.strike_quote.id, ariha.denial_quote.id]
    )
    assert ids(api_client.get(LIST, {"q": "zeppelin"})) == []


def test_q_keeps_the_text_order_and_ranks_on_request(api_client):
    source = factories.SourceFactory(
        body="Intro. A strike. Strike after strike after strike hit the town. End."
    )
    once = used(source=source, text="A strike.")
    thrice = used(source=source, text="Strike after strike after strike hit the town.")

    assert ids(api_client.get(LIST, {"q": "strike"})) == [once.id, thrice.id]  # in the text
    assert ids(api_client.get(LIST, {"q": "strike", "ordering": "-rank"})) == [thrice.id, once.id]
