from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InvolvedActor")


@_attrs_define
class InvolvedActor:
    """An actor as listed on an incident, with the role one quote gives it.

    Attributes:
        id (int): Numeric id, stable for the life of the record.
        slug (str): Short unique name, usable in place of the id in URLs.
        name (str): Name most commonly used.
        kind (str): What sort of record this is.
        role (str): The actor's part in the incident.
        attributed_by (None | str): Slug of the actor who attributes the role; null: the source's own reporting.
    """

    id: int
    slug: str
    name: str
    kind: str
    role: str
    attributed_by: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        slug = self.slug

        name = self.name

        kind = self.kind

        role = self.role

        attributed_by: None | str
        attributed_by = self.attributed_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "name": name,
                "kind": kind,
                "role": role,
                "attributed_by": attributed_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        slug = d.pop("slug")

        name = d.pop("name")

        kind = d.pop("kind")

        role = d.pop("role")

        def _parse_attributed_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        attributed_by = _parse_attributed_by(d.pop("attributed_by"))

        involved_actor = cls(
            id=id,
            slug=slug,
            name=name,
            kind=kind,
            role=role,
            attributed_by=attributed_by,
        )

        involved_actor.additional_properties = d
        return involved_actor

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
