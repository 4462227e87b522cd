from django.urls import re_path
from rest_framework.routers import DefaultRouter

from config.api.views import api_not_found
from incidents.api.review import RevisionViewSet
from incidents.api.snapshot import SnapshotView
from incidents.api.views import (
    ActorViewSet,
    CasualtyReportViewSet,
    ChangeViewSet,
    IncidentFactViewSet,
    IncidentViewSet,
    InvolvementViewSet,
    StatementViewSet,
)
from sources.api.views import QuoteViewSet, SourceViewSet


class Router(DefaultRouter):
    """Every URL answers with and without its trailing slash, with no redirect."""

    include_format_suffixes = False

    def __init__(self):
        super().__init__()
        self.trailing_slash = "/?"


router = Router()
router.register("incidents", IncidentViewSet, basename="incident")
router.register("actors", ActorViewSet, basename="actor")
router.register("sources", SourceViewSet, basename="source")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("statements", StatementViewSet, basename="statement")
router.register("casualty-reports", CasualtyReportViewSet, basename="casualty-report")
router.register("incident-facts", IncidentFactViewSet, basename="incident-fact")
router.register("involvements", InvolvementViewSet, basename="involvement")
router.register("changes", ChangeViewSet, basename="change")
router.register("revisions", RevisionViewSet, basename="revision")

# Any other path under /api/, line breaks and all, is a JSON 404.
urlpatterns = [
    re_path(r"^snapshot/?$", SnapshotView.as_view(), name="snapshot"),
    *router.urls,
    re_path(r"^[\s\S]*$", api_not_found),
]
