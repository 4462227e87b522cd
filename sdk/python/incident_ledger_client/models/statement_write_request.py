from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.statement_kind_enum import StatementKindEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="StatementWriteRequest")


@_attrs_define
class StatementWriteRequest:
    """A write serializer that applies the model's own rules (``full_clean``: field
    validators, ``clean()``, unique and check constraints) and so reports each broken rule as
    a 400 naming its field, before the database would refuse it.

    Values ``clean()`` works out (a quote's offsets) flow back into the validated data.
    Uniqueness is the model's to check too, so DRF's own unique validators are off: they
    would make every field of a unique constraint required.

        Attributes:
            speaker (int): Who said it.
            kind (StatementKindEnum): * `claim` - Claim
                * `denial` - Denial
                * `accusation` - Accusation
                * `condemnation` - Condemnation
                * `confirmation` - Confirmation
                * `warning` - Warning
                * `other` - Other
            quote (int | None | Unset): The words said, or reported as said; required before publishing.
            incidents (list[int] | Unset): Ids of the incidents the statement is about.
            said_on (datetime.date | None | Unset): When it was said, as its quote or its source dates it (a quote in the
                present tense: the source's date); empty when they do not say; not after today, nor after the source's
                publication date.
            denies (int | None | Unset): The involvement a denial denies (e.g. Russia denying that it struck the market);
                only for a denial, about that involvement's incident.
    """

    speaker: int
    kind: StatementKindEnum
    quote: int | None | Unset = UNSET
    incidents: list[int] | Unset = UNSET
    said_on: datetime.date | None | Unset = UNSET
    denies: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        speaker = self.speaker

        kind = self.kind.value

        quote: int | None | Unset
        if isinstance(self.quote, Unset):
            quote = UNSET
        else:
            quote = self.quote

        incidents: list[int] | Unset = UNSET
        if not isinstance(self.incidents, Unset):
            incidents = self.incidents

        said_on: None | str | Unset
        if isinstance(self.said_on, Unset):
            said_on = UNSET
        elif isinstance(self.said_on, datetime.date):
            said_on = self.said_on.isoformat()
        else:
            said_on = self.said_on

        denies: int | None | Unset
        if isinstance(self.denies, Unset):
            denies = UNSET
        else:
            denies = self.denies

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "speaker": speaker,
                "kind": kind,
            }
        )
        if quote is not UNSET:
            field_dict["quote"] = quote
        if incidents is not UNSET:
            field_dict["incidents"] = incidents
        if said_on is not UNSET:
            field_dict["said_on"] = said_on
        if denies is not UNSET:
            field_dict["denies"] = denies

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        speaker = d.pop("speaker")

        kind = StatementKindEnum(d.pop("kind"))

        def _parse_quote(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quote = _parse_quote(d.pop("quote", UNSET))

        incidents = cast(list[int], d.pop("incidents", UNSET))

        def _parse_said_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                said_on_type_0 = datetime.date.fromisoformat(data)

                return said_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        said_on = _parse_said_on(d.pop("said_on", UNSET))

        def _parse_denies(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        denies = _parse_denies(d.pop("denies", UNSET))

        statement_write_request = cls(
            speaker=speaker,
            kind=kind,
            quote=quote,
            incidents=incidents,
            said_on=said_on,
            denies=denies,
        )

        statement_write_request.additional_properties = d
        return statement_write_request

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
