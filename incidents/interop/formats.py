"""What ACLED and UCDP GED rows and ledger records have in common, and the dataset record.

A *dataset record* is the Source an imported row is kept in. Its body has one line per column,
``column: value`` (``column:`` when empty), in the dataset's layout order, then any column of
the file outside that layout. Values are canonical: text trimmed with line breaks turned into
spaces (so that a line is a field), whole numbers without leading zeros or decimals,
coordinates as Python prints floats, dates as YYYY-MM-DD, the markers of a missing value that
R, pandas and spreadsheets write (``NA``, ``NaN``, ``NULL``...) as empty. A quote of one line or
of adjacent lines is the verbatim evidence of a claim: "fatalities: 5" for ACLED's figure.

The row as the file gave it (its header's columns in order, its cells untouched) is kept beside
the body, in ``Source.dataset_row``: an export writes it back where the ledger still says what
it says.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from incidents.choices import (
    SUB_TYPES_BY_TYPE,
    ActorKind,
    CasualtyCategory,
    IncidentSubType,
    IncidentType,
    Population,
    Role,
)
from incidents.models import MAX_COUNT

from . import countries

Record = dict[str, str]


# What R (write.csv), pandas (to_csv), spreadsheets and SQL dumps write for a missing value.
MISSING = frozenset({"NA", "N/A", "n/a", "#N/A", "NaN", "nan", "<NA>", "NULL", "null", "None"})


def canonical_text(value: str | None) -> str:
    value = (value or "").strip()
    if value in MISSING:
        return ""
    return re.sub(r"\s*[\r\n]+\s*", " ", value)


def record_lines(record: Record) -> list[str]:
    return [f"{column}: {value}" if value else f"{column}:" for column, value in record.items()]


def record_body(record: Record) -> tuple[str, dict[str, tuple[int, int]]]:
    """The body of a dataset record, and the span of each column's line in it."""
    spans, at = {}, 0
    lines = record_lines(record)
    for column, line in zip(record, lines, strict=True):
        spans[column] = (at, at + len(line))
        at += len(line) + 1
    return "\n".join(lines), spans


def parse_record(body: str, columns: Iterable[str] = ()) -> Record:
    """The record a body holds. A column whose name has a colon (pandas' ``Unnamed: 0``) is
    found when ``columns`` names it."""
    known = sorted((c for c in columns if ":" in c), key=len, reverse=True)
    record: Record = {}
    for line in body.split("\n"):
        column = next((c for c in known if line == f"{c}:" or line.startswith(f"{c}: ")), None)
        if column is None:
            column = line.partition(":")[0]
        value = line[len(column) + 1 :]
        record[column] = value[1:] if value.startswith(" ") else value
    return record


def quote_span(spans: dict[str, tuple[int, int]], columns: tuple[str, ...]) -> tuple[int, int]:
    """The span of adjacent lines, from the first column's to the last's."""
    return spans[columns[0]][0], spans[columns[-1]][1]


@dataclass(frozen=True)
class InvolvementSpec:
    actor: str
    actor_kind: str
    role: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class CasualtySpec:
    category: str
    population: str
    min: int | None
    max: int | None
    columns: tuple[str, ...]


@dataclass
class ParsedRow:
    """One valid row: the incident's fields, the record that keeps it, and the claims it makes."""

    number: int
    external_id: str | int
    slug: str
    incident: dict[str, Any]
    record: Record
    source_title: str
    published_on: date | None
    involvements: list[InvolvementSpec]
    casualties: list[CasualtySpec]
    # The row as the file gave it: {"columns": header, "cells": cells}.
    raw: dict | None = None


