from enum import StrEnum


class AttributionGradeEnum(StrEnum):
    CONTESTED = "contested"
    SINGLE = "single"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return str(self.value)
