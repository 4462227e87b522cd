from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role_enum import RoleEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="InvolvementWriteRequest")


@_attrs_define
class InvolvementWriteRequest:
    """A write serializer that applies the model's own rules (``full_clean``: field
    validators, ``clean()``, unique and check constraints) and so reports each broken rule as
    a 400 naming its field, before the database would refuse it.

    Values ``clean()`` works out (a quote's offsets) flow back into the validated data.
    Uniqueness is the model's to check too, so DRF's own unique validators are off: they
    would make every field of a unique constraint required.

        Attributes:
            incident (int): The incident the figure is about.
            actor (int): The actor involved.
            role (RoleEnum): * `perpetrator` - Perpetrator
                * `alleged_perpetrator` - Alleged perpetrator
                * `claimed_responsibility` - Claimed responsibility
                * `supporter` - Supporter
                * `target` - Target
                * `victim` - Victim
                * `investigator` - Investigator
                * `other` - Other
            attributed_by (int | None | Unset): Who attributes the role, in the words of the quote: e.g. the US State
                Department blaming Russia. Empty: the source's own reporting. A claim of responsibility is attributed by the
                claiming actor itself.
            quote (int | None | Unset): The words that support this involvement; required before publishing.
            note (str | Unset): Editors' note on this attribution.
    """

    incident: int
    actor: int
    role: RoleEnum
    attributed_by: int | None | Unset = UNSET
    quote: int | None | Unset = UNSET
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        incident = self.incident

        actor = self.actor

        role = self.role.value

        attributed_by: int | None | Unset
        if isinstance(self.attributed_by, Unset):
            attributed_by = UNSET
        else:
            attributed_by = self.attributed_by

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
                "actor": actor,
                "role": role,
            }
        )
        if attributed_by is not UNSET:
            field_dict["attributed_by"] = attributed_by
        if quote is not UNSET:
            field_dict["quote"] = quote
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        incident = d.pop("incident")

        actor = d.pop("actor")

        role = RoleEnum(d.pop("role"))

        def _parse_attributed_by(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        attributed_by = _parse_attributed_by(d.pop("attributed_by", UNSET))

        def _parse_quote(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quote = _parse_quote(d.pop("quote", UNSET))

        note = d.pop("note", UNSET)

        involvement_write_request = cls(
            incident=incident,
            actor=actor,
            role=role,
            attributed_by=attributed_by,
            quote=quote,
            note=note,
        )

        involvement_write_request.additional_properties = d
        return involvement_write_request

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
