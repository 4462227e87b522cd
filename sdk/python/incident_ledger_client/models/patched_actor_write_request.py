from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.actor_kind_enum import ActorKindEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedActorWriteRequest")


@_attrs_define
class PatchedActorWriteRequest:
    """An actor; the slug of a new one may be left out (made from the name).

    Attributes:
        name (str | Unset): Name most commonly used.
        slug (str | Unset): Short unique name, usable in place of the id in URLs. Left out of a new actor: made from the
            name (lower case, hyphens, -2, -3... when taken).
        kind (ActorKindEnum | Unset): * `state` - State
            * `government_body` - Government body
            * `armed_force` - Armed force
            * `armed_group` - Armed group
            * `person` - Person
            * `ngo` - NGO
            * `international_organisation` - International organisation
            * `media` - Media
            * `other` - Other
        parent (int | None | Unset): The body this actor belongs to: Peskov → Kremlin → Russia.
        aliases (list[str] | Unset): Other names sources use, e.g. 'Moscow' for Russia; matched by ?actor=.
        country (str | Unset): ISO 3166-1 alpha-2 code of the actor's country; empty for international ones.
        wikidata_id (str | Unset): The Wikidata item, e.g. 'Q159' for Russia.
        description (str | Unset): The editors' short description.
    """

    name: str | Unset = UNSET
    slug: str | Unset = UNSET
    kind: ActorKindEnum | Unset = UNSET
    parent: int | None | Unset = UNSET
    aliases: list[str] | Unset = UNSET
    country: str | Unset = UNSET
    wikidata_id: str | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        slug = self.slug

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        parent: int | None | Unset
        if isinstance(self.parent, Unset):
            parent = UNSET
        else:
            parent = self.parent

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
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if slug is not UNSET:
            field_dict["slug"] = slug
        if kind is not UNSET:
            field_dict["kind"] = kind
        if parent is not UNSET:
            field_dict["parent"] = parent
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
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        slug = d.pop("slug", UNSET)

        _kind = d.pop("kind", UNSET)
        kind: ActorKindEnum | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = ActorKindEnum(_kind)

        def _parse_parent(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        parent = _parse_parent(d.pop("parent", UNSET))

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

        patched_actor_write_request = cls(
            name=name,
            slug=slug,
            kind=kind,
            parent=parent,
            aliases=aliases,
            country=country,
            wikidata_id=wikidata_id,
            description=description,
        )

        patched_actor_write_request.additional_properties = d
        return patched_actor_write_request

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
