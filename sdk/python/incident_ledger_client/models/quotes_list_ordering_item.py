from enum import StrEnum


class QuotesListOrderingItem(StrEnum):
    RANK = "rank"
    VALUE_0 = "-rank"

    def __str__(self) -> str:
        return str(self.value)
