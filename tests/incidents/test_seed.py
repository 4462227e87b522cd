from pathlib import Path

import pytest
from django.db.models import Max

from incidents.models import Actor, CasualtyReport, Incident, Involvement, Statement
from incidents.seed.loader import SEED_DIR, load_seed
from sources.models import Quote, Source

pytestmark = pytest.mark.django_db

SHARED_SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture
def seeded():
    return load_seed()


def _snapshot():
    models = [Source, Quote, Actor, Incident, Involvement, CasualtyReport, Statement]
    return {
        model.__name__: (model.objects.count(), model.objects.aggregate(m=Max("updated_at"))["m"])
        for model in models
    } | {
        "cites": Source.cites.through.objects.count(),
        "statement incidents": Statement.incidents.through.objects.count(),
    }


def test_load_seed_a_second_time_changes_nothing(seeded):
    before = _snapshot()
    again = load_seed()
    assert not again.changed
    assert _snapshot() == before
    assert sum(again.unchanged.values()) == sum(seeded.created.values())


def test_the_articles_are_stored_exactly_as_the_files():
    load_seed()
    for path in (SEED_DIR / "articles").iterdir():
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        assert Source.objects.filter(body=text).count() == 1, path.name


@pytest.mark.skipif(
    not SHARED_SEEDS.is_dir(), reason="the shared seed folder is not beside the checkout"
)
def test_the_shipped_articles_are_the_shared_seed_files_byte_for_byte():
    shipped = sorted(p.read_bytes() for p in (SEED_DIR / "articles").iterdir())
    assert shipped == sorted(p.read_bytes() for p in SHARED_SEEDS.glob("*.txt"))


def test_every_seed_quote_is_verbatim_in_its_article(seeded):
    assert Quote.objects.count() > 20
    for quote in Quote.objects.select_related("source"):
        assert quote.source.body[quote.start : quote.end] == quote.text


def test_every_seed_claim_rests_on_a_quote(seeded):
    for model in (Involvement, CasualtyReport, Statement):
        assert model.objects.exists()
        assert not model.objects.filter(quote__isnull=True).exists(), model.__name__


def test_the_articles_cite_amnesty_internationals_report(seeded):
    amnesty = Source.objects.get(publisher="Amnesty International")
    assert amnesty.kind == "ngo_report"
    articles = Source.objects.exclude(body="")
    assert set(articles) <= set(amnesty.cited_by.all())


def test_the_49_dead_market_strike_is_a_russia_incident(seeded):
    report = CasualtyReport.objects.get(min=49, category="killed", population="civilians")
    assert "49 civilians were killed" in report.quote.text
    russia = Actor.objects.matching("russia")
    strike = report.incident
    assert strike.involvements.filter(actor__in=russia).exists()
    assert strike.parent.involvements.filter(actor__slug="russia", role="perpetrator").exists()
    assert strike.status == "published"


def test_peskovs_denial_is_a_statement(seeded):
    statement = Statement.objects.get(speaker__slug="dmitry-peskov")
    assert statement.kind == "denial"
    assert statement.quote.text.startswith(
        "Russia is conducting its operation in strict conformity"
    )
    assert statement.speaker in Actor.objects.matching("Kremlin")


def test_the_alloush_attribution_keeps_both_sides_each_with_its_quote(seeded):
    incident = Incident.objects.get(title__icontains="Alloush")
    alleged = incident.involvements.filter(role="alleged_perpetrator").select_related("quote")
    by_side = {
        side: [i for i in alleged if i.actor in Actor.objects.matching(side)]
        for side in ("russia", "syria")
    }
    assert len(by_side["russia"]) == 1 and len(by_side["syria"]) == 1
    russia_quote, syria_quote = by_side["russia"][0].quote, by_side["syria"][0].quote
    assert "blamed Russia" in russia_quote.text
    assert "The Syrian regime said it carried out the killing" in syria_quote.text


def test_amnestys_figure_of_at_least_200_is_a_lower_bound(seeded):
    report = CasualtyReport.objects.get(reported_by__slug="amnesty-international", min=200)
    assert report.max is None
    assert report.incident.civilian_deaths_min == 200
