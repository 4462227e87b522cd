from enum import StrEnum


class ActorsListKind(StrEnum):
    ARMED_FORCE = "armed_force"
    ARMED_GROUP = "armed_group"
    GOVERNMENT_BODY = "government_body"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    MEDIA = "media"
    NGO = "ngo"
    OTHER = "other"
    PERSON = "person"
    STATE = "state"

    def __str__(self) -> str:
        return str(self.value)
