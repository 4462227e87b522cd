from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.source_brief import SourceBrief


T = TypeVar("T", bound="Quote")


@_attrs_define
class Quote:
    """The words around a quote, which every representation of a quote gives (sources.context).

    Attributes:
        id (int): Numeric id, stable for the life of the record.
        text (str): The exact words, character for character, as in the body.
        start (int): Offset of the first character in the source body (0-based, in characters).
        end (int): Offset just past the last character: body[start:end] is the text.
        context_before (str): The words just before the quote in the source body (up to about 160 characters).
        context_after (str): The words just after the quote in the source body (up to about 160 characters).
        source (SourceBrief):
        created_at (datetime.datetime): When the record was created here (ISO 8601).
        updated_at (datetime.datetime): When the record last changed here (ISO 8601).
    """

    id: int
    text: str
    start: int
    end: int
    context_before: str
    context_after: str
    source: SourceBrief
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        text = self.text

        start = self.start

        end = self.end

        context_before = self.context_before

        context_after = self.context_after

        source = self.source.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "text": text,
                "start": start,
                "end": end,
                "context_before": context_before,
                "context_after": context_after,
                "source": source,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source_brief import SourceBrief  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        text = d.pop("text")

        start = d.pop("start")

        end = d.pop("end")

        context_before = d.pop("context_before")

        context_after = d.pop("context_after")

        source = SourceBrief.from_dict(d.pop("source"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        quote = cls(
            id=id,
            text=text,
            start=start,
            end=end,
            context_before=context_before,
            context_after=context_after,
            source=source,
            created_at=created_at,
            updated_at=updated_at,
        )

        quote.additional_properties = d
        return quote

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
