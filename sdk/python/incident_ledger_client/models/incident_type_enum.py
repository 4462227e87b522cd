from enum import StrEnum


class IncidentTypeEnum(StrEnum):
    BATTLES = "battles"
    EXPLOSIONS_REMOTE_VIOLENCE = "explosions_remote_violence"
    PROTESTS = "protests"
    RIOTS = "riots"
    STRATEGIC_DEVELOPMENTS = "strategic_developments"
    VIOLENCE_AGAINST_CIVILIANS = "violence_against_civilians"

    def __str__(self) -> str:
        return str(self.value)
