from enum import StrEnum


class SourcesListKind(StrEnum):
    DATASET = "dataset"
    NEWS_ARTICLE = "news_article"
    NGO_REPORT = "ngo_report"
    OFFICIAL_STATEMENT = "official_statement"
    OTHER = "other"
    PRESS_BRIEFING = "press_briefing"
    SOCIAL_MEDIA_POST = "social_media_post"

    def __str__(self) -> str:
        return str(self.value)
