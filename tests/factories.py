import factory
from factory.django import DjangoModelFactory

from incidents.choices import (
    ActorKind,
    CasualtyCategory,
    GeoPrecision,
    IncidentStatus,
    IncidentSubType,
    IncidentType,
    Population,
    Role,
    StatementKind,
)
from incidents.models import (
    Actor,
    CasualtyReport,
    Incident,
    IncidentFact,
    Involvement,
    Statement,
    fact_values,
)
from sources.choices import SourceKind
from sources.models import Quote, Source


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    kind = SourceKind.NEWS_ARTICLE
    title = factory.Sequence(lambda n: f"Report number {n} on airstrikes")
    publisher = "Example News"
    url = factory.Sequence(lambda n: f"https://news.example.org/articles/{n}")
    language = "en"
    body = factory.Sequence(
        lambda n: (
            f"Article {n}. Witnesses said the strike hit the market at noon. "
            f"At least {n + 3} civilians were killed, the monitor said. "
            "The ministry denied any involvement."
        )
    )


class QuoteFactory(DjangoModelFactory):
    """A quote of the second sentence of its source's body, found by the model."""

    class Meta:
        model = Quote

    source = factory.SubFactory(SourceFactory)
    text = factory.LazyAttribute(lambda q: q.source.body.split(". ")[1] + ".")


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    slug = factory.Sequence(lambda n: f"actor-{n}")
    kind = ActorKind.ARMED_FORCE
    country = "RU"


class IncidentFactory(DjangoModelFactory):
    class Meta:
        model = Incident
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Airstrike on market {n}")
    slug = factory.Sequence(lambda n: f"airstrike-on-market-{n}")
    type = IncidentType.EXPLOSIONS_REMOTE_VIOLENCE
    sub_type = IncidentSubType.AIR_DRONE_STRIKE
    start_date = factory.Faker("date_between", start_date="-10y", end_date="-1d")
    country = "SY"
    admin1 = "Idlib"
    status = IncidentStatus.PUBLISHED

    class Params:
        draft = factory.Trait(status=IncidentStatus.DRAFT)
        in_review = factory.Trait(status=IncidentStatus.IN_REVIEW)
        retracted = factory.Trait(status=IncidentStatus.RETRACTED)
        located = factory.Trait(
            location_name="Ariha",
            latitude=35.8133,
            longitude=36.6092,
            geo_precision=GeoPrecision.NEAR,
        )

    @factory.post_generation
    def cited(incident, create, extracted, **kwargs):
        """Each fact with a value carries an editor's note, so that the incident can be
        published; ``cited=False`` leaves them resting on nothing."""
        if not create or extracted is False:
            return
        IncidentFact.objects.bulk_create(
            IncidentFact(incident=incident, fact=fact, note="Inferred for the test.")
            for fact in fact_values(incident)
        )


class InvolvementFactory(DjangoModelFactory):
    class Meta:
        model = Involvement

    incident = factory.SubFactory(IncidentFactory)
    actor = factory.SubFactory(ActorFactory)
    role = Role.PERPETRATOR
    quote = factory.SubFactory(QuoteFactory)


class CasualtyReportFactory(DjangoModelFactory):
    class Meta:
        model = CasualtyReport

    incident = factory.SubFactory(IncidentFactory)
    category = CasualtyCategory.KILLED
    population = Population.CIVILIANS
    min = 3
    max = 5
    reported_by = factory.SubFactory(ActorFactory, kind=ActorKind.NGO, country="")
    quote = factory.SubFactory(QuoteFactory)


class StatementFactory(DjangoModelFactory):
    class Meta:
        model = Statement
        skip_postgeneration_save = True

    speaker = factory.SubFactory(ActorFactory, kind=ActorKind.PERSON)
    quote = factory.SubFactory(QuoteFactory)
    kind = StatementKind.DENIAL

    @factory.post_generation
    def incidents(self, create, extracted, **kwargs):
        if create and extracted:
            self.incidents.set(extracted)


class IncidentFactFactory(DjangoModelFactory):
    class Meta:
        model = IncidentFact

    incident = factory.SubFactory(IncidentFactory, cited=False)
    fact = "date"
    quote = factory.SubFactory(QuoteFactory)
