from enum import StrEnum


class RevisionsListResource(StrEnum):
    ACTORS = "actors"
    CASUALTY_REPORTS = "casualty-reports"
    INCIDENTS = "incidents"
    INCIDENT_FACTS = "incident-facts"
    INVOLVEMENTS = "involvements"
    QUOTES = "quotes"
    SOURCES = "sources"
    STATEMENTS = "statements"

    def __str__(self) -> str:
        return str(self.value)
