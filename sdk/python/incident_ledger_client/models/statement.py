from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.statement_kind_enum import StatementKindEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.actor_brief import ActorBrief
    from ..models.incident_brief import IncidentBrief
    from ..models.quote_brief import QuoteBrief


T = TypeVar("T", bound="Statement")


@_attrs_define
class Statement:
    """A claim with its quote: the words around the quote, when the claim's queryset cut them
    in SQL (``with_quote_context()``), go to the quote.

        Attributes:
            id (int): Numeric id, stable for the life of the record.
            speaker (ActorBrief):
            kind (StatementKindEnum): * `claim` - Claim
                * `denial` - Denial
                * `accusation` - Accusation
                * `condemnation` - Condemnation
                * `confirmation` - Confirmation
                * `warning` - Warning
                * `other` - Other
            quote (None | QuoteBrief): The verbatim words this rests on, with their source; null while a draft lacks one.
            denies (int | None): Id of the involvement a denial denies, when that involvement is shown: live, and of this
                incident or another published one.
            incidents (list[IncidentBrief]): What it is about.
            created_at (datetime.datetime): When the record was created here (ISO 8601).
            updated_at (datetime.datetime): When the record last changed here (ISO 8601).
            said_on (datetime.date | None | Unset): When it was said, as its quote or its source dates it (a quote in the
                present tense: the source's date); empty when they do not say; not after today, nor after the source's
                publication date.
    """

    id: int
    speaker: ActorBrief
    kind: StatementKindEnum
    quote: None | QuoteBrief
    denies: int | None
    incidents: list[IncidentBrief]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    said_on: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.quote_brief import QuoteBrief  # noqa: PLC0415

        id = self.id

        speaker = self.speaker.to_dict()

        kind = self.kind.value

        quote: dict[str, Any] | None
        if isinstance(self.quote, QuoteBrief):
            quote = self.quote.to_dict()
        else:
            quote = self.quote

        denies: int | None
        denies = self.denies

        incidents = []
        for incidents_item_data in self.incidents:
            incidents_item = incidents_item_data.to_dict()
            incidents.append(incidents_item)

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        said_on: None | str | Unset
        if isinstance(self.said_on, Unset):
            said_on = UNSET
        elif isinstance(self.said_on, datetime.date):
            said_on = self.said_on.isoformat()
        else:
            said_on = self.said_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "speaker": speaker,
                "kind": kind,
                "quote": quote,
                "denies": denies,
                "incidents": incidents,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if said_on is not UNSET:
            field_dict["said_on"] = said_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.actor_brief import ActorBrief  # noqa: PLC0415
        from ..models.incident_brief import IncidentBrief  # noqa: PLC0415
        from ..models.quote_brief import QuoteBrief  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        speaker = ActorBrief.from_dict(d.pop("speaker"))

        kind = StatementKindEnum(d.pop("kind"))

        def _parse_quote(data: object) -> None | QuoteBrief:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quote_type_1 = QuoteBrief.from_dict(data)

                return quote_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuoteBrief, data)

        quote = _parse_quote(d.pop("quote"))

        def _parse_denies(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        denies = _parse_denies(d.pop("denies"))

        incidents = []
        _incidents = d.pop("incidents")
        for incidents_item_data in _incidents:
            incidents_item = IncidentBrief.from_dict(incidents_item_data)

            incidents.append(incidents_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

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

        statement = cls(
            id=id,
            speaker=speaker,
            kind=kind,
            quote=quote,
            denies=denies,
            incidents=incidents,
            created_at=created_at,
            updated_at=updated_at,
            said_on=said_on,
        )

        statement.additional_properties = d
        return statement

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
