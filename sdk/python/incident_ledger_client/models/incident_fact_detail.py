from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fact_enum import FactEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.incident_brief import IncidentBrief
    from ..models.quote_brief import QuoteBrief


T = TypeVar("T", bound="IncidentFactDetail")


@_attrs_define
class IncidentFactDetail:
    """One citation of one of the incident's own facts: a quote it comes from, or the
    editor's note saying why it is inferred.

        Attributes:
            id (int): Numeric id, stable for the life of the record.
            incident (IncidentBrief):
            fact (FactEnum): * `date` - Date
                * `place` - Place
                * `coordinates` - Coordinates
                * `weapons` - Weapons
                * `civilian_deaths` - Civilian deaths
                * `civilian_injuries` - Civilian injuries
            quote (None | QuoteBrief): The verbatim words this rests on, with their source; null while a draft lacks one.
            created_at (datetime.datetime): When the record was created here (ISO 8601).
            updated_at (datetime.datetime): When the record last changed here (ISO 8601).
            note (str | Unset): Why the fact is inferred, when no quote says it (e.g. 'coordinates of the town centre named
                in the quote'); empty when a quote is given.
    """

    id: int
    incident: IncidentBrief
    fact: FactEnum
    quote: None | QuoteBrief
    created_at: datetime.datetime
    updated_at: datetime.datetime
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.quote_brief import QuoteBrief  # noqa: PLC0415

        id = self.id

        incident = self.incident.to_dict()

        fact = self.fact.value

        quote: dict[str, Any] | None
        if isinstance(self.quote, QuoteBrief):
            quote = self.quote.to_dict()
        else:
            quote = self.quote

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "incident": incident,
                "fact": fact,
                "quote": quote,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.incident_brief import IncidentBrief  # noqa: PLC0415
        from ..models.quote_brief import QuoteBrief  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        incident = IncidentBrief.from_dict(d.pop("incident"))

        fact = FactEnum(d.pop("fact"))

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

        note = d.pop("note", UNSET)

        incident_fact_detail = cls(
            id=id,
            incident=incident,
            fact=fact,
            quote=quote,
            created_at=created_at,
            updated_at=updated_at,
            note=note,
        )

        incident_fact_detail.additional_properties = d
        return incident_fact_detail

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