class RowErrors(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


class RowReader:
    """Reads a CSV row's cells as typed values, collecting every problem rather than the first."""

    def __init__(self, raw: dict[str, str | None]):
        self.raw = raw
        self.errors: list[str] = []

    def fail(self, column: str, problem: str) -> None:
        self.errors.append(f"{column}: {problem}")

    def text(self, column: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = canonical_text(self.raw.get(column))
        if required and not value:
            self.fail(column, "is empty")
        if max_length and len(value) > max_length:
            self.fail(column, f"is longer than {max_length} characters")
        return value

    def names(self, column: str) -> list[str]:
        """A '; '-separated list of actor names, each once, in order."""
        names = []
        for name in self.text(column).split(";"):
            name = name.strip()
            if len(name) > 200:
                self.fail(column, f"the name {name[:40]!r}... is longer than 200 characters")
            elif name and name not in names:
                names.append(name)
        return names

    def integer(
        self,
        column: str,
        *,
        required: bool = True,
        minimum: int = 0,
        maximum: int = MAX_COUNT,
        choices: Iterable[int] | None = None,
    ) -> int | None:
        value = canonical_text(self.raw.get(column))
        if not value:
            if required:
                self.fail(column, "is empty")
            return None
        try:
            number = float(value) if re.fullmatch(r"-?[0-9]+\.0*", value) else int(value)
        except ValueError:
            self.fail(column, f"{value[:40]!r} is not a whole number")
            return None
        number = int(number)
        if choices is not None and number not in choices:
            self.fail(column, f"{number} is not one of {', '.join(map(str, choices))}")
            return None
        if not minimum <= number <= maximum:
            self.fail(column, f"{number} is not between {minimum} and {maximum:,}")
            return None
        return number

    def coordinate(self, column: str, limit: float) -> float | None:
        value = canonical_text(self.raw.get(column))
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            self.fail(column, f"{value[:40]!r} is not a number")
            return None
        if not -limit <= number <= limit:
            self.fail(column, f"{number} is not between {-limit:g} and {limit:g}")
            return None
        return number

    def date(self, column: str, *, required: bool = True) -> date | None:
        value = canonical_text(self.raw.get(column))
        if not value:
            if required:
                self.fail(column, "is empty")
            return None
        try:
            parsed = parse_date(value)
        except AmbiguousDate as ambiguous:
            self.fail(column, str(ambiguous))
            return None
        if parsed is None:
            self.fail(column, f"{value[:40]!r} is not a date such as 2015-11-29")
        return parsed

    def timestamp(self, column: str) -> int | None:
        """A Unix time in seconds (ACLED's ``timestamp``), or a date-time such as
        2021-04-14 18:55:12 (UTC unless it says otherwise)."""
        value = canonical_text(self.raw.get(column))
        if not value:
            return None
        if re.fullmatch(r"[0-9]+(\.0*)?", value):
            number = int(float(value)) if "." in value else int(value)
            if number > 2**40:
                self.fail(column, f"{number} is not a Unix time")
                return None
            return number
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            self.fail(column, f"{value[:40]!r} is not a Unix time or a date-time")
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return int(moment.timestamp())

    def country(
        self, name_column: str, numeric_column: str | None = None, numeric: int | None = None
    ) -> str | None:
        """The alpha-2 code of the country a row names, checked against its ISO numeric code
        (already read from ``numeric_column``) when it gives one."""
        name = self.text(name_column, required=True)
        by_name = countries.code_from_name(name) if name else None
        by_numeric = None
        if numeric_column:
            by_numeric = countries.code_from_numeric(numeric) if numeric else None
            if numeric and by_numeric is None and by_name is None:
                self.fail(numeric_column, f"{numeric} is not an ISO 3166-1 numeric code")
            if by_name and by_numeric and by_name != by_numeric:
                self.fail(
                    numeric_column,
                    f"{numeric} is {countries.SHORT_NAME[by_numeric]}, not {name}",
                )
                return None
        if name and by_name is None and by_numeric is None:
            self.fail(name_column, f"unknown country {name[:60]!r}")
        return by_name or by_numeric


# ISO (ACLED's API, UCDP), "29 November 2015" (ACLED's site and codebook), "29-Nov-15" and
# "29-Nov-2015" (a spreadsheet's re-save), "November 29, 2015", "2015/11/29". Two-digit years
# are 1969-2068, as Python reads them.
DATE_FORMATS = [
    "%Y-%m-%d",
    "%d %B %Y",
    "%d %b %Y",
    "%d-%B-%Y",
    "%d-%b-%Y",
    "%d-%B-%y",
    "%d-%b-%y",
    "%d %B %y",
    "%d %b %y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%Y/%m/%d",
]


class AmbiguousDate(ValueError):
    pass


def parse_date(value: str) -> date | None:
    """The date a cell gives, or None. A day and month that could be either way round
    (03/04/2020) raise ``AmbiguousDate``: never guessed."""
    # UCDP writes "2015-11-29 00:00:00.000", spreadsheets "2015-11-29T00:00:00".
    value = re.sub(r"[ T]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$", "", value.strip())
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    numeric = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})", value)
    if numeric is None:
        return None
    first, second, year = (int(part) for part in numeric.groups())
    if len(numeric.group(3)) == 2:
        year += 2000 if year < 69 else 1900
    if first <= 12 and second <= 12 and first != second:
        raise AmbiguousDate(
            f"{value!r} is ambiguous (day/month or month/day); give it as YYYY-MM-DD"
        )
    day, month = (second, first) if second > 12 else (first, second)
    try:
        return date(year, month, day)
    except ValueError:
        return None


