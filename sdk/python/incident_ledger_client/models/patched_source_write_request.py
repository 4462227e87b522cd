from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.source_kind_enum import SourceKindEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedSourceWriteRequest")


@_attrs_define
class PatchedSourceWriteRequest:
    """A write serializer that applies the model's own rules (``full_clean``: field
    validators, ``clean()``, unique and check constraints) and so reports each broken rule as
    a 400 naming its field, before the database would refuse it.

    Values ``clean()`` works out (a quote's offsets) flow back into the validated data.
    Uniqueness is the model's to check too, so DRF's own unique validators are off: they
    would make every field of a unique constraint required.

        Attributes:
            kind (SourceKindEnum | Unset): * `news_article` - News article
                * `ngo_report` - NGO report
                * `official_statement` - Official statement
                * `press_briefing` - Press briefing
                * `social_media_post` - Social-media post
                * `dataset` - Dataset
                * `other` - Other
            title (str | Unset): Title.
            publisher (None | str | Unset): Who published the document, as it names itself; null when unknown (never a
                placeholder such as 'Unknown publisher').
            authors (list[str] | Unset): Authors' names as the document gives them, in its order.
            url (None | str | Unset): Where the document was published; unique when given.
            published_on (datetime.date | None | Unset): The publication date the document states; not after today.
            language (str | Unset): BCP 47 language tag of the body, e.g. 'en' or 'ar'.
            body (str | Unset): The full text exactly as captured; quotes are character spans of it. Empty for a document
                known only because another source cites it.
            captured_at (datetime.datetime | None | Unset): When the body was captured from the document.
            archive_url (str | Unset): A permanent archived copy (e.g. Wayback Machine).
            cites (list[int] | Unset): Ids of the documents this one reports on.
    """

    kind: SourceKindEnum | Unset = UNSET
    title: str | Unset = UNSET
    publisher: None | str | Unset = UNSET
    authors: list[str] | Unset = UNSET
    url: None | str | Unset = UNSET
    published_on: datetime.date | None | Unset = UNSET
    language: str | Unset = UNSET
    body: str | Unset = UNSET
    captured_at: datetime.datetime | None | Unset = UNSET
    archive_url: str | Unset = UNSET
    cites: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        title = self.title

        publisher: None | str | Unset
        if isinstance(self.publisher, Unset):
            publisher = UNSET
        else:
            publisher = self.publisher

        authors: list[str] | Unset = UNSET
        if not isinstance(self.authors, Unset):
            authors = self.authors

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

        language = self.language

        body = self.body

        captured_at: None | str | Unset
        if isinstance(self.captured_at, Unset):
            captured_at = UNSET
        elif isinstance(self.captured_at, datetime.datetime):
            captured_at = self.captured_at.isoformat()
        else:
            captured_at = self.captured_at

        archive_url: str | Unset
        if isinstance(self.archive_url, Unset):
            archive_url = UNSET
        else:
            archive_url = self.archive_url

        cites: list[int] | Unset = UNSET
        if not isinstance(self.cites, Unset):
            cites = self.cites

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if kind is not UNSET:
            field_dict["kind"] = kind
        if title is not UNSET:
            field_dict["title"] = title
        if publisher is not UNSET:
            field_dict["publisher"] = publisher
        if authors is not UNSET:
            field_dict["authors"] = authors
        if url is not UNSET:
            field_dict["url"] = url
        if published_on is not UNSET:
            field_dict["published_on"] = published_on
        if language is not UNSET:
            field_dict["language"] = language
        if body is not UNSET:
            field_dict["body"] = body
        if captured_at is not UNSET:
            field_dict["captured_at"] = captured_at
        if archive_url is not UNSET:
            field_dict["archive_url"] = archive_url
        if cites is not UNSET:
            field_dict["cites"] = cites

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _kind = d.pop("kind", UNSET)
        kind: SourceKindEnum | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = SourceKindEnum(_kind)

        title = d.pop("title", UNSET)

        def _parse_publisher(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        publisher = _parse_publisher(d.pop("publisher", UNSET))

        authors = cast(list[str], d.pop("authors", UNSET))

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

        language = d.pop("language", UNSET)

        body = d.pop("body", UNSET)

        def _parse_captured_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                captured_at_type_0 = datetime.datetime.fromisoformat(data)

                return captured_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        captured_at = _parse_captured_at(d.pop("captured_at", UNSET))

        def _parse_archive_url(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        archive_url = _parse_archive_url(d.pop("archive_url", UNSET))

        cites = cast(list[int], d.pop("cites", UNSET))

        patched_source_write_request = cls(
            kind=kind,
            title=title,
            publisher=publisher,
            authors=authors,
            url=url,
            published_on=published_on,
            language=language,
            body=body,
            captured_at=captured_at,
            archive_url=archive_url,
            cites=cites,
        )

        patched_source_write_request.additional_properties = d
        return patched_source_write_request

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
