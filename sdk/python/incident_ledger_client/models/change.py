from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action_enum import ActionEnum
from ..models.resource_enum import ResourceEnum

T = TypeVar("T", bound="Change")


@_attrs_define
class Change:
    """
    Attributes:
        resource (ResourceEnum): * `incidents` - incidents
            * `actors` - actors
            * `sources` - sources
            * `quotes` - quotes
            * `statements` - statements
            * `casualty-reports` - casualty-reports
        id (int): The record's id in `resource`.
        action (ActionEnum): * `created` - Created: became public
            * `updated` - Updated
            * `retracted` - Retracted by the editors
            * `deleted` - Deleted, or no longer public
        at (datetime.datetime): When the change entered the feed.
        merged_into (int | None): On `deleted` of an incident merged into another as a duplicate: the id of the incident
            it was merged into (its claims are there now); null otherwise.
    """

    resource: ResourceEnum
    id: int
    action: ActionEnum
    at: datetime.datetime
    merged_into: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        resource = self.resource.value

        id = self.id

        action = self.action.value

        at = self.at.isoformat()

        merged_into: int | None
        merged_into = self.merged_into

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "resource": resource,
                "id": id,
                "action": action,
                "at": at,
                "merged_into": merged_into,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        resource = ResourceEnum(d.pop("resource"))

        id = d.pop("id")

        action = ActionEnum(d.pop("action"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_merged_into(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        merged_into = _parse_merged_into(d.pop("merged_into"))

        change = cls(
            resource=resource,
            id=id,
            action=action,
            at=at,
            merged_into=merged_into,
        )

        change.additional_properties = d
        return change

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
