from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.casualty_category_enum import CasualtyCategoryEnum
from ..models.population_enum import PopulationEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.actor_brief import ActorBrief
    from ..models.incident_brief import IncidentBrief
    from ..models.quote_brief import QuoteBrief


T = TypeVar("T", bound="CasualtyReport")


@_attrs_define
class CasualtyReport:
    """A claim with its quote: the words around the quote, when the claim's queryset cut them
    in SQL (``with_quote_context()``), go to the quote.

        Attributes:
            id (int): Numeric id, stable for the life of the record.
            incident (IncidentBrief):
            category (CasualtyCategoryEnum): * `killed` - Killed
                * `injured` - Injured
                * `displaced` - Displaced
            population (PopulationEnum): * `civilians` - Civilians
                * `combatants` - Combatants
                * `all` - All
            reported_by (ActorBrief | None): Who gives the figure; null when the source does not say.
            quote (None | QuoteBrief): The verbatim words this rests on, with their source; null while a draft lacks one.
            created_at (datetime.datetime): When the record was created here (ISO 8601).
            updated_at (datetime.datetime): When the record last changed here (ISO 8601).
            min_ (int | None | Unset): Lowest figure the report allows ('at least 200' gives 200). At most 100,000,000;
                empty when unknown.
            max_ (int | None | Unset): Highest figure the report allows ('nearly 300,000' gives 300,000). At most
                100,000,000; empty when unknown.
            as_of (datetime.date | None | Unset): The date the figure is valid for: the last day of the period it counts
                when the words give one ('the first six weeks' of a campaign begun on 30 September 2015: 2015-11-11), else the
                date it was stated (the statement's date, or the date of the source that reports it as current); empty when
                neither is known; not after today.
            counted (bool | Unset): Whether the incident's headline civilian figures count this report: they run from the
                lowest minimum to the highest maximum of the counted reports of civilians killed (and injured). Editors mark
                curated reports; dataset reports count by default.
    """

    id: int
    incident: IncidentBrief
    category: CasualtyCategoryEnum
    population: PopulationEnum
    reported_by: ActorBrief | None
    quote: None | QuoteBrief
    created_at: datetime.datetime
    updated_at: datetime.datetime
    min_: int | None | Unset = UNSET
    max_: int | None | Unset = UNSET
    as_of: datetime.date | None | Unset = UNSET
    counted: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.actor_brief import ActorBrief  # noqa: PLC0415
        from ..models.quote_brief import QuoteBrief  # noqa: PLC0415

        id = self.id

        incident = self.incident.to_dict()

        category = self.category.value

        population = self.population.value

        reported_by: dict[str, Any] | None
        if isinstance(self.reported_by, ActorBrief):
            reported_by = self.reported_by.to_dict()
        else:
            reported_by = self.reported_by

        quote: dict[str, Any] | None
        if isinstance(self.quote, QuoteBrief):
            quote = self.quote.to_dict()
        else:
            quote = self.quote

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

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
                "id": id,
                "incident": incident,
                "category": category,
                "population": population,
                "reported_by": reported_by,
                "quote": quote,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if min_ is not UNSET:
            field_dict["min"] = min_
        if max_ is not UNSET:
            field_dict["max"] = max_
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
        if counted is not UNSET:
            field_dict["counted"] = counted

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.actor_brief import ActorBrief  # noqa: PLC0415
        from ..models.incident_brief import IncidentBrief  # noqa: PLC0415
        from ..models.quote_brief import QuoteBrief  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        incident = IncidentBrief.from_dict(d.pop("incident"))

        category = CasualtyCategoryEnum(d.pop("category"))

        population = PopulationEnum(d.pop("population"))

        def _parse_reported_by(data: object) -> ActorBrief | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reported_by_type_1 = ActorBrief.from_dict(data)

                return reported_by_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActorBrief | None, data)

        reported_by = _parse_reported_by(d.pop("reported_by"))

        def _parse_quote(data: object) -> None | QuoteBrief:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quote_type_1 = QuoteBrief.from_dict(data)

                return quote_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuoteBrief, data)

        quote = _parse_quote(d.pop("quote"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

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

        casualty_report = cls(
            id=id,
            incident=incident,
            category=category,
            population=population,
            reported_by=reported_by,
            quote=quote,
            created_at=created_at,
            updated_at=updated_at,
            min_=min_,
            max_=max_,
            as_of=as_of,
            counted=counted,
        )

        casualty_report.additional_properties = d
        return casualty_report

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