TYPE_BY_LABEL = {label.casefold(): value for value, label in IncidentType.choices}
SUB_TYPE_BY_LABEL = {label.casefold(): value for value, label in IncidentSubType.choices}


def incident_type(reader: RowReader, type_column: str, sub_type_column: str):
    type_label = reader.text(type_column, required=True)
    sub_label = reader.text(sub_type_column, required=True)
    type_ = TYPE_BY_LABEL.get(type_label.casefold())
    sub_type = SUB_TYPE_BY_LABEL.get(sub_label.casefold())
    if type_label and type_ is None:
        reader.fail(type_column, f"unknown event type {type_label!r}")
    if sub_label and sub_type is None:
        reader.fail(sub_type_column, f"unknown sub-event type {sub_label!r}")
    if type_ and sub_type and sub_type not in SUB_TYPES_BY_TYPE[type_]:
        reader.fail(sub_type_column, f"{sub_label!r} is not a sub-event type of {type_label!r}")
    return type_, sub_type


def format_number(value) -> str:
    if value is None or value == "":
        return ""
    return repr(float(value)) if isinstance(value, float) else str(value)


@dataclass
class Evidence:
    """What an export row needs beyond the list serializer's fields, loaded per batch."""

    summary: str = ""
    record: Record = field(default_factory=dict)
    # The row as its file gave it: column → cell, in the file's order; empty when not kept.
    raw: dict[str, str] = field(default_factory=dict)
    # The file's columns, and the cells of the event's further rows (a monadic ACLED file's).
    raw_columns: list[str] = field(default_factory=list)
    raw_more: list[list[str]] = field(default_factory=list)
    record_source_id: int | None = None
    # (actor name, role, quote text, quote's source id)
    involvements: list[tuple[str, str, str | None, int | None]] = field(default_factory=list)
    # (category, population, min, max, reporter slug, quote text, quote's source id)
    casualties: list[tuple] = field(default_factory=list)
    # Each actor's part, for an incident the ledger curated (see ``sides``).
    parties: list["Party"] = field(default_factory=list)

    def names_in(self, column: str) -> list[str] | None:
        """Actors whose involvement quotes this record's ``column`` line, in the line's order;
        None when no involvement does (the incident was not imported, or was edited)."""
        prefix = f"{column}:"
        found = []
        for name, _, text, source_id in self.involvements:
            if text is None or source_id != self.record_source_id or not text.startswith(prefix):
                continue
            listed = [part.strip() for part in text[len(prefix) :].split(";")]
            found.append((listed.index(name) if name in listed else len(listed), name))
        if not found:
            return None
        return list(dict.fromkeys(name for _, name in sorted(found)))

    def figure(self, column: str) -> tuple[int | None, int | None] | None:
        """The figure of the casualty report that quotes this record's ``column`` line."""
        prefix = f"{column}:"
        for _, _, low, high, _, text, source_id in self.casualties:
            if text and source_id == self.record_source_id and text.startswith(prefix):
                return low, high
        return None

    def sides(self) -> "Sides":
        """For an incident not imported from the format: its two sides, as ACLED and UCDP
        mean them. Side one is who acted: the perpetrators, with their supporters; an alleged
        perpetrator, or one by its own claim, only while the attribution is undisputed (every
        alleged actor in one actor tree, as Russia and its Aerospace Forces), else the
        dispute goes to the notes ("attributed to X by A; claimed by Y"). Side two is whom it
        hit: targets and victims. Investigators, reporters and "other" parties are on no side.
        """
        perpetrators = _names(self.parties, {Role.PERPETRATOR})
        alleged = [p for p in self.parties if p.role in ALLEGING_ROLES]
        supporters = _names(self.parties, {Role.SUPPORTER})
        hit = _names(self.parties, SIDE_TWO_ROLES)
        trees = {p.tree for p in self.parties if p.role == Role.PERPETRATOR}
        disputed = [p for p in alleged if trees and p.tree not in trees] or (
            alleged if not trees and len({p.tree for p in alleged}) > 1 else []
        )
        if perpetrators:
            acting = perpetrators
        elif alleged and not disputed:
            acting = _names(alleged, ALLEGING_ROLES)
        else:
            acting = []
        acting += [name for name in supporters if name not in acting]
        dispute = "; ".join(dict.fromkeys(p.attribution() for p in disputed))
        return Sides(acting, [name for name in hit if name not in acting], dispute)

    def civilians_targeted(self, incident_type: str) -> bool:
        """Whether civilians were the target, as ACLED's ``civilian_targeting`` means it:
        violence against civilians, or civilians killed or hurt where no armed actor, state
        body or named person was the target (a strike on a market; not on a commander)."""
        if incident_type == IncidentType.VIOLENCE_AGAINST_CIVILIANS:
            return True
        if any(p.role in SIDE_TWO_ROLES and p.kind in NAMED_TARGETS for p in self.parties):
            return False
        return any(
            population == Population.CIVILIANS
            and category in (CasualtyCategory.KILLED, CasualtyCategory.INJURED)
            and (low or high)
            for category, population, low, high, *_ in self.casualties
        )


