from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="QuoteWriteRequest")


@_attrs_define
class QuoteWriteRequest:
    """Give the text, and the start offset when the text occurs more than once in the body:
    the end is found, and anything not verbatim is refused.

        Attributes:
            source (int): The document the words are taken from.
            text (str): The exact words, character for character, as in the body.
            start (int | Unset): Offset of the first character; found if omitted.
            end (int | Unset): Offset past the last character; found if omitted.
    """

    source: int
    text: str
    start: int | Unset = UNSET
    end: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source

        text = self.text

        start = self.start

        end = self.end

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
                "text": text,
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
        source = d.pop("source")

        text = d.pop("text")

        start = d.pop("start", UNSET)

        end = d.pop("end", UNSET)

        quote_write_request = cls(
            source=source,
            text=text,
            start=start,
            end=end,
        )

        quote_write_request.additional_properties = d
        return quote_write_request

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
