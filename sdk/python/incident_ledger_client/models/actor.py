from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.actor_kind_enum import ActorKindEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.actor_brief import ActorBrief


T = TypeVar("T", bound="Actor")


@_attrs_define
class Actor:
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
        parent (ActorBrief | None): The actor this one belongs to; null for a top-level actor.
        created_at (datetime.datetime): When the record was created here (ISO 8601).
        updated_at (datetime.datetime): When the record last changed here (ISO 8601).
        aliases (list[str] | Unset): Other names sources use, e.g. 'Moscow' for Russia; matched by ?actor=.
        country (str | Unset): ISO 3166-1 alpha-2 code of the actor's country; empty for international ones.
        wikidata_id (str | Unset): The Wikidata item, e.g. 'Q159' for Russia.
        description (str | Unset): The editors' short description.
    """

    id: int
    slug: str
    name: str
    kind: ActorKindEnum
    parent: ActorBrief | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    aliases: list[str] | Unset = UNSET
    country: str | Unset = UNSET
    wikidata_id: str | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.actor_brief import ActorBrief  # noqa: PLC0415

        id = self.id

        slug = self.slug

        name = self.name

        kind = self.kind.value

        parent: dict[str, Any] | None
        if isinstance(self.parent, ActorBrief):
            parent = self.parent.to_dict()
        else:
            parent = self.parent

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        aliases: list[str] | Unset = UNSET
        if not isinstance(self.aliases, Unset):
            aliases = self.aliases

        country: str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        wikidata_id: str | Unset
        if isinstance(self.wikidata_id, Unset):
            wikidata_id = UNSET
        else:
            wikidata_id = self.wikidata_id

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "name": name,
                "kind": kind,
                "parent": parent,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if aliases is not UNSET:
            field_dict["aliases"] = aliases
        if country is not UNSET:
            field_dict["country"] = country
        if wikidata_id is not UNSET:
            field_dict["wikidata_id"] = wikidata_id
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.actor_brief import ActorBrief  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        slug = d.pop("slug")

        name = d.pop("name")

        kind = ActorKindEnum(d.pop("kind"))

        def _parse_parent(data: object) -> ActorBrief | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                parent_type_1 = ActorBrief.from_dict(data)

                return parent_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActorBrief | None, data)

        parent = _parse_parent(d.pop("parent"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        aliases = cast(list[str], d.pop("aliases", UNSET))

        def _parse_country(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        def _parse_wikidata_id(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        wikidata_id = _parse_wikidata_id(d.pop("wikidata_id", UNSET))

        description = d.pop("description", UNSET)

        actor = cls(
            id=id,
            slug=slug,
            name=name,
            kind=kind,
            parent=parent,
            created_at=created_at,
            updated_at=updated_at,
            aliases=aliases,
            country=country,
            wikidata_id=wikidata_id,
            description=description,
        )

        actor.additional_properties = d
        return actor

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
