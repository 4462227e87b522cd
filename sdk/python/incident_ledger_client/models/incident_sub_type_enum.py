from enum import StrEnum


class IncidentSubTypeEnum(StrEnum):
    ABDUCTION_FORCED_DISAPPEARANCE = "abduction_forced_disappearance"
    AGREEMENT = "agreement"
    AIR_DRONE_STRIKE = "air_drone_strike"
    ARMED_CLASH = "armed_clash"
    ARRESTS = "arrests"
    ATTACK = "attack"
    CHANGE_TO_GROUP_ACTIVITY = "change_to_group_activity"
    CHEMICAL_WEAPON = "chemical_weapon"
    DISRUPTED_WEAPONS_USE = "disrupted_weapons_use"
    EXCESSIVE_FORCE_AGAINST_PROTESTERS = "excessive_force_against_protesters"
    GOVERNMENT_REGAINS_TERRITORY = "government_regains_territory"
    GRENADE = "grenade"
    HEADQUARTERS_OR_BASE_ESTABLISHED = "headquarters_or_base_established"
    LOOTING_PROPERTY_DESTRUCTION = "looting_property_destruction"
    MOB_VIOLENCE = "mob_violence"
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = "non_state_actor_overtakes_territory"
    NON_VIOLENT_TRANSFER_OF_TERRITORY = "non_violent_transfer_of_territory"
    OTHER = "other"
    PEACEFUL_PROTEST = "peaceful_protest"
    PROTEST_WITH_INTERVENTION = "protest_with_intervention"
    REMOTE_EXPLOSIVE_LANDMINE_IED = "remote_explosive_landmine_ied"
    SEXUAL_VIOLENCE = "sexual_violence"
    SHELLING_ARTILLERY_MISSILE_ATTACK = "shelling_artillery_missile_attack"
    SUICIDE_BOMB = "suicide_bomb"
    VIOLENT_DEMONSTRATION = "violent_demonstration"

    def __str__(self) -> str:
        return str(self.value)
