from enum import StrEnum


class FactEnum(StrEnum):
    CIVILIAN_DEATHS = "civilian_deaths"
    CIVILIAN_INJURIES = "civilian_injuries"
    COORDINATES = "coordinates"
    DATE = "date"
    PLACE = "place"
    WEAPONS = "weapons"

    def __str__(self) -> str:
        return str(self.value)
