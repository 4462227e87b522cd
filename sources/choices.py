from django.db import models


class SourceKind(models.TextChoices):
    NEWS_ARTICLE = "news_article", "News article"
    NGO_REPORT = "ngo_report", "NGO report"
    OFFICIAL_STATEMENT = "official_statement", "Official statement"
    PRESS_BRIEFING = "press_briefing", "Press briefing"
    SOCIAL_MEDIA_POST = "social_media_post", "Social-media post"
    DATASET = "dataset", "Dataset"
    OTHER = "other", "Other"
