from enum import StrEnum


class PopulationEnum(StrEnum):
    ALL = "all"
    CIVILIANS = "civilians"
    COMBATANTS = "combatants"

    def __str__(self) -> str:
        return str(self.value)
