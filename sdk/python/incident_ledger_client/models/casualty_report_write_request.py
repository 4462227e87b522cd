from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.casualty_category_enum import CasualtyCategoryEnum
from ..models.population_enum import PopulationEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="CasualtyReportWriteRequest")


@_attrs_define
class CasualtyReportWriteRequest:
    """A write serializer that applies the model's own rules (``full_clean``: field
    validators, ``clean()``, unique and check constraints) and so reports each broken rule as
    a 400 naming its field, before the database would refuse it.

    Values ``clean()`` works out (a quote's offsets) flow back into the validated data.
    Uniqueness is the model's to check too, so DRF's own unique validators are off: they
    would make every field of a unique constraint required.

        Attributes:
            incident (int): The incident the figure is about.
            category (CasualtyCategoryEnum): * `killed` - Killed
                * `injured` - Injured
                * `displaced` - Displaced
            population (PopulationEnum): * `civilians` - Civilians
                * `combatants` - Combatants
                * `all` - All
            min_ (int | None | Unset): Lowest figure the report allows ('at least 200' gives 200). At most 100,000,000;
                empty when unknown.
            max_ (int | None | Unset): Highest figure the report allows ('nearly 300,000' gives 300,000). At most
                100,000,000; empty when unknown.
            reported_by (int | None | Unset): Who gives the figure; empty when the source does not say.
            quote (int | None | Unset): The words that give the figure; required before publishing.
            as_of (datetime.date | None | Unset): The date the figure is valid for: the last day of the period it counts
                when the words give one ('the first six weeks' of a campaign begun on 30 September 2015: 2015-11-11), else the
                date it was stated (the statement's date, or the date of the source that reports it as current); empty when
                neither is known; not after today.
            counted (bool | Unset): Whether the incident's headline civilian figures count this report: they run from the
                lowest minimum to the highest maximum of the counted reports of civilians killed (and injured). Editors mark
                curated reports; dataset reports count by default.
    """

    incident: int
    category: CasualtyCategoryEnum
    population: PopulationEnum
    min_: int | None | Unset = UNSET
    max_: int | None | Unset = UNSET
    reported_by: int | None | Unset = UNSET
    quote: int | None | Unset = UNSET
    as_of: datetime.date | None | Unset = UNSET
    counted: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        incident = self.incident

        category = self.category.value

        population = self.population.value

        min_: int | None | Unset
        if isinstance(self.min_, Unset):
            min_ = UNSET
        else:
            min_ = self.min_

        max_: int | None | Unset
        if isinstance(self.max_, Unset):
            max_ = UNSET
        else:
            max_ = self.max_

        reported_by: int | None | Unset
        if isinstance(self.reported_by, Unset):
            reported_by = UNSET
        else:
            reported_by = self.reported_by

        quote: int | None | Unset
        if isinstance(self.quote, Unset):
            quote = UNSET
        else:
            quote = self.quote

        as_of: None | str | Unset
        if isinstance(self.as_of, Unset):
            as_of = UNSET
        elif isinstance(self.as_of, datetime.date):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        counted = self.counted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "incident": incident,
                "category": category,
                "population": population,
            }
        )
        if min_ is not UNSET:
            field_dict["min"] = min_
        if max_ is not UNSET:
            field_dict["max"] = max_
        if reported_by is not UNSET:
            field_dict["reported_by"] = reported_by
        if quote is not UNSET:
            field_dict["quote"] = quote
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
        if counted is not UNSET:
            field_dict["counted"] = counted

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        incident = d.pop("incident")

        category = CasualtyCategoryEnum(d.pop("category"))

        population = PopulationEnum(d.pop("population"))

        def _parse_min_(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_ = _parse_min_(d.pop("min", UNSET))

        def _parse_max_(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_ = _parse_max_(d.pop("max", UNSET))

        def _parse_reported_by(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        reported_by = _parse_reported_by(d.pop("reported_by", UNSET))

        def _parse_quote(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quote = _parse_quote(d.pop("quote", UNSET))

        def _parse_as_of(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = datetime.date.fromisoformat(data)

                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        as_of = _parse_as_of(d.pop("as_of", UNSET))

        counted = d.pop("counted", UNSET)

        casualty_report_write_request = cls(
            incident=incident,
            category=category,
            population=population,
            min_=min_,
            max_=max_,
            reported_by=reported_by,
            quote=quote,
            as_of=as_of,
            counted=counted,
        )

        casualty_report_write_request.additional_properties = d
        return casualty_report_write_request

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
