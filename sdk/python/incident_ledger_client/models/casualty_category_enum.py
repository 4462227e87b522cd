from enum import StrEnum


class CasualtyCategoryEnum(StrEnum):
    DISPLACED = "displaced"
    INJURED = "injured"
    KILLED = "killed"

    def __str__(self) -> str:
        return str(self.value)
