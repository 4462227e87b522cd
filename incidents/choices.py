from django.db import models


class ActorKind(models.TextChoices):
    STATE = "state", "State"
    GOVERNMENT_BODY = "government_body", "Government body"
    ARMED_FORCE = "armed_force", "Armed force"
    ARMED_GROUP = "armed_group", "Armed group"
    PERSON = "person", "Person"
    NGO = "ngo", "NGO"
    INTERNATIONAL_ORGANISATION = "international_organisation", "International organisation"
    MEDIA = "media", "Media"
    OTHER = "other", "Other"


class IncidentType(models.TextChoices):
    """ACLED's event types, so that records can be exchanged with ACLED data."""

    BATTLES = "battles", "Battles"
    EXPLOSIONS_REMOTE_VIOLENCE = "explosions_remote_violence", "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "violence_against_civilians", "Violence against civilians"
    PROTESTS = "protests", "Protests"
    RIOTS = "riots", "Riots"
    STRATEGIC_DEVELOPMENTS = "strategic_developments", "Strategic developments"


class IncidentSubType(models.TextChoices):
    """ACLED's sub-event types; ``SUB_TYPES_BY_TYPE`` says which type each belongs to."""

    ARMED_CLASH = "armed_clash", "Armed clash"
    GOVERNMENT_REGAINS_TERRITORY = "government_regains_territory", "Government regains territory"
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = (
        "non_state_actor_overtakes_territory",
        "Non-state actor overtakes territory",
    )
    CHEMICAL_WEAPON = "chemical_weapon", "Chemical weapon"
    AIR_DRONE_STRIKE = "air_drone_strike", "Air/drone strike"
    SUICIDE_BOMB = "suicide_bomb", "Suicide bomb"
    SHELLING_ARTILLERY_MISSILE_ATTACK = (
        "shelling_artillery_missile_attack",
        "Shelling/artillery/missile attack",
    )
    REMOTE_EXPLOSIVE_LANDMINE_IED = "remote_explosive_landmine_ied", "Remote explosive/landmine/IED"
    GRENADE = "grenade", "Grenade"
    SEXUAL_VIOLENCE = "sexual_violence", "Sexual violence"
    ATTACK = "attack", "Attack"
    ABDUCTION_FORCED_DISAPPEARANCE = (
        "abduction_forced_disappearance",
        "Abduction/forced disappearance",
    )
    PEACEFUL_PROTEST = "peaceful_protest", "Peaceful protest"
    PROTEST_WITH_INTERVENTION = "protest_with_intervention", "Protest with intervention"
    EXCESSIVE_FORCE_AGAINST_PROTESTERS = (
        "excessive_force_against_protesters",
        "Excessive force against protesters",
    )
    VIOLENT_DEMONSTRATION = "violent_demonstration", "Violent demonstration"
    MOB_VIOLENCE = "mob_violence", "Mob violence"
    AGREEMENT = "agreement", "Agreement"
    ARRESTS = "arrests", "Arrests"
    CHANGE_TO_GROUP_ACTIVITY = "change_to_group_activity", "Change to group/activity"
    DISRUPTED_WEAPONS_USE = "disrupted_weapons_use", "Disrupted weapons use"
    HEADQUARTERS_OR_BASE_ESTABLISHED = (
        "headquarters_or_base_established",
        "Headquarters or base established",
    )
    LOOTING_PROPERTY_DESTRUCTION = "looting_property_destruction", "Looting/property destruction"
    NON_VIOLENT_TRANSFER_OF_TERRITORY = (
        "non_violent_transfer_of_territory",
        "Non-violent transfer of territory",
    )
    OTHER = "other", "Other"


_T, _S = IncidentType, IncidentSubType
SUB_TYPES_BY_TYPE: dict[str, list[str]] = {
    _T.BATTLES: [
        _S.ARMED_CLASH,
        _S.GOVERNMENT_REGAINS_TERRITORY,
        _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY,
    ],
    _T.EXPLOSIONS_REMOTE_VIOLENCE: [
        _S.CHEMICAL_WEAPON,
        _S.AIR_DRONE_STRIKE,
        _S.SUICIDE_BOMB,
        _S.SHELLING_ARTILLERY_MISSILE_ATTACK,
        _S.REMOTE_EXPLOSIVE_LANDMINE_IED,
        _S.GRENADE,
    ],
    _T.VIOLENCE_AGAINST_CIVILIANS: [
        _S.SEXUAL_VIOLENCE,
        _S.ATTACK,
        _S.ABDUCTION_FORCED_DISAPPEARANCE,
    ],
    _T.PROTESTS: [
        _S.PEACEFUL_PROTEST,
        _S.PROTEST_WITH_INTERVENTION,
        _S.EXCESSIVE_FORCE_AGAINST_PROTESTERS,
    ],
    _T.RIOTS: [_S.VIOLENT_DEMONSTRATION, _S.MOB_VIOLENCE],
    _T.STRATEGIC_DEVELOPMENTS: [
        _S.AGREEMENT,
        _S.ARRESTS,
        _S.CHANGE_TO_GROUP_ACTIVITY,
        _S.DISRUPTED_WEAPONS_USE,
        _S.HEADQUARTERS_OR_BASE_ESTABLISHED,
        _S.LOOTING_PROPERTY_DESTRUCTION,
        _S.NON_VIOLENT_TRANSFER_OF_TERRITORY,
        _S.OTHER,
    ],
}


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    WEEK = "week", "Week"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class GeoPrecision(models.TextChoices):
    EXACT = "exact", "Exact location"
    NEAR = "near", "Near the named place"
    ADMIN2 = "admin2", "District (admin2)"
    ADMIN1 = "admin1", "Province (admin1)"
    COUNTRY = "country", "Country"


class IncidentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    RETRACTED = "retracted", "Retracted"


class Fact(models.TextChoices):
    """An incident's own facts, each of which cites its quotes or carries an editor's note."""

    DATE = "date", "Date"
    PLACE = "place", "Place"
    COORDINATES = "coordinates", "Coordinates"
    WEAPONS = "weapons", "Weapons"
    CIVILIAN_DEATHS = "civilian_deaths", "Civilian deaths"
    CIVILIAN_INJURIES = "civilian_injuries", "Civilian injuries"


class Role(models.TextChoices):
    PERPETRATOR = "perpetrator", "Perpetrator"
    ALLEGED_PERPETRATOR = "alleged_perpetrator", "Alleged perpetrator"
    # The actor's own claim: recorded as that actor's word (attributed_by is the actor),
    # never as fact.
    CLAIMED_RESPONSIBILITY = "claimed_responsibility", "Claimed responsibility"
    SUPPORTER = "supporter", "Supporter"
    TARGET = "target", "Target"
    VICTIM = "victim", "Victim"
    INVESTIGATOR = "investigator", "Investigator"
    OTHER = "other", "Other"


class CasualtyCategory(models.TextChoices):
    KILLED = "killed", "Killed"
    INJURED = "injured", "Injured"
    DISPLACED = "displaced", "Displaced"


class Population(models.TextChoices):
    CIVILIANS = "civilians", "Civilians"
    COMBATANTS = "combatants", "Combatants"
    ALL = "all", "All"


class StatementKind(models.TextChoices):
    CLAIM = "claim", "Claim"
    DENIAL = "denial", "Denial"
    ACCUSATION = "accusation", "Accusation"
    CONDEMNATION = "condemnation", "Condemnation"
    CONFIRMATION = "confirmation", "Confirmation"
    WARNING = "warning", "Warning"
    OTHER = "other", "Other"


class RevisionStatus(models.TextChoices):
    PENDING = "pending", "Pending: waits for a reviewer"
    ACCEPTED = "accepted", "Accepted: applied to the public record"
    REJECTED = "rejected", "Rejected by a reviewer"
    WITHDRAWN = "withdrawn", "Withdrawn by its editor"


class RevisionOperation(models.TextChoices):
    CREATE = "create", "Create a record"
    UPDATE = "update", "Change a record"
    DELETE = "delete", "Delete a record"


class CivilianHarmGrade(models.TextChoices):
    """Airwars' grades of how well the reported civilian harm is supported; each label carries
    the rubric a reviewer applies (docs/assessment.md gives it with examples)."""

    CONFIRMED = "confirmed", "Confirmed: a specific belligerent has accepted responsibility"
    FAIR = (
        "fair",
        (
            "Fair: reported by two or more independent credible sources, with likely or confirmed "
            "actions by a belligerent near the place at the time"
        ),
    )
    WEAK = "weak", "Weak: a single source's claim"
    CONTESTED = (
        "contested",
        (
            "Contested: competing claims of responsibility, e.g. several belligerents, or the harm "
            "also attributed to ground forces"
        ),
    )
    DISCOUNTED = (
        "discounted",
        ("Discounted: those killed were combatants, or other parties most likely responsible"),
    )


class AttributionGrade(models.TextChoices):
    """Who the ledger holds responsible, graded by a reviewer; each label carries the rubric."""

    SINGLE = "single", "Single: the sources name one belligerent as responsible"
    CONTESTED = (
        "contested",
        (
            "Contested: two or more named belligerents are each held responsible by some source "
            "(listed as the incident's contested_between)"
        ),
    )
    UNKNOWN = "unknown", "Unknown: no source names who is responsible"


TYPE_OF_SUB_TYPE: dict[str, str] = {
    sub_type: type_ for type_, sub_types in SUB_TYPES_BY_TYPE.items() for sub_type in sub_types
}
"""The one type each sub-type belongs to: a sub-type alone says the type."""
