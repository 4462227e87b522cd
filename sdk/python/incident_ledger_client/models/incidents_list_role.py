from enum import StrEnum


class IncidentsListRole(StrEnum):
    ALLEGED_PERPETRATOR = "alleged_perpetrator"
    CLAIMED_RESPONSIBILITY = "claimed_responsibility"
    INVESTIGATOR = "investigator"
    OTHER = "other"
    PERPETRATOR = "perpetrator"
    SUPPORTER = "supporter"
    TARGET = "target"
    VICTIM = "victim"

    def __str__(self) -> str:
        return str(self.value)
