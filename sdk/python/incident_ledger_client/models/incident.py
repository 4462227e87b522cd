from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attribution_grade_enum import AttributionGradeEnum
from ..models.blank_enum import BlankEnum
from ..models.civilian_harm_grade_enum import CivilianHarmGradeEnum
from ..models.date_precision_enum import DatePrecisionEnum
from ..models.geo_precision_enum import GeoPrecisionEnum
from ..models.incident_status_enum import IncidentStatusEnum
from ..models.incident_sub_type_enum import IncidentSubTypeEnum
from ..models.incident_type_enum import IncidentTypeEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.involved_actor import InvolvedActor


T = TypeVar("T", bound="Incident")


@_attrs_define
class Incident:
    """An incident as listed: its facts and the actors involved, without the evidence.

    Lists render many rows, so a row is built straight from the model's values (``row``)
    rather than field by field; the declared fields still describe it to the schema, and the
    API tests compare whole payloads, so the two cannot drift apart unnoticed.

        Attributes:
            id (int): Numeric id, stable for the life of the record.
            slug (str): Short unique name, usable in place of the id in URLs.
            title (str): Title.
            type_ (IncidentTypeEnum): * `battles` - Battles
                * `explosions_remote_violence` - Explosions/Remote violence
                * `violence_against_civilians` - Violence against civilians
                * `protests` - Protests
                * `riots` - Riots
                * `strategic_developments` - Strategic developments
            sub_type (IncidentSubTypeEnum): * `armed_clash` - Armed clash
                * `government_regains_territory` - Government regains territory
                * `non_state_actor_overtakes_territory` - Non-state actor overtakes territory
                * `chemical_weapon` - Chemical weapon
                * `air_drone_strike` - Air/drone strike
                * `suicide_bomb` - Suicide bomb
                * `shelling_artillery_missile_attack` - Shelling/artillery/missile attack
                * `remote_explosive_landmine_ied` - Remote explosive/landmine/IED
                * `grenade` - Grenade
                * `sexual_violence` - Sexual violence
                * `attack` - Attack
                * `abduction_forced_disappearance` - Abduction/forced disappearance
                * `peaceful_protest` - Peaceful protest
                * `protest_with_intervention` - Protest with intervention
                * `excessive_force_against_protesters` - Excessive force against protesters
                * `violent_demonstration` - Violent demonstration
                * `mob_violence` - Mob violence
                * `agreement` - Agreement
                * `arrests` - Arrests
                * `change_to_group_activity` - Change to group/activity
                * `disrupted_weapons_use` - Disrupted weapons use
                * `headquarters_or_base_established` - Headquarters or base established
                * `looting_property_destruction` - Looting/property destruction
                * `non_violent_transfer_of_territory` - Non-violent transfer of territory
                * `other` - Other
            start_date (datetime.date): First day of the incident; not after today.
            country (str): ISO 3166-1 alpha-2 code.
            civilian_harm_grade (BlankEnum | CivilianHarmGradeEnum): A reviewer's assessment of the civilian harm (Airwars'
                grades); empty until graded.

                * `confirmed` - Confirmed: a specific belligerent has accepted responsibility
                * `fair` - Fair: reported by two or more independent credible sources, with likely or confirmed actions by a
                belligerent near the place at the time
                * `weak` - Weak: a single source's claim
                * `contested` - Contested: competing claims of responsibility, e.g. several belligerents, or the harm also
                attributed to ground forces
                * `discounted` - Discounted: those killed were combatants, or other parties most likely responsible
            attribution_grade (AttributionGradeEnum | BlankEnum): A reviewer's assessment of who is responsible; empty until
                graded.

                * `single` - Single: the sources name one belligerent as responsible
                * `contested` - Contested: two or more named belligerents are each held responsible by some source (listed as
                the incident's contested_between)
                * `unknown` - Unknown: no source names who is responsible
            published_at (datetime.datetime | None): When it was last published.
            parent_id (int | None): Id of the larger incident this is part of.
            actors (list[InvolvedActor]): Each involvement's actor and role; an actor appears once per role and quote.
            created_at (datetime.datetime): When the record was created here (ISO 8601).
            updated_at (datetime.datetime): When the record last changed here (ISO 8601).
            end_date (datetime.date | None | Unset): Last day, when it spans several; empty for one day; not after today.
            date_precision (DatePrecisionEnum | Unset): * `day` - Day
                * `week` - Week
                * `month` - Month
                * `year` - Year
            other_countries (list[str] | Unset): Further countries it took place in, ISO 3166-1 alpha-2 (a shoot-down on a
                border, a campaign in Iraq and Syria); `country` is the main one. `?country=` finds an incident by any of them.
            admin1 (str | Unset): First-level region: province, governorate.
            location_name (str | Unset): Town, site or area.
            latitude (float | None | Unset): WGS 84 degrees, -90 to 90; given together with longitude.
            longitude (float | None | Unset): WGS 84 degrees, -180 to 180; given together with latitude.
            geo_precision (BlankEnum | GeoPrecisionEnum | Unset): What the coordinates stand for; required when they are
                given.

                * `exact` - Exact location
                * `near` - Near the named place
                * `admin2` - District (admin2)
                * `admin1` - Province (admin1)
                * `country` - Country
            civilian_deaths_min (int | None | Unset): Editors' lower bound of civilians killed. At most 100,000,000; empty
                when unknown.
            civilian_deaths_max (int | None | Unset): Editors' upper bound of civilians killed. At most 100,000,000; empty
                when unknown.
            civilian_injuries_min (int | None | Unset): Editors' lower bound of civilians injured. At most 100,000,000;
                empty when unknown.
            civilian_injuries_max (int | None | Unset): Editors' upper bound of civilians injured. At most 100,000,000;
                empty when unknown.
            weapons (list[str] | Unset): Weapons reported, e.g. 'cluster munitions', 'unguided bombs'.
            acled_event_id (None | str | Unset): ACLED's event_id_cnty for the same event, e.g. 'SYR12345'.
            ucdp_ged_id (int | None | Unset): UCDP Georeferenced Event Dataset id for the same event.
            airwars_code (None | str | Unset): Airwars' incident code for the same event, e.g. 'CS1740'.
            status (IncidentStatusEnum | Unset): * `draft` - Draft
                * `in_review` - In review
                * `published` - Published
                * `retracted` - Retracted
    """

    id: int
    slug: str
    title: str
    type_: IncidentTypeEnum
    sub_type: IncidentSubTypeEnum
    start_date: datetime.date
    country: str
    civilian_harm_grade: BlankEnum | CivilianHarmGradeEnum
    attribution_grade: AttributionGradeEnum | BlankEnum
    published_at: datetime.datetime | None
    parent_id: int | None
    actors: list[InvolvedActor]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    end_date: datetime.date | None | Unset = UNSET
    date_precision: DatePrecisionEnum | Unset = UNSET
    other_countries: list[str] | Unset = UNSET
    admin1: str | Unset = UNSET
    location_name: str | Unset = UNSET
    latitude: float | None | Unset = UNSET
    longitude: float | None | Unset = UNSET
    geo_precision: BlankEnum | GeoPrecisionEnum | Unset = UNSET
    civilian_deaths_min: int | None | Unset = UNSET
    civilian_deaths_max: int | None | Unset = UNSET
    civilian_injuries_min: int | None | Unset = UNSET
    civilian_injuries_max: int | None | Unset = UNSET
    weapons: list[str] | Unset = UNSET
    acled_event_id: None | str | Unset = UNSET
    ucdp_ged_id: int | None | Unset = UNSET
    airwars_code: None | str | Unset = UNSET
    status: IncidentStatusEnum | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        slug = self.slug

        title = self.title

        type_ = self.type_.value

        sub_type = self.sub_type.value

        start_date = self.start_date.isoformat()

        country = self.country

        civilian_harm_grade: str
        if isinstance(self.civilian_harm_grade, CivilianHarmGradeEnum):
            civilian_harm_grade = self.civilian_harm_grade.value
        else:
            civilian_harm_grade = self.civilian_harm_grade.value

        attribution_grade: str
        if isinstance(self.attribution_grade, AttributionGradeEnum):
            attribution_grade = self.attribution_grade.value
        else:
            attribution_grade = self.attribution_grade.value

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        parent_id: int | None
        parent_id = self.parent_id

        actors = []
        for actors_item_data in self.actors:
            actors_item = actors_item_data.to_dict()
            actors.append(actors_item)

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        elif isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        date_precision: str | Unset = UNSET
        if not isinstance(self.date_precision, Unset):
            date_precision = self.date_precision.value

        other_countries: list[str] | Unset = UNSET
        if not isinstance(self.other_countries, Unset):
            other_countries = self.other_countries

        admin1 = self.admin1

        location_name = self.location_name

        latitude: float | None | Unset
        if isinstance(self.latitude, Unset):
            latitude = UNSET
        else:
            latitude = self.latitude

        longitude: float | None | Unset
        if isinstance(self.longitude, Unset):
            longitude = UNSET
        else:
            longitude = self.longitude

        geo_precision: str | Unset
        if isinstance(self.geo_precision, Unset):
            geo_precision = UNSET
        elif isinstance(self.geo_precision, GeoPrecisionEnum):
            geo_precision = self.geo_precision.value
        else:
            geo_precision = self.geo_precision.value

        civilian_deaths_min: int | None | Unset
        if isinstance(self.civilian_deaths_min, Unset):
            civilian_deaths_min = UNSET
        else:
            civilian_deaths_min = self.civilian_deaths_min

        civilian_deaths_max: int | None | Unset
        if isinstance(self.civilian_deaths_max, Unset):
            civilian_deaths_max = UNSET
        else:
            civilian_deaths_max = self.civilian_deaths_max

        civilian_injuries_min: int | None | Unset
        if isinstance(self.civilian_injuries_min, Unset):
            civilian_injuries_min = UNSET
        else:
            civilian_injuries_min = self.civilian_injuries_min

        civilian_injuries_max: int | None | Unset
        if isinstance(self.civilian_injuries_max, Unset):
            civilian_injuries_max = UNSET
        else:
            civilian_injuries_max = self.civilian_injuries_max

        weapons: list[str] | Unset = UNSET
        if not isinstance(self.weapons, Unset):
            weapons = self.weapons

        acled_event_id: None | str | Unset
        if isinstance(self.acled_event_id, Unset):
            acled_event_id = UNSET
        else:
            acled_event_id = self.acled_event_id

        ucdp_ged_id: int | None | Unset
        if isinstance(self.ucdp_ged_id, Unset):
            ucdp_ged_id = UNSET
        else:
            ucdp_ged_id = self.ucdp_ged_id

        airwars_code: None | str | Unset
        if isinstance(self.airwars_code, Unset):
            airwars_code = UNSET
        else:
            airwars_code = self.airwars_code

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "title": title,
                "type": type_,
                "sub_type": sub_type,
                "start_date": start_date,
                "country": country,
                "civilian_harm_grade": civilian_harm_grade,
                "attribution_grade": attribution_grade,
                "published_at": published_at,
                "parent_id": parent_id,
                "actors": actors,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if date_precision is not UNSET:
            field_dict["date_precision"] = date_precision
        if other_countries is not UNSET:
            field_dict["other_countries"] = other_countries
        if admin1 is not UNSET:
            field_dict["admin1"] = admin1
        if location_name is not UNSET:
            field_dict["location_name"] = location_name
        if latitude is not UNSET:
            field_dict["latitude"] = latitude
        if longitude is not UNSET:
            field_dict["longitude"] = longitude
        if geo_precision is not UNSET:
            field_dict["geo_precision"] = geo_precision
        if civilian_deaths_min is not UNSET:
            field_dict["civilian_deaths_min"] = civilian_deaths_min
        if civilian_deaths_max is not UNSET:
            field_dict["civilian_deaths_max"] = civilian_deaths_max
        if civilian_injuries_min is not UNSET:
            field_dict["civilian_injuries_min"] = civilian_injuries_min
        if civilian_injuries_max is not UNSET:
            field_dict["civilian_injuries_max"] = civilian_injuries_max
        if weapons is not UNSET:
            field_dict["weapons"] = weapons
        if acled_event_id is not UNSET:
            field_dict["acled_event_id"] = acled_event_id
        if ucdp_ged_id is not UNSET:
            field_dict["ucdp_ged_id"] = ucdp_ged_id
        if airwars_code is not UNSET:
            field_dict["airwars_code"] = airwars_code
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.involved_actor import InvolvedActor  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        slug = d.pop("slug")

        title = d.pop("title")

        type_ = IncidentTypeEnum(d.pop("type"))

        sub_type = IncidentSubTypeEnum(d.pop("sub_type"))

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        country = d.pop("country")

        def _parse_civilian_harm_grade(
            data: object,
        ) -> BlankEnum | CivilianHarmGradeEnum:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                civilian_harm_grade_type_0 = CivilianHarmGradeEnum(data)

                return civilian_harm_grade_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            civilian_harm_grade_type_1 = BlankEnum(data)

            return civilian_harm_grade_type_1

        civilian_harm_grade = _parse_civilian_harm_grade(d.pop("civilian_harm_grade"))

        def _parse_attribution_grade(data: object) -> AttributionGradeEnum | BlankEnum:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                attribution_grade_type_0 = AttributionGradeEnum(data)

                return attribution_grade_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            attribution_grade_type_1 = BlankEnum(data)

            return attribution_grade_type_1

        attribution_grade = _parse_attribution_grade(d.pop("attribution_grade"))

        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))

        def _parse_parent_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        parent_id = _parse_parent_id(d.pop("parent_id"))

        actors = []
        _actors = d.pop("actors")
        for actors_item_data in _actors:
            actors_item = InvolvedActor.from_dict(actors_item_data)

            actors.append(actors_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_end_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        end_date = _parse_end_date(d.pop("end_date", UNSET))

        _date_precision = d.pop("date_precision", UNSET)
        date_precision: DatePrecisionEnum | Unset
        if isinstance(_date_precision, Unset):
            date_precision = UNSET
        else:
            date_precision = DatePrecisionEnum(_date_precision)

        other_countries = cast(list[str], d.pop("other_countries", UNSET))

        admin1 = d.pop("admin1", UNSET)

        location_name = d.pop("location_name", UNSET)

        def _parse_latitude(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        latitude = _parse_latitude(d.pop("latitude", UNSET))

        def _parse_longitude(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        longitude = _parse_longitude(d.pop("longitude", UNSET))

        def _parse_geo_precision(data: object) -> BlankEnum | GeoPrecisionEnum | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                geo_precision_type_0 = GeoPrecisionEnum(data)

                return geo_precision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            geo_precision_type_1 = BlankEnum(data)

            return geo_precision_type_1

        geo_precision = _parse_geo_precision(d.pop("geo_precision", UNSET))

        def _parse_civilian_deaths_min(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        civilian_deaths_min = _parse_civilian_deaths_min(
            d.pop("civilian_deaths_min", UNSET)
        )

        def _parse_civilian_deaths_max(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        civilian_deaths_max = _parse_civilian_deaths_max(
            d.pop("civilian_deaths_max", UNSET)
        )

        def _parse_civilian_injuries_min(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        civilian_injuries_min = _parse_civilian_injuries_min(
            d.pop("civilian_injuries_min", UNSET)
        )

        def _parse_civilian_injuries_max(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        civilian_injuries_max = _parse_civilian_injuries_max(
            d.pop("civilian_injuries_max", UNSET)
        )

        weapons = cast(list[str], d.pop("weapons", UNSET))

        def _parse_acled_event_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        acled_event_id = _parse_acled_event_id(d.pop("acled_event_id", UNSET))

        def _parse_ucdp_ged_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        ucdp_ged_id = _parse_ucdp_ged_id(d.pop("ucdp_ged_id", UNSET))

        def _parse_airwars_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        airwars_code = _parse_airwars_code(d.pop("airwars_code", UNSET))

        _status = d.pop("status", UNSET)
        status: IncidentStatusEnum | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = IncidentStatusEnum(_status)

        incident = cls(
            id=id,
            slug=slug,
            title=title,
            type_=type_,
            sub_type=sub_type,
            start_date=start_date,
            country=country,
            civilian_harm_grade=civilian_harm_grade,
            attribution_grade=attribution_grade,
            published_at=published_at,
            parent_id=parent_id,
            actors=actors,
            created_at=created_at,
            updated_at=updated_at,
            end_date=end_date,
            date_precision=date_precision,
            other_countries=other_countries,
            admin1=admin1,
            location_name=location_name,
            latitude=latitude,
            longitude=longitude,
            geo_precision=geo_precision,
            civilian_deaths_min=civilian_deaths_min,
            civilian_deaths_max=civilian_deaths_max,
            civilian_injuries_min=civilian_injuries_min,
            civilian_injuries_max=civilian_injuries_max,
            weapons=weapons,
            acled_event_id=acled_event_id,
            ucdp_ged_id=ucdp_ged_id,
            airwars_code=airwars_code,
            status=status,
        )

        incident.additional_properties = d
        return incident

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
