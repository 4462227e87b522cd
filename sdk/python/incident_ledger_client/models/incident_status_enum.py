from enum import StrEnum


class IncidentStatusEnum(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    RETRACTED = "retracted"

    def __str__(self) -> str:
        return str(self.value)
