from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.operation_enum import OperationEnum
from ..models.revision_status_enum import RevisionStatusEnum

if TYPE_CHECKING:
    from ..models.held_incident_write_after_type_0 import HeldIncidentWriteAfterType0
    from ..models.held_incident_write_before_type_0 import HeldIncidentWriteBeforeType0
    from ..models.held_incident_write_changes import HeldIncidentWriteChanges
    from ..models.possible_duplicate import PossibleDuplicate


T = TypeVar("T", bound="HeldIncidentWrite")


@_attrs_define
class HeldIncidentWrite:
    """An editor's write of an incident held for review, with the incidents that may record
    the same event as the incident it proposes.

        Attributes:
            id (int): Numeric id, stable for the life of the record.
            resource (str): The API resource, e.g. 'involvements'.
            object_id (int | None): The record's id; empty for a record still to create.
            record (None | str): The API path of the record it revises; null for a record still to create.
            operation (OperationEnum): * `create` - Create a record
                * `update` - Change a record
                * `delete` - Delete a record
            status (RevisionStatusEnum): * `pending` - Pending: waits for a reviewer
                * `accepted` - Accepted: applied to the public record
                * `rejected` - Rejected by a reviewer
                * `withdrawn` - Withdrawn by its editor Default: RevisionStatusEnum.PENDING.
            reason (str): Why, as the editor said.
            proposed_by (str): The editor who proposed it.
            proposed_at (datetime.datetime): When the edit was made.
            decided_by (None | str): The reviewer who accepted or rejected it (the editor, for a withdrawal).
            decided_at (datetime.datetime | None): When it was accepted, rejected or withdrawn.
            decision_reason (str): Why the reviewer rejected it (or a note).
            changes (HeldIncidentWriteChanges): Each field it changes: [public value, proposed value].
            before (HeldIncidentWriteBeforeType0 | None): The record's fields when the edit was made.
            after (HeldIncidentWriteAfterType0 | None): The record's fields as the edit leaves them.
            possible_duplicates (list[PossibleDuplicate]): As in the answer of a write that is made: incidents that may
                record the same event as the incident this revision proposes. Empty when none.
    """

    id: int
    resource: str
    object_id: int | None
    record: None | str
    operation: OperationEnum
    reason: str
    proposed_by: str
    proposed_at: datetime.datetime
    decided_by: None | str
    decided_at: datetime.datetime | None
    decision_reason: str
    changes: HeldIncidentWriteChanges
    before: HeldIncidentWriteBeforeType0 | None
    after: HeldIncidentWriteAfterType0 | None
    possible_duplicates: list[PossibleDuplicate]
    status: RevisionStatusEnum = RevisionStatusEnum.PENDING
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.held_incident_write_after_type_0 import (
            HeldIncidentWriteAfterType0,  # noqa: PLC0415
        )
        from ..models.held_incident_write_before_type_0 import (
            HeldIncidentWriteBeforeType0,  # noqa: PLC0415
        )

        id = self.id

        resource = self.resource

        object_id: int | None
        object_id = self.object_id

        record: None | str
        record = self.record

        operation = self.operation.value

        status = self.status.value

        reason = self.reason

        proposed_by = self.proposed_by

        proposed_at = self.proposed_at.isoformat()

        decided_by: None | str
        decided_by = self.decided_by

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decision_reason = self.decision_reason

        changes = self.changes.to_dict()

        before: dict[str, Any] | None
        if isinstance(self.before, HeldIncidentWriteBeforeType0):
            before = self.before.to_dict()
        else:
            before = self.before

        after: dict[str, Any] | None
        if isinstance(self.after, HeldIncidentWriteAfterType0):
            after = self.after.to_dict()
        else:
            after = self.after

        possible_duplicates = []
        for possible_duplicates_item_data in self.possible_duplicates:
            possible_duplicates_item = possible_duplicates_item_data.to_dict()
            possible_duplicates.append(possible_duplicates_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "resource": resource,
                "object_id": object_id,
                "record": record,
                "operation": operation,
                "status": status,
                "reason": reason,
                "proposed_by": proposed_by,
                "proposed_at": proposed_at,
                "decided_by": decided_by,
                "decided_at": decided_at,
                "decision_reason": decision_reason,
                "changes": changes,
                "before": before,
                "after": after,
                "possible_duplicates": possible_duplicates,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.held_incident_write_after_type_0 import (
            HeldIncidentWriteAfterType0,  # noqa: PLC0415
        )
        from ..models.held_incident_write_before_type_0 import (
            HeldIncidentWriteBeforeType0,  # noqa: PLC0415
        )
        from ..models.held_incident_write_changes import (
            HeldIncidentWriteChanges,  # noqa: PLC0415
        )
        from ..models.possible_duplicate import PossibleDuplicate  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        resource = d.pop("resource")

        def _parse_object_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        object_id = _parse_object_id(d.pop("object_id"))

        def _parse_record(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        record = _parse_record(d.pop("record"))

        operation = OperationEnum(d.pop("operation"))

        status = RevisionStatusEnum(d.pop("status"))

        reason = d.pop("reason")

        proposed_by = d.pop("proposed_by")

        proposed_at = datetime.datetime.fromisoformat(d.pop("proposed_at"))

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        decision_reason = d.pop("decision_reason")

        changes = HeldIncidentWriteChanges.from_dict(d.pop("changes"))

        def _parse_before(data: object) -> HeldIncidentWriteBeforeType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                before_type_0 = HeldIncidentWriteBeforeType0.from_dict(data)

                return before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HeldIncidentWriteBeforeType0 | None, data)

        before = _parse_before(d.pop("before"))

        def _parse_after(data: object) -> HeldIncidentWriteAfterType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                after_type_0 = HeldIncidentWriteAfterType0.from_dict(data)

                return after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HeldIncidentWriteAfterType0 | None, data)

        after = _parse_after(d.pop("after"))

        possible_duplicates = []
        _possible_duplicates = d.pop("possible_duplicates")
        for possible_duplicates_item_data in _possible_duplicates:
            possible_duplicates_item = PossibleDuplicate.from_dict(
                possible_duplicates_item_data
            )

            possible_duplicates.append(possible_duplicates_item)

        held_incident_write = cls(
            id=id,
            resource=resource,
            object_id=object_id,
            record=record,
            operation=operation,
            status=status,
            reason=reason,
            proposed_by=proposed_by,
            proposed_at=proposed_at,
            decided_by=decided_by,
            decided_at=decided_at,
            decision_reason=decision_reason,
            changes=changes,
            before=before,
            after=after,
            possible_duplicates=possible_duplicates,
        )

        held_incident_write.additional_properties = d
        return held_incident_write

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
