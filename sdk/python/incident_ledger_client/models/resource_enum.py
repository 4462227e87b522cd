from enum import StrEnum


class ResourceEnum(StrEnum):
    ACTORS = "actors"
    CASUALTY_REPORTS = "casualty-reports"
    INCIDENTS = "incidents"
    QUOTES = "quotes"
    SOURCES = "sources"
    STATEMENTS = "statements"

    def __str__(self) -> str:
        return str(self.value)
