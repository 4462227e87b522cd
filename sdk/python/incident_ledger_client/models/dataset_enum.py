from enum import StrEnum


class DatasetEnum(StrEnum):
    ACLED = "acled"
    UCDP = "ucdp"

    def __str__(self) -> str:
        return str(self.value)
