from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fact_enum import FactEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="IncidentFactWriteRequest")


@_attrs_define
class IncidentFactWriteRequest:
    """A write serializer that applies the model's own rules (``full_clean``: field
    validators, ``clean()``, unique and check constraints) and so reports each broken rule as
    a 400 naming its field, before the database would refuse it.

    Values ``clean()`` works out (a quote's offsets) flow back into the validated data.
    Uniqueness is the model's to check too, so DRF's own unique validators are off: they
    would make every field of a unique constraint required.

        Attributes:
            incident (int): The incident the figure is about.
            fact (FactEnum): * `date` - Date
                * `place` - Place
                * `coordinates` - Coordinates
                * `weapons` - Weapons
                * `civilian_deaths` - Civilian deaths
                * `civilian_injuries` - Civilian injuries
            quote (int | None | Unset): The words the fact comes from; empty when the note says why it is inferred.
            note (str | Unset): Why the fact is inferred, when no quote says it (e.g. 'coordinates of the town centre named
                in the quote'); empty when a quote is given.
    """

    incident: int
    fact: FactEnum
    quote: int | None | Unset = UNSET
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        incident = self.incident

        fact = self.fact.value

        quote: int | None | Unset
        if isinstance(self.quote, Unset):
            quote = UNSET
        else:
            quote = self.quote

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "incident": incident,
                "fact": fact,
            }
        )
        if quote is not UNSET:
            field_dict["quote"] = quote
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        incident = d.pop("incident")

        fact = FactEnum(d.pop("fact"))

        def _parse_quote(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quote = _parse_quote(d.pop("quote", UNSET))

        note = d.pop("note", UNSET)

        incident_fact_write_request = cls(
            incident=incident,
            fact=fact,
            quote=quote,
            note=note,
        )

        incident_fact_write_request.additional_properties = d
        return incident_fact_write_request

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
