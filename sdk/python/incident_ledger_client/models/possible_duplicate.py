from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PossibleDuplicate")


@_attrs_define
class PossibleDuplicate:
    """Another incident that may record the same event (incidents/duplicates.py).

    Attributes:
        id (int): The other incident's id.
        slug (str): The other incident's slug.
        title (str): The other incident's title.
        start_date (datetime.date): The other incident's first day.
        location_name (str): The other incident's town, site or area.
        status (str): The other incident's status: draft, in_review, published or retracted.
        why (list[str]): What the two share, in words: e.g. ["same day", "3.2 km apart"], ["same admin1 and location
            name"], ["same ACLED event id"].
    """

    id: int
    slug: str
    title: str
    start_date: datetime.date
    location_name: str
    status: str
    why: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        slug = self.slug

        title = self.title

        start_date = self.start_date.isoformat()

        location_name = self.location_name

        status = self.status

        why = self.why

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "title": title,
                "start_date": start_date,
                "location_name": location_name,
                "status": status,
                "why": why,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        slug = d.pop("slug")

        title = d.pop("title")

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        location_name = d.pop("location_name")

        status = d.pop("status")

        why = cast(list[str], d.pop("why"))

        possible_duplicate = cls(
            id=id,
            slug=slug,
            title=title,
            start_date=start_date,
            location_name=location_name,
            status=status,
            why=why,
        )

        possible_duplicate.additional_properties = d
        return possible_duplicate

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
