from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role_enum import RoleEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.actor_brief import ActorBrief
    from ..models.quote_brief import QuoteBrief


T = TypeVar("T", bound="Involvement")


@_attrs_define
class Involvement:
    """A claim with its quote: the words around the quote, when the claim's queryset cut them
    in SQL (``with_quote_context()``), go to the quote.

        Attributes:
            id (int): Numeric id, stable for the life of the record.
            actor (ActorBrief):
            role (RoleEnum): * `perpetrator` - Perpetrator
                * `alleged_perpetrator` - Alleged perpetrator
                * `claimed_responsibility` - Claimed responsibility
                * `supporter` - Supporter
                * `target` - Target
                * `victim` - Victim
                * `investigator` - Investigator
                * `other` - Other
            attributed_by (ActorBrief | None): Who attributes the role, in the quote's words; null: the source's own
                reporting.
            quote (None | QuoteBrief): The verbatim words this rests on, with their source; null while a draft lacks one.
            note (str | Unset): Editors' note on this attribution.
    """

    id: int
    actor: ActorBrief
    role: RoleEnum
    attributed_by: ActorBrief | None
    quote: None | QuoteBrief
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.actor_brief import ActorBrief  # noqa: PLC0415
        from ..models.quote_brief import QuoteBrief  # noqa: PLC0415

        id = self.id

        actor = self.actor.to_dict()

        role = self.role.value

        attributed_by: dict[str, Any] | None
        if isinstance(self.attributed_by, ActorBrief):
            attributed_by = self.attributed_by.to_dict()
        else:
            attributed_by = self.attributed_by

        quote: dict[str, Any] | None
        if isinstance(self.quote, QuoteBrief):
            quote = self.quote.to_dict()
        else:
            quote = self.quote

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "actor": actor,
                "role": role,
                "attributed_by": attributed_by,
                "quote": quote,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.actor_brief import ActorBrief  # noqa: PLC0415
        from ..models.quote_brief import QuoteBrief  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        actor = ActorBrief.from_dict(d.pop("actor"))

        role = RoleEnum(d.pop("role"))

        def _parse_attributed_by(data: object) -> ActorBrief | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                attributed_by_type_1 = ActorBrief.from_dict(data)

                return attributed_by_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActorBrief | None, data)

        attributed_by = _parse_attributed_by(d.pop("attributed_by"))

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

        note = d.pop("note", UNSET)

        involvement = cls(
            id=id,
            actor=actor,
            role=role,
            attributed_by=attributed_by,
            quote=quote,
            note=note,
        )

        involvement.additional_properties = d
        return involvement

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
