from enum import StrEnum


class StatementKindEnum(StrEnum):
    ACCUSATION = "accusation"
    CLAIM = "claim"
    CONDEMNATION = "condemnation"
    CONFIRMATION = "confirmation"
    DENIAL = "denial"
    OTHER = "other"
    WARNING = "warning"

    def __str__(self) -> str:
        return str(self.value)
