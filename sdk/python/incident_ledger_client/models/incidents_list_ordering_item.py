from enum import StrEnum


class IncidentsListOrderingItem(StrEnum):
    CIVILIAN_DEATHS_MAX = "civilian_deaths_max"
    CIVILIAN_DEATHS_MIN = "civilian_deaths_min"
    END_DATE = "end_date"
    ID = "id"
    RANK = "rank"
    START_DATE = "start_date"
    TITLE = "title"
    UPDATED_AT = "updated_at"
    VALUE_0 = "-civilian_deaths_max"
    VALUE_1 = "-civilian_deaths_min"
    VALUE_2 = "-end_date"
    VALUE_3 = "-id"
    VALUE_4 = "-rank"
    VALUE_5 = "-start_date"
    VALUE_6 = "-title"
    VALUE_7 = "-updated_at"

    def __str__(self) -> str:
        return str(self.value)
