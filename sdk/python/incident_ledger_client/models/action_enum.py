from enum import StrEnum


class ActionEnum(StrEnum):
    CREATED = "created"
    DELETED = "deleted"
    RETRACTED = "retracted"
    UPDATED = "updated"

    def __str__(self) -> str:
        return str(self.value)
