from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attribution_grade_enum import AttributionGradeEnum
from ..models.civilian_harm_grade_enum import CivilianHarmGradeEnum

T = TypeVar("T", bound="GradeRequest")


@_attrs_define
class GradeRequest:
    """A reviewer's assessment grade, from the rubric of each choice.

    Attributes:
        civilian_harm (CivilianHarmGradeEnum): * `confirmed` - Confirmed: a specific belligerent has accepted
            responsibility
            * `fair` - Fair: reported by two or more independent credible sources, with likely or confirmed actions by a
            belligerent near the place at the time
            * `weak` - Weak: a single source's claim
            * `contested` - Contested: competing claims of responsibility, e.g. several belligerents, or the harm also
            attributed to ground forces
            * `discounted` - Discounted: those killed were combatants, or other parties most likely responsible
        attribution (AttributionGradeEnum): * `single` - Single: the sources name one belligerent as responsible
            * `contested` - Contested: two or more named belligerents are each held responsible by some source (listed as
            the incident's contested_between)
            * `unknown` - Unknown: no source names who is responsible
        reason (str): Why this grade; kept in the history with it.
    """

    civilian_harm: CivilianHarmGradeEnum
    attribution: AttributionGradeEnum
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        civilian_harm = self.civilian_harm.value

        attribution = self.attribution.value

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "civilian_harm": civilian_harm,
                "attribution": attribution,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        civilian_harm = CivilianHarmGradeEnum(d.pop("civilian_harm"))

        attribution = AttributionGradeEnum(d.pop("attribution"))

        reason = d.pop("reason")

        grade_request = cls(
            civilian_harm=civilian_harm,
            attribution=attribution,
            reason=reason,
        )

        grade_request.additional_properties = d
        return grade_request

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
