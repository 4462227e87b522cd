"""The incidents app's models, one module a concept; everything is importable from here, as
migrations and the rest of the code expect."""

from ..choices import RevisionOperation, RevisionStatus
from .actors import (
    ACTOR_NAMES_FUNCTION,
    ACTOR_TREE_CTE,
    PUBLIC_ACTORS_SQL,
    PUBLISHED_INCIDENT,
    Actor,
    ActorQuerySet,
    actor_needles,
)
from .base import MAX_COUNT, SoftDeletable, country_code
from .claims import (
    CasualtyReport,
    ClaimQuerySet,
    Involvement,
    Statement,
    StatementQuerySet,
    involved_actors,
)
from .clients import ApiClient
from .facts import FIGURES, IncidentFact, counted_figures, fact_values
from .feed import Change, ChangeAction, ChangeMark, FeedState
from .history import HistoryEvent
from .incidents import Incident, IncidentAlias, IncidentQuerySet, published_incident
from .links import IncidentActor
from .rendered import RenderedIncident, RenderedRecord
from .review import ImportBatch, Revision
from .trees import ActorTree, TreeCount, TreeLink

__all__ = [
    "ACTOR_NAMES_FUNCTION",
    "ACTOR_TREE_CTE",
    "MAX_COUNT",
    "PUBLIC_ACTORS_SQL",
    "PUBLISHED_INCIDENT",
    "Actor",
    "ActorQuerySet",
    "ActorTree",
    "ApiClient",
    "CasualtyReport",
    "Change",
    "ChangeAction",
    "ChangeMark",
    "ClaimQuerySet",
    "FIGURES",
    "FeedState",
    "HistoryEvent",
    "Incident",
    "IncidentActor",
    "IncidentAlias",
    "IncidentFact",
    "IncidentQuerySet",
    "Involvement",
    "RenderedIncident",
    "RenderedRecord",
    "SoftDeletable",
    "Statement",
    "StatementQuerySet",
    "TreeCount",
    "TreeLink",
    "actor_needles",
    "counted_figures",
    "country_code",
    "fact_values",
    "involved_actors",
    "published_incident",
    "ImportBatch",
    "Revision",
    "RevisionOperation",
    "RevisionStatus",
]
