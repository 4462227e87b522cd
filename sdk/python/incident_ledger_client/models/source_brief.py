from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.source_kind_enum import SourceKindEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="SourceBrief")


@_attrs_define
class SourceBrief:
    """
    Attributes:
        id (int): Numeric id, stable for the life of the record.
        kind (SourceKindEnum): * `news_article` - News article
            * `ngo_report` - NGO report
            * `official_statement` - Official statement
            * `press_briefing` - Press briefing
            * `social_media_post` - Social-media post
            * `dataset` - Dataset
            * `other` - Other
        title (str): Title.
        publisher (None | str | Unset): Who published the document, as it names itself; null when unknown (never a
            placeholder such as 'Unknown publisher').
        url (None | str | Unset): Where the document was published; unique when given.
        published_on (datetime.date | None | Unset): The publication date the document states; not after today.
    """

    id: int
    kind: SourceKindEnum
    title: str
    publisher: None | str | Unset = UNSET
    url: None | str | Unset = UNSET
    published_on: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        title = self.title

        publisher: None | str | Unset
        if isinstance(self.publisher, Unset):
            publisher = UNSET
        else:
            publisher = self.publisher

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        published_on: None | str | Unset
        if isinstance(self.published_on, Unset):
            published_on = UNSET
        elif isinstance(self.published_on, datetime.date):
            published_on = self.published_on.isoformat()
        else:
            published_on = self.published_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "title": title,
            }
        )
        if publisher is not UNSET:
            field_dict["publisher"] = publisher
        if url is not UNSET:
            field_dict["url"] = url
        if published_on is not UNSET:
            field_dict["published_on"] = published_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        kind = SourceKindEnum(d.pop("kind"))

        title = d.pop("title")

        def _parse_publisher(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        publisher = _parse_publisher(d.pop("publisher", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        def _parse_published_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_on_type_0 = datetime.date.fromisoformat(data)

                return published_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        published_on = _parse_published_on(d.pop("published_on", UNSET))

        source_brief = cls(
            id=id,
            kind=kind,
            title=title,
            publisher=publisher,
            url=url,
            published_on=published_on,
        )

        source_brief.additional_properties = d
        return source_brief

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
