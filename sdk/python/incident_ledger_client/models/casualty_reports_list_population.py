from enum import StrEnum


class CasualtyReportsListPopulation(StrEnum):
    ALL = "all"
    CIVILIANS = "civilians"
    COMBATANTS = "combatants"

    def __str__(self) -> str:
        return str(self.value)
