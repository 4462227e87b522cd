from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.dataset_enum import DatasetEnum

T = TypeVar("T", bound="DatasetRecord")


@_attrs_define
class DatasetRecord:
    """
    Attributes:
        source_id (int): The record's source id.
        dataset (DatasetEnum): * `acled` - acled
            * `ucdp` - ucdp
        event_id (str): The dataset's event id (ACLED event_id_cnty, GED id).
        fatalities (str): Fatalities (ACLED), best estimate (GED).
        inter1 (str): ACLED's inter code of actor 1 (1 state forces ... 8 external).
        inter2 (str): ACLED's inter code of actor 2.
        interaction (str): ACLED's interaction code.
        civilian_targeting (str): ACLED: 'Civilian targeting' or empty.
        type_of_violence (str): GED: 1 state-based, 2 non-state, 3 one-sided.
        admin1 (str): First-level region, as the dataset names it.
        admin2 (str): Second-level region.
        admin3 (str): Third-level region (ACLED).
        location (str): Place, as the dataset names it.
        source (str): The dataset's sources.
        source_scale (str): ACLED's source scale.
        notes (str): ACLED's notes.
        deaths_a (str): GED: deaths on side A.
        deaths_b (str): GED: deaths on side B.
        deaths_civilians (str): GED: civilian deaths.
        deaths_unknown (str): GED: deaths of unknown status.
        best (str): GED: best estimate of deaths.
        low (str): GED: low estimate.
        high (str): GED: high estimate.
    """

    source_id: int
    dataset: DatasetEnum
    event_id: str
    fatalities: str
    inter1: str
    inter2: str
    interaction: str
    civilian_targeting: str
    type_of_violence: str
    admin1: str
    admin2: str
    admin3: str
    location: str
    source: str
    source_scale: str
    notes: str
    deaths_a: str
    deaths_b: str
    deaths_civilians: str
    deaths_unknown: str
    best: str
    low: str
    high: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source_id = self.source_id

        dataset = self.dataset.value

        event_id = self.event_id

        fatalities = self.fatalities

        inter1 = self.inter1

        inter2 = self.inter2

        interaction = self.interaction

        civilian_targeting = self.civilian_targeting

        type_of_violence = self.type_of_violence

        admin1 = self.admin1

        admin2 = self.admin2

        admin3 = self.admin3

        location = self.location

        source = self.source

        source_scale = self.source_scale

        notes = self.notes

        deaths_a = self.deaths_a

        deaths_b = self.deaths_b

        deaths_civilians = self.deaths_civilians

        deaths_unknown = self.deaths_unknown

        best = self.best

        low = self.low

        high = self.high

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source_id": source_id,
                "dataset": dataset,
                "event_id": event_id,
                "fatalities": fatalities,
                "inter1": inter1,
                "inter2": inter2,
                "interaction": interaction,
                "civilian_targeting": civilian_targeting,
                "type_of_violence": type_of_violence,
                "admin1": admin1,
                "admin2": admin2,
                "admin3": admin3,
                "location": location,
                "source": source,
                "source_scale": source_scale,
                "notes": notes,
                "deaths_a": deaths_a,
                "deaths_b": deaths_b,
                "deaths_civilians": deaths_civilians,
                "deaths_unknown": deaths_unknown,
                "best": best,
                "low": low,
                "high": high,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source_id = d.pop("source_id")

        dataset = DatasetEnum(d.pop("dataset"))

        event_id = d.pop("event_id")

        fatalities = d.pop("fatalities")

        inter1 = d.pop("inter1")

        inter2 = d.pop("inter2")

        interaction = d.pop("interaction")

        civilian_targeting = d.pop("civilian_targeting")

        type_of_violence = d.pop("type_of_violence")

        admin1 = d.pop("admin1")

        admin2 = d.pop("admin2")

        admin3 = d.pop("admin3")

        location = d.pop("location")

        source = d.pop("source")

        source_scale = d.pop("source_scale")

        notes = d.pop("notes")

        deaths_a = d.pop("deaths_a")

        deaths_b = d.pop("deaths_b")

        deaths_civilians = d.pop("deaths_civilians")

        deaths_unknown = d.pop("deaths_unknown")

        best = d.pop("best")

        low = d.pop("low")

        high = d.pop("high")

        dataset_record = cls(
            source_id=source_id,
            dataset=dataset,
            event_id=event_id,
            fatalities=fatalities,
            inter1=inter1,
            inter2=inter2,
            interaction=interaction,
            civilian_targeting=civilian_targeting,
            type_of_violence=type_of_violence,
            admin1=admin1,
            admin2=admin2,
            admin3=admin3,
            location=location,
            source=source,
            source_scale=source_scale,
            notes=notes,
            deaths_a=deaths_a,
            deaths_b=deaths_b,
            deaths_civilians=deaths_civilians,
            deaths_unknown=deaths_unknown,
            best=best,
            low=low,
            high=high,
        )

        dataset_record.additional_properties = d
        return dataset_record

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
