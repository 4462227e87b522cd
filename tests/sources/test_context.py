"""The words around a quote: the same in every representation of it, whether cut in SQL (lists
and details) or in Python (a write's answer)."""

import pytest
from django.urls import reverse

from incidents.models import Involvement
from sources.context import CONTEXT_CHARS, context_annotations, words_around
from sources.models import Quote
from tests import factories

pytestmark = pytest.mark.django_db

# Long, with words of several lengths and characters outside ASCII: offsets count characters.
WORDS = ["Łódź", "strike", "a", "market", "déjà", "vu", "civilians", "killed", "—", "noon"]
BODY = " ".join(WORDS[i % len(WORDS)] + str(i) for i in range(200))


def quotes_at(source, spans):
    return [
        Quote.objects.create(source=source, text=BODY[start:end], start=start)
        for start, end in spans
    ]


def test_sql_and_python_cut_the_same_words_anywhere_in_a_body():
    source = factories.SourceFactory(body=BODY)
    spans = [(0, 5), (3, 20), (150, 170), (159, 165), (161, 170), (600, 640)]
    spans += [(len(BODY) - 20, len(BODY)), (len(BODY) - 180, len(BODY) - 170)]
    quotes_at(source, spans)

    cut_in_sql = Quote.objects.filter(source=source).annotate(**context_annotations())
    for quote in cut_in_sql.order_by("start"):
        in_python = Quote.objects.select_related("source").get(pk=quote.pk)
        before, after = words_around(quote)
        assert (before, after) == words_around(in_python), quote.start
        assert BODY[quote.start - len(before) : quote.start] == before
        assert BODY[quote.end : quote.end + len(after)] == after
        assert len(before) <= CONTEXT_CHARS and len(after) <= CONTEXT_CHARS
        # Whole words: cut at a space unless the body starts or ends there.
        if quote.start > CONTEXT_CHARS:
            assert BODY[quote.start - len(before) - 1] == " "
        if quote.end + CONTEXT_CHARS < len(BODY):
            assert BODY[quote.end + len(after)] == " "


def test_every_representation_of_a_quote_gives_the_same_words_around_it(api_client):
    source = factories.SourceFactory(body=BODY)
    (quote,) = quotes_at(source, [(600, 640)])
    involvement = factories.InvolvementFactory(quote=quote)
    factories.CasualtyReportFactory(incident=involvement.incident, quote=quote)
    factories.StatementFactory(incidents=[involvement.incident], quote=quote)
    expected = api_client.get(reverse("quote-detail", kwargs={"pk": quote.pk})).json()
    context = {key: expected[key] for key in ("context_before", "context_after")}
    assert context["context_before"] and context["context_after"]

    incident = api_client.get(
        reverse("incident-detail", kwargs={"id_or_slug": involvement.incident.slug})
    ).json()
    embedded = [
        incident["involvements"][0]["quote"],
        incident["casualty_reports"][0]["quote"],
        incident["statements"][0]["quote"],
    ]
    for resource in ("involvement", "casualty-report", "statement"):
        page = api_client.get(reverse(f"{resource}-list")).json()
        embedded.append(page["results"][0]["quote"])
    source_detail = api_client.get(reverse("source-detail", kwargs={"pk": source.pk})).json()
    embedded.append(source_detail["quotes"][0])
    for shown in embedded:
        assert {key: shown[key] for key in context} == context, shown


def test_claims_fetch_the_words_around_their_quotes_not_the_bodies():
    source = factories.SourceFactory(body=BODY)
    (quote,) = quotes_at(source, [(600, 640)])
    factories.InvolvementFactory(quote=quote)

    involvement = Involvement.objects.select_related("quote__source").with_quote_context().get()

    assert "body" in involvement.quote.source.get_deferred_fields()
