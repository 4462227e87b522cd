from enum import StrEnum


class IncidentsListFormat(StrEnum):
    ACLED = "acled"
    CSV = "csv"
    GEOJSON = "geojson"
    JSON = "json"
    UCDP = "ucdp"

    def __str__(self) -> str:
        return str(self.value)
