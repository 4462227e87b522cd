from enum import StrEnum


class GeoPrecisionEnum(StrEnum):
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    COUNTRY = "country"
    EXACT = "exact"
    NEAR = "near"

    def __str__(self) -> str:
        return str(self.value)
