from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.blank_enum import BlankEnum
from ..models.date_precision_enum import DatePrecisionEnum
from ..models.geo_precision_enum import GeoPrecisionEnum
from ..models.incident_sub_type_enum import IncidentSubTypeEnum
from ..models.incident_type_enum import IncidentTypeEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedIncidentWriteRequest")


@_attrs_define
class PatchedIncidentWriteRequest:
    """An incident's own facts. Its status changes only through submit, publish and retract.

    The slug may be left out (made from the title), and so may the type when the sub-type is
    given (the one type it belongs to).

        Attributes:
            title (str | Unset): Title.
            slug (str | Unset): Short unique name, usable in place of the id in URLs. Left out of a new incident: made from
                the title (lower case, hyphens, -2, -3... when taken).
            summary (str | Unset): The editors' account, in their own words.
            type_ (IncidentTypeEnum | Unset): * `battles` - Battles
                * `explosions_remote_violence` - Explosions/Remote violence
                * `violence_against_civilians` - Violence against civilians
                * `protests` - Protests
                * `riots` - Riots
                * `strategic_developments` - Strategic developments
            sub_type (IncidentSubTypeEnum | Unset): * `armed_clash` - Armed clash
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
            start_date (datetime.date | Unset): First day of the incident; not after today.
            end_date (datetime.date | None | Unset): Last day, when it spans several; empty for one day; not after today.
            date_precision (DatePrecisionEnum | Unset): * `day` - Day
                * `week` - Week
                * `month` - Month
                * `year` - Year
            country (str | Unset): ISO 3166-1 alpha-2 code.
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
            parent (int | None | Unset): The larger incident this is part of: a single strike within a campaign.
            civilian_deaths_min (int | None | Unset): Editors' lower bound of civilians killed. At most 100,000,000; empty
                when unknown.
            civilian_deaths_max (int | None | Unset): Editors' upper bound of civilians killed. At most 100,000,000; empty
                when unknown.
            civilian_injuries_min (int | None | Unset): Editors' lower bound of civilians injured. At most 100,000,000;
                empty when unknown.
            civilian_injuries_max (int | None | Unset): Editors' upper bound of civilians injured. At most 100,000,000;
                empty when unknown.
            civilian_figures_override_reason (str | Unset): Empty: the civilian figures are derived from the casualty
                reports marked counted (lowest minimum to highest maximum of the civilians killed, and injured). Set by a
                reviewer, saying why, to keep typed figures instead.
            weapons (list[str] | Unset): Weapons reported, e.g. 'cluster munitions', 'unguided bombs'.
            acled_event_id (None | str | Unset): ACLED's event_id_cnty for the same event, e.g. 'SYR12345'.
            ucdp_ged_id (int | None | Unset): UCDP Georeferenced Event Dataset id for the same event.
            airwars_code (None | str | Unset): Airwars' incident code for the same event, e.g. 'CS1740'.
    """

    title: str | Unset = UNSET
    slug: str | Unset = UNSET
    summary: str | Unset = UNSET
    type_: IncidentTypeEnum | Unset = UNSET
    sub_type: IncidentSubTypeEnum | Unset = UNSET
    start_date: datetime.date | Unset = UNSET
    end_date: datetime.date | None | Unset = UNSET
    date_precision: DatePrecisionEnum | Unset = UNSET
    country: str | Unset = UNSET
    other_countries: list[str] | Unset = UNSET
    admin1: str | Unset = UNSET
    location_name: str | Unset = UNSET
    latitude: float | None | Unset = UNSET
    longitude: float | None | Unset = UNSET
    geo_precision: BlankEnum | GeoPrecisionEnum | Unset = UNSET
    parent: int | None | Unset = UNSET
    civilian_deaths_min: int | None | Unset = UNSET
    civilian_deaths_max: int | None | Unset = UNSET
    civilian_injuries_min: int | None | Unset = UNSET
    civilian_injuries_max: int | None | Unset = UNSET
    civilian_figures_override_reason: str | Unset = UNSET
    weapons: list[str] | Unset = UNSET
    acled_event_id: None | str | Unset = UNSET
    ucdp_ged_id: int | None | Unset = UNSET
    airwars_code: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        slug = self.slug

        summary = self.summary

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        sub_type: str | Unset = UNSET
        if not isinstance(self.sub_type, Unset):
            sub_type = self.sub_type.value

        start_date: str | Unset = UNSET
        if not isinstance(self.start_date, Unset):
            start_date = self.start_date.isoformat()

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

        country = self.country

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

        parent: int | None | Unset
        if isinstance(self.parent, Unset):
            parent = UNSET
        else:
            parent = self.parent

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

        civilian_figures_override_reason = self.civilian_figures_override_reason

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if slug is not UNSET:
            field_dict["slug"] = slug
        if summary is not UNSET:
            field_dict["summary"] = summary
        if type_ is not UNSET:
            field_dict["type"] = type_
        if sub_type is not UNSET:
            field_dict["sub_type"] = sub_type
        if start_date is not UNSET:
            field_dict["start_date"] = start_date
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if date_precision is not UNSET:
            field_dict["date_precision"] = date_precision
        if country is not UNSET:
            field_dict["country"] = country
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
        if parent is not UNSET:
            field_dict["parent"] = parent
        if civilian_deaths_min is not UNSET:
            field_dict["civilian_deaths_min"] = civilian_deaths_min
        if civilian_deaths_max is not UNSET:
            field_dict["civilian_deaths_max"] = civilian_deaths_max
        if civilian_injuries_min is not UNSET:
            field_dict["civilian_injuries_min"] = civilian_injuries_min
        if civilian_injuries_max is not UNSET:
            field_dict["civilian_injuries_max"] = civilian_injuries_max
        if civilian_figures_override_reason is not UNSET:
            field_dict["civilian_figures_override_reason"] = (
                civilian_figures_override_reason
            )
        if weapons is not UNSET:
            field_dict["weapons"] = weapons
        if acled_event_id is not UNSET:
            field_dict["acled_event_id"] = acled_event_id
        if ucdp_ged_id is not UNSET:
            field_dict["ucdp_ged_id"] = ucdp_ged_id
        if airwars_code is not UNSET:
            field_dict["airwars_code"] = airwars_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title", UNSET)

        slug = d.pop("slug", UNSET)

        summary = d.pop("summary", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: IncidentTypeEnum | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = IncidentTypeEnum(_type_)

        _sub_type = d.pop("sub_type", UNSET)
        sub_type: IncidentSubTypeEnum | Unset
        if isinstance(_sub_type, Unset):
            sub_type = UNSET
        else:
            sub_type = IncidentSubTypeEnum(_sub_type)

        _start_date = d.pop("start_date", UNSET)
        start_date: datetime.date | Unset
        if isinstance(_start_date, Unset):
            start_date = UNSET
        else:
            start_date = datetime.date.fromisoformat(_start_date)

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

        country = d.pop("country", UNSET)

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

        def _parse_parent(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        parent = _parse_parent(d.pop("parent", UNSET))

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

        civilian_figures_override_reason = d.pop(
            "civilian_figures_override_reason", UNSET
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

        patched_incident_write_request = cls(
            title=title,
            slug=slug,
            summary=summary,
            type_=type_,
            sub_type=sub_type,
            start_date=start_date,
            end_date=end_date,
            date_precision=date_precision,
            country=country,
            other_countries=other_countries,
            admin1=admin1,
            location_name=location_name,
            latitude=latitude,
            longitude=longitude,
            geo_precision=geo_precision,
            parent=parent,
            civilian_deaths_min=civilian_deaths_min,
            civilian_deaths_max=civilian_deaths_max,
            civilian_injuries_min=civilian_injuries_min,
            civilian_injuries_max=civilian_injuries_max,
            civilian_figures_override_reason=civilian_figures_override_reason,
            weapons=weapons,
            acled_event_id=acled_event_id,
            ucdp_ged_id=ucdp_ged_id,
            airwars_code=airwars_code,
        )

        patched_incident_write_request.additional_properties = d
        return patched_incident_write_request

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
