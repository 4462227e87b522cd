from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attribution_grade_enum import AttributionGradeEnum
from ..models.civilian_harm_grade_enum import CivilianHarmGradeEnum

T = TypeVar("T", bound="SuggestedGrade")


@_attrs_define
class SuggestedGrade:
    """The grades the incident's evidence suggests (incidents.assessment.suggest_grade), and
    the counts they rest on.

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
            independent_sources (int): Distinct publishers of the sources the claims quote.
            alleged_perpetrators (int): Distinct actors involved as perpetrator or alleged perpetrator.
            accepted_by_perpetrator (bool): Whether an alleged perpetrator (or a body directly under it) confirmed it.
            denied (bool): Whether a denial statement is about it.
            figures_disagree (bool): Whether two reports of civilians killed give ranges that do not overlap.
    """

    civilian_harm: CivilianHarmGradeEnum
    attribution: AttributionGradeEnum
    independent_sources: int
    alleged_perpetrators: int
    accepted_by_perpetrator: bool
    denied: bool
    figures_disagree: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        civilian_harm = self.civilian_harm.value

        attribution = self.attribution.value

        independent_sources = self.independent_sources

        alleged_perpetrators = self.alleged_perpetrators

        accepted_by_perpetrator = self.accepted_by_perpetrator

        denied = self.denied

        figures_disagree = self.figures_disagree

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "civilian_harm": civilian_harm,
                "attribution": attribution,
                "independent_sources": independent_sources,
                "alleged_perpetrators": alleged_perpetrators,
                "accepted_by_perpetrator": accepted_by_perpetrator,
                "denied": denied,
                "figures_disagree": figures_disagree,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        civilian_harm = CivilianHarmGradeEnum(d.pop("civilian_harm"))

        attribution = AttributionGradeEnum(d.pop("attribution"))

        independent_sources = d.pop("independent_sources")

        alleged_perpetrators = d.pop("alleged_perpetrators")

        accepted_by_perpetrator = d.pop("accepted_by_perpetrator")

        denied = d.pop("denied")

        figures_disagree = d.pop("figures_disagree")

        suggested_grade = cls(
            civilian_harm=civilian_harm,
            attribution=attribution,
            independent_sources=independent_sources,
            alleged_perpetrators=alleged_perpetrators,
            accepted_by_perpetrator=accepted_by_perpetrator,
            denied=denied,
            figures_disagree=figures_disagree,
        )

        suggested_grade.additional_properties = d
        return suggested_grade

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