@dataclass(frozen=True)
class Party:
    """An actor's part in an incident, with who attributes it and the actor tree it is in."""

    name: str
    role: str
    attributed_by: str | None
    kind: str
    tree: int  # the id of the actor's root ancestor

    def attribution(self) -> str:
        if self.role == Role.CLAIMED_RESPONSIBILITY:
            return f"claimed by {self.name}"
        if self.attributed_by:
            return f"attributed to {self.name} by {self.attributed_by}"
        return f"attributed to {self.name}"


@dataclass(frozen=True)
class Sides:
    acting: list[str]
    hit: list[str]
    dispute: str  # for the notes; empty when the attribution is undisputed


def _names(parties: Iterable[Party], roles: set[str]) -> list[str]:
    return list(dict.fromkeys(p.name for p in parties if p.role in roles and p.name))


# Targets and victims are an event's second side; these are alleged, not established, actors.
SIDE_TWO_ROLES = {Role.TARGET, Role.VICTIM}
ALLEGING_ROLES = {Role.ALLEGED_PERPETRATOR, Role.CLAIMED_RESPONSIBILITY}
# A target of these kinds makes an attack not one on civilians.
NAMED_TARGETS = {
    ActorKind.STATE,
    ActorKind.GOVERNMENT_BODY,
    ActorKind.ARMED_FORCE,
    ActorKind.ARMED_GROUP,
    ActorKind.PERSON,
}


def pick(recorded: str, meaning: dict, current, fallback: str) -> str:
    """The recorded code when it still means the incident's current value, else ``fallback``:
    a code the ledger stores coarser (UCDP's seven place precisions) comes back as it was."""
    if recorded:
        try:
            if meaning.get(int(recorded)) == current:
                return recorded
        except ValueError:
            if meaning.get(recorded) == current:
                return recorded
    return fallback


def actor_kind_for_name(name: str) -> str:
    if name.startswith("Government of"):
        return ActorKind.STATE
    if name.casefold() == "civilians" or name.casefold().startswith("civilians ("):
        return ActorKind.OTHER
    return ActorKind.ARMED_GROUP
