from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.history_event_after_type_0 import HistoryEventAfterType0
    from ..models.history_event_before_type_0 import HistoryEventBeforeType0
    from ..models.history_event_changes import HistoryEventChanges


T = TypeVar("T", bound="HistoryEvent")


@_attrs_define
class HistoryEvent:
    """
    Attributes:
        id (int): Position in the history, increasing.
        at (datetime.datetime): When the change was made.
        operation (str): insert, update, delete, or purge (the events before it were redacted).
        username (str): Who made it; empty for a write with no user.
        via (str): Through what: api, admin, command:NAME.
        reason (str): Why, as the editor said.
        request_id (str): The X-Request-ID of the request that made it.
        changes (HistoryEventChanges): Each changed column: [before, after].
        before (HistoryEventBeforeType0 | None): The whole row before.
        after (HistoryEventAfterType0 | None): The whole row after.
        redacted (bool): Content removed by a legal purge.
    """

    id: int
    at: datetime.datetime
    operation: str
    username: str
    via: str
    reason: str
    request_id: str
    changes: HistoryEventChanges
    before: HistoryEventBeforeType0 | None
    after: HistoryEventAfterType0 | None
    redacted: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.history_event_after_type_0 import (
            HistoryEventAfterType0,  # noqa: PLC0415
        )
        from ..models.history_event_before_type_0 import (
            HistoryEventBeforeType0,  # noqa: PLC0415
        )

        id = self.id

        at = self.at.isoformat()

        operation = self.operation

        username = self.username

        via = self.via

        reason = self.reason

        request_id = self.request_id

        changes = self.changes.to_dict()

        before: dict[str, Any] | None
        if isinstance(self.before, HistoryEventBeforeType0):
            before = self.before.to_dict()
        else:
            before = self.before

        after: dict[str, Any] | None
        if isinstance(self.after, HistoryEventAfterType0):
            after = self.after.to_dict()
        else:
            after = self.after

        redacted = self.redacted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "at": at,
                "operation": operation,
                "username": username,
                "via": via,
                "reason": reason,
                "request_id": request_id,
                "changes": changes,
                "before": before,
                "after": after,
                "redacted": redacted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.history_event_after_type_0 import (
            HistoryEventAfterType0,  # noqa: PLC0415
        )
        from ..models.history_event_before_type_0 import (
            HistoryEventBeforeType0,  # noqa: PLC0415
        )
        from ..models.history_event_changes import HistoryEventChanges  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        operation = d.pop("operation")

        username = d.pop("username")

        via = d.pop("via")

        reason = d.pop("reason")

        request_id = d.pop("request_id")

        changes = HistoryEventChanges.from_dict(d.pop("changes"))

        def _parse_before(data: object) -> HistoryEventBeforeType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                before_type_0 = HistoryEventBeforeType0.from_dict(data)

                return before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HistoryEventBeforeType0 | None, data)

        before = _parse_before(d.pop("before"))

        def _parse_after(data: object) -> HistoryEventAfterType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                after_type_0 = HistoryEventAfterType0.from_dict(data)

                return after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HistoryEventAfterType0 | None, data)

        after = _parse_after(d.pop("after"))

        redacted = d.pop("redacted")

        history_event = cls(
            id=id,
            at=at,
            operation=operation,
            username=username,
            via=via,
            reason=reason,
            request_id=request_id,
            changes=changes,
            before=before,
            after=after,
            redacted=redacted,
        )

        history_event.additional_properties = d
        return history_event

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
