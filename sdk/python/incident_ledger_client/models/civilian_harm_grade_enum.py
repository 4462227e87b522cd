from enum import StrEnum


class CivilianHarmGradeEnum(StrEnum):
    CONFIRMED = "confirmed"
    CONTESTED = "contested"
    DISCOUNTED = "discounted"
    FAIR = "fair"
    WEAK = "weak"

    def __str__(self) -> str:
        return str(self.value)
