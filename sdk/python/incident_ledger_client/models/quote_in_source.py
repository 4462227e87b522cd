from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="QuoteInSource")


@_attrs_define
class QuoteInSource:
    """The words around a quote, which every representation of a quote gives (sources.context).

    Attributes:
        id (int): Numeric id, stable for the life of the record.
        text (str): The exact words, character for character, as in the body.
        context_before (str): The words just before the quote in the source body (up to about 160 characters).
        context_after (str): The words just after the quote in the source body (up to about 160 characters).
        start (int | Unset): Offset of the first character in the source body (0-based, in characters).
        end (int | Unset): Offset just past the last character: body[start:end] is the text.
    """

    id: int
    text: str
    context_before: str
    context_after: str
    start: int | Unset = UNSET
    end: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        text = self.text

        context_before = self.context_before

        context_after = self.context_after

        start = self.start

        end = self.end

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "text": text,
                "context_before": context_before,
                "context_after": context_after,
            }
        )
        if start is not UNSET:
            field_dict["start"] = start
        if end is not UNSET:
            field_dict["end"] = end

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        text = d.pop("text")

        context_before = d.pop("context_before")

        context_after = d.pop("context_after")

        start = d.pop("start", UNSET)

        end = d.pop("end", UNSET)

        quote_in_source = cls(
            id=id,
            text=text,
            context_before=context_before,
            context_after=context_after,
            start=start,
            end=end,
        )

        quote_in_source.additional_properties = d
        return quote_in_source

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
