from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.actor_kind_enum import ActorKindEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="ActorBrief")


@_attrs_define
class ActorBrief:
    """
    Attributes:
        id (int): Numeric id, stable for the life of the record.
        slug (str): Short unique name, usable in place of the id in URLs.
        name (str): Name most commonly used.
        kind (ActorKindEnum): * `state` - State
            * `government_body` - Government body
            * `armed_force` - Armed force
            * `armed_group` - Armed group
            * `person` - Person
            * `ngo` - NGO
            * `international_organisation` - International organisation
            * `media` - Media
            * `other` - Other
        country (str | Unset): ISO 3166-1 alpha-2 code of the actor's country; empty for international ones.
    """

    id: int
    slug: str
    name: str
    kind: ActorKindEnum
    country: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        slug = self.slug

        name = self.name

        kind = self.kind.value

        country: str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "name": name,
                "kind": kind,
            }
        )
        if country is not UNSET:
            field_dict["country"] = country

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        slug = d.pop("slug")

        name = d.pop("name")

        kind = ActorKindEnum(d.pop("kind"))

        def _parse_country(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        actor_brief = cls(
            id=id,
            slug=slug,
            name=name,
            kind=kind,
            country=country,
        )

        actor_brief.additional_properties = d
        return actor_brief

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
