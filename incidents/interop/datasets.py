"""ACLED and UCDP GED: their columns, and how each maps to and from the ledger.

**ACLED** (codebook columns, export layout in ACLED's order, ``year`` computed):

- ``event_id_cnty`` → ``Incident.acled_event_id``; the incident's slug is ``acled-<id>``.
- ``event_date`` → ``start_date``; ``year`` must agree with it.
- ``time_precision`` 1/2/3 → ``date_precision`` day/week/month (year exports as 3).
- ``event_type``, ``sub_event_type`` → ``type``, ``sub_type`` (the ledger's taxonomy is ACLED's).
- ``actor1``, ``assoc_actor_1``, ``actor2``, ``assoc_actor_2`` → actors found (slug, name or
  alias) or created through the crosswalk (``crosswalk.py``: state forces under their state),
  each an involvement quoting its line; "Civilians (X)" is a population, no involvement.
  ACLED says actor1/actor2 imply no direction, so the role is "other", except when the row
  says civilians were targeted (``civilian_targeting`` set and ``inter2`` civilians, 7): then
  actor 2's side are victims and actor 1's perpetrators.
- ``inter1``, ``inter2`` → a new actor's kind (1 state forces and 8 external/other forces →
  armed force; 2-4 rebels and militias → armed group; 5-6 rioters, protesters → other;
  associated actors other; a name's pattern, "Military Forces of X", first), and kept in the
  record with ``interaction``.
- ``iso``, ``country`` → ``country`` (alpha-2); they must agree.
- ``admin1``, ``location``, ``latitude``, ``longitude`` → the same fields;
  ``geo_precision`` 1/2/3 → exact/near/admin1.
- ``notes`` → ``summary``; ``fatalities`` → a casualty report (killed, all) by ACLED quoting
  the line, when above 0; where ``civilian_targeting`` is set, another (killed, civilians),
  and the incident's civilian deaths.
- ``disorder_type``, ``civilian_targeting``, ``region``, ``admin2``, ``admin3``, ``source``,
  ``source_scale``, ``tags``, ``timestamp`` → kept in the record (``timestamp`` also gives the
  record's publication date), and exported from it.

**UCDP GED** (the issue's columns required; the export writes GED's full layout):

- ``id`` → ``Incident.ucdp_ged_id``, slug ``ucdp-ged-<id>``; ``year`` must agree with
  ``date_start``.
- ``type_of_violence`` → the closest ACLED type: 1 state-based and 2 non-state conflict →
  Battles / Armed clash; 3 one-sided violence → Violence against civilians / Attack. Back:
  violence against civilians, or any incident with a victim, is 3; anything else 1.
- ``side_a``, ``side_b`` → actors and involvements: "other", except in one-sided violence,
  where UCDP's side A is the perpetrator and side B (civilians) the victims. "Government of X"
  is that actor when the ledger has it (the seed's "Government of Syria"), else a government
  body created under the state X; "Civilians" a population, no involvement; anything else an
  armed group.
- ``date_start``, ``date_end`` → ``start_date``, ``end_date``; ``date_prec`` 1-5 →
  day/week/week/month/year.
- ``where_description`` → ``location_name``, ``adm_1`` → ``admin1``, coordinates as they are,
  ``where_prec`` 1-7 → exact/near/admin2/admin1/admin1/country/country; ``country`` by name.
- ``best`` → a casualty report (killed, all) by UCDP; ``low``-``high`` another when it differs;
  ``deaths_a``, ``deaths_b`` (killed, combatants), ``deaths_civilians`` (killed, civilians),
  ``deaths_unknown`` (killed, all) one each when above 0; each quotes its lines;
  ``deaths_civilians`` is also the incident's civilian deaths.
- ``relid``, ``conflict_name``, ``dyad_name``, ``source_article``, ``source_headline``,
  ``source_original`` and every other column → kept in the record; ``geom_wkt`` is computed.

A code the ledger stores coarser comes back as it was imported while the incident's value still
means it; an incident edited since, or never imported, gets the code of its current value.

**Every layout in use** is read: columns are found by name in any order, only those a record
cannot do without are required (``required``), and every other column of the file, legacy ones
included (ACLED's ``data_id``, ``iso3``, ``event_id_no_cnty``; a pandas index), is kept.

**Newer wins**: a row older than the record the ledger holds (ACLED's ``timestamp``; a GED
file's ``version`` column when it has one, else rows are taken as equally recent) is skipped.

**Lossless**: each record keeps its row as the file gave it (``Source.dataset_row``). An export
writes that row back, cell for cell and in the file's column order, while the ledger still says
what the row says; where the editors changed the incident or its claims since, the cell they
changed gets the ledger's current value and the others stay as given (``export_cells``).

**The ledger's own incidents** (``Evidence.sides``): side one (``actor1``/``assoc_actor_1``,
``side_a``) is who acted: the perpetrators and their supporters, or the alleged perpetrators
while every one of them is in one actor tree. A disputed attribution puts no one on side one
("Unidentified Armed Group (Country)", as ACLED writes an unknown perpetrator) and is written
in ``notes``: "Attribution disputed: attributed to X by A; claimed by Y." Side two
(``actor2``/``assoc_actor_2``, ``side_b``) is whom it hit: targets and victims. Investigators,
reporters and "other" parties are on no side. ``civilian_targeting`` (and GED's one-sided
violence, with "Civilians" as side b) only for violence against civilians or civilians killed
or hurt where no state, armed actor or named person was the target.
"""

import re
from datetime import UTC, datetime

from django.utils.text import slugify

from incidents.choices import (
    ActorKind,
    CasualtyCategory,
    DatePrecision,
    GeoPrecision,
    IncidentSubType,
    IncidentType,
    Population,
    Role,
)

from . import countries
from .crosswalk import inter_kind, is_population
from .formats import (
    CasualtySpec,
    Evidence,
    InvolvementSpec,
    ParsedRow,
    Record,
    RowErrors,
    RowReader,
    actor_kind_for_name,
    canonical_text,
    format_number,
    incident_type,
    pick,
)

_T, _S, _D, _G = IncidentType, IncidentSubType, DatePrecision, GeoPrecision


class Dataset:
    name: str
    label: str
    publisher: str
    reporter: dict
    columns: list[str]
    derived: frozenset[str]
    required: list[str]
    id_field: str

    def record_title(self, external_id) -> str:
        return f"{self.label} event {external_id}"

    def record_of(self, values: Record, raw: dict, file_columns: list[str]) -> Record:
        """The record of a row: the layout's columns in order, then the file's others."""
        record = {c: values.get(c, canonical_text(raw.get(c))) for c in self.columns}
        for column in self.derived:
            record.pop(column, None)
        for column in file_columns:
            if column and column not in self.columns and canonical_text(raw.get(column)):
                record[column] = canonical_text(raw.get(column))
        return record

    def parse(self, raw: dict, number: int, file_columns: list[str]) -> ParsedRow:
        raise NotImplementedError

    def freshness(self, record: Record) -> tuple | None:
        """How recent a record is, for "newer wins"; None when the row does not say."""
        return None

    def merge(self, first: ParsedRow, cells: list[str], header: list[str]) -> ParsedRow | None:
        """The event of ``first`` with a later row of the same id, when the layout splits an
        event over rows; None when a repeated id is an error."""
        return None

    def extra_rows(self, row: dict, evidence: Evidence, columns: list[str]) -> list[list[str]]:
        """Rows an event takes beyond its first in this layout (see ``merge``)."""
        return []

    def export_row(self, row: dict, evidence: Evidence) -> list[str]:
        raise NotImplementedError

    def layout(self, column_lists: list[list[str]], every_row_kept: bool) -> list[str]:
        """The header of an export: the file's own when every row comes from files of one
        layout, else this dataset's layout and then every other column those files had."""
        if every_row_kept and len(column_lists) == 1:
            return list(column_lists[0])
        extras = [c for columns in column_lists for c in columns if c not in self.columns]
        return [*self.columns, *dict.fromkeys(extras)]

    def export_cells(self, row: dict, evidence: Evidence, columns: list[str]) -> list[str]:
        """The cells of an incident under ``columns``: the row as its file gave it where the
        ledger still says the same, the ledger's current values where not."""
        values = dict(zip(self.columns, self.export_row(row, evidence), strict=True))
        record, raw = evidence.record, evidence.raw
        if not raw:
            return [values[c] if c in values else record.get(c, "") for c in columns]

        def agrees(column: str) -> bool:
            if column in self.derived:
                return values[column] == canonical_text(raw.get(column))
            return values[column] == record.get(column, "")

        untouched = all(agrees(c) for c in self.columns if c not in self.derived)
        cells = []
        for column in columns:
            if column in raw and (untouched or column not in values or agrees(column)):
                cells.append(raw[column])
            elif column in values:
                cells.append(values[column])
            else:
                cells.append(record.get(column, ""))
        return cells


def _with_dispute(notes: str, dispute: str) -> str:
    if not dispute:
        return notes
    return f"{notes} Attribution disputed: {dispute}.".strip()


def _export_date(value) -> str:
    return str(value)[:10] if value else ""


class ACLED(Dataset):
    name = "acled"
    label = "ACLED"
    publisher = "ACLED"
    reporter = {
        "slug": "acled",
        "name": "ACLED",
        "kind": ActorKind.NGO,
        "aliases": ["Armed Conflict Location & Event Data"],
        "description": "Armed Conflict Location & Event Data, a dataset of political violence.",
    }
    columns = [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "assoc_actor_2",
        "inter2",
        "interaction",
        "civilian_targeting",
        "iso",
        "region",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "source_scale",
        "notes",
        "fatalities",
        "tags",
        "timestamp",
    ]
    derived = frozenset({"year"})
    # Before 2023 there was no disorder_type, civilian_targeting or tags; a monadic file has no
    # actor2, assoc_actor_2 or inter2. These a row cannot do without:
    required = [
        "event_id_cnty",
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "country",
        "fatalities",
    ]
    id_field = "acled_event_id"

    TIME_PRECISION = {1: _D.DAY, 2: _D.WEEK, 3: _D.MONTH}
    TIME_PRECISION_CODE = {_D.DAY: "1", _D.WEEK: "2", _D.MONTH: "3", _D.YEAR: "3"}
    GEO_PRECISION = {1: _G.EXACT, 2: _G.NEAR, 3: _G.ADMIN1}
    GEO_PRECISION_CODE = {_G.EXACT: "1", _G.NEAR: "2", _G.ADMIN2: "3", _G.ADMIN1: "3"}
    DISORDER = {
        _T.BATTLES: "Political violence",
        _T.EXPLOSIONS_REMOTE_VIOLENCE: "Political violence",
        _T.VIOLENCE_AGAINST_CIVILIANS: "Political violence",
        _T.PROTESTS: "Demonstrations",
        _T.RIOTS: "Demonstrations",
        _T.STRATEGIC_DEVELOPMENTS: "Strategic developments",
    }

    @staticmethod
    def unidentified(country: str) -> str:
        """ACLED's name for a perpetrator nobody has established, as in its own data."""
        return f"Unidentified Armed Group ({countries.SHORT_NAME.get(country, country)})"

    def parse(self, raw, number, file_columns):
        r = RowReader(raw)
        event_id = r.text("event_id_cnty", required=True, max_length=32)
        event_date = r.date("event_date")
        year = r.integer("year", required=False, maximum=9999)
        if year and event_date and year != event_date.year:
            r.fail("year", f"{year} is not the year of event_date {event_date}")
        time_precision = r.integer("time_precision", choices=self.TIME_PRECISION)
        type_, sub_type = incident_type(r, "event_type", "sub_event_type")
        actor1 = r.text("actor1", required=True, max_length=200)
        assoc1 = r.names("assoc_actor_1")
        actor2 = r.text("actor2", max_length=200)
        assoc2 = r.names("assoc_actor_2")
        inter1, inter2 = r.text("inter1"), r.text("inter2")
        iso = r.integer("iso", required=False, maximum=999)
        country = r.country("country", "iso", iso)
        admin1 = r.text("admin1", max_length=200)
        location = r.text("location", max_length=300)
        latitude, longitude = r.coordinate("latitude", 90), r.coordinate("longitude", 180)
        if (latitude is None) != (longitude is None):
            r.fail("longitude" if longitude is None else "latitude", "give both coordinates")
        geo_precision = r.integer("geo_precision", required=False, choices=self.GEO_PRECISION)
        if latitude is not None and geo_precision is None:
            r.fail("geo_precision", "is needed with coordinates")
        fatalities = r.integer("fatalities")
        timestamp = r.timestamp("timestamp")
        notes = r.text("notes")
        civilian_targeting = r.text("civilian_targeting")
        if r.errors:
            raise RowErrors(r.errors)

        values = {
            "event_id_cnty": event_id,
            "event_date": event_date.isoformat(),
            "time_precision": str(time_precision),
            "event_type": IncidentType(type_).label,
            "sub_event_type": IncidentSubType(sub_type).label,
            "assoc_actor_1": "; ".join(assoc1),
            "assoc_actor_2": "; ".join(assoc2),
            "iso": format_number(iso),
            "latitude": format_number(latitude),
            "longitude": format_number(longitude),
            "geo_precision": format_number(geo_precision),
            "fatalities": str(fatalities),
            "timestamp": format_number(timestamp),
        }
        record = self.record_of(values, raw, file_columns)
        targeted = (
            civilian_targeting.casefold() == "civilian targeting"
            and inter2.casefold() in ("7", "civilians")
            and bool(actor2)
        )
        side1 = Role.PERPETRATOR if targeted else Role.OTHER
        side2 = Role.VICTIM if targeted else Role.OTHER
        kind1, kind2 = inter_kind(inter1), inter_kind(inter2)
        # "Civilians (Syria)" is a population, not an actor: the record keeps its line.
        involvements = []
        if not is_population(actor1):
            involvements.append(InvolvementSpec(actor1, kind1, side1, ("actor1",)))
        involvements += [
            InvolvementSpec(n, ActorKind.OTHER, side1, ("assoc_actor_1",))
            for n in assoc1
            if not is_population(n)
        ]
        if actor2 and not is_population(actor2):
            involvements.append(InvolvementSpec(actor2, kind2, side2, ("actor2",)))
        involvements += [
            InvolvementSpec(n, ActorKind.OTHER, side2, ("assoc_actor_2",))
            for n in assoc2
            if not is_population(n)
        ]
        casualties = []
        if fatalities:
            casualties.append(
                CasualtySpec(
                    CasualtyCategory.KILLED, Population.ALL, fatalities, fatalities, ("fatalities",)
                )
            )
            # Where civilians were targeted, ACLED's fatalities are civilians killed as well:
            # a report that counts toward the incident's civilian figures.
            if civilian_targeting:
                casualties.append(
                    CasualtySpec(
                        CasualtyCategory.KILLED,
                        Population.CIVILIANS,
                        fatalities,
                        fatalities,
                        ("fatalities",),
                    )
                )
        place = location or admin1 or countries.SHORT_NAME[country]
        sub_label = IncidentSubType(sub_type).label
        return ParsedRow(
            number=number,
            external_id=event_id,
            slug=f"acled-{slugify(event_id)}"[:200],
            incident={
                "title": f"{sub_label} in {place}"[:300],
                "summary": notes,
                "type": type_,
                "sub_type": sub_type,
                "start_date": event_date,
                "end_date": None,
                "date_precision": self.TIME_PRECISION[time_precision],
                "country": country,
                "admin1": admin1,
                "location_name": location,
                "latitude": latitude,
                "longitude": longitude,
                "geo_precision": self.GEO_PRECISION[geo_precision] if latitude is not None else "",
            },
            record=record,
            source_title=self.record_title(event_id),
            published_on=(
                datetime.fromtimestamp(timestamp, UTC).date() if timestamp is not None else None
            ),
            involvements=involvements,
            casualties=casualties,
        )

    def freshness(self, record):
        stamp = record.get("timestamp", "")
        return (int(stamp),) if stamp.isdigit() else None

    # A monadic file (no actor2 column) gives an event with two actors as two rows of one id,
    # each with one actor in actor1: the second row's are the event's actor2 columns.
    SECOND_SIDE = {"actor1": "actor2", "assoc_actor_1": "assoc_actor_2", "inter1": "inter2"}

    def merge(self, first, cells, header):
        kept = first.raw or {}
        if "actor2" in header or kept.get("more"):
            return None
        given = dict(zip(header, kept["cells"], strict=True))
        second = dict(zip(header, cells, strict=True))
        dyadic = {**given, **{two: second.get(one, "") for one, two in self.SECOND_SIDE.items()}}
        merged = self.parse(dyadic, first.number, header)
        merged.raw = {**kept, "more": [cells]}
        return merged

    def extra_rows(self, row, evidence, columns):
        more = evidence.raw_more
        if not more or "actor2" in columns:
            return []
        sides = {**self.SECOND_SIDE, **{two: one for one, two in self.SECOND_SIDE.items()}}
        swapped = [sides.get(column, column) for column in columns]
        rows = []
        for cells in more:
            given = dict(zip(evidence.raw_columns, cells, strict=True))
            second = Evidence(
                **{**vars(evidence), "raw": {sides.get(c, c): v for c, v in given.items()}}
            )
            rows.append(self.export_cells(row, second, swapped))
        return rows

    def export_row(self, row, evidence):
        rec = evidence.record
        imported = bool(rec)
        start = _export_date(row["start_date"])
        type_label = IncidentType(row["type"]).label
        sub_label = IncidentSubType(row["sub_type"]).label
        names = {
            column: evidence.names_in(column)
            for column in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
        }
        # A population the record names (no involvement does): its line as recorded.
        for column, found in names.items():
            if found is None and imported:
                kept = [n.strip() for n in rec.get(column, "").split(";") if is_population(n)]
                names[column] = kept or None
        dispute = ""
        if all(found is None for found in names.values()):
            sides = evidence.sides()
            acting = sides.acting or [self.unidentified(row["country"])]
            names = {
                "actor1": acting[:1],
                "assoc_actor_1": acting[1:],
                "actor2": sides.hit[:1],
                "assoc_actor_2": sides.hit[1:],
            }
            dispute = sides.dispute
        figure = evidence.figure("fatalities")
        if figure is not None:
            fatalities = figure[0]
        elif imported:
            fatalities = 0
        else:
            fatalities = row.get("civilian_deaths_min") or max(
                (c[2] or 0 for c in evidence.casualties if c[0] == CasualtyCategory.KILLED),
                default=0,
            )
        country = row["country"]
        recorded_country = rec.get("country", "")
        country_name = (
            recorded_country
            if recorded_country and countries.code_from_name(recorded_country) == country
            else countries.SHORT_NAME.get(country, country)
        )
        numeric = countries.NUMERIC.get(country)
        located = row["latitude"] is not None
        if imported:
            disorder, targeting = rec.get("disorder_type", ""), rec.get("civilian_targeting", "")
            timestamp = rec.get("timestamp", "")
        else:
            disorder = self.DISORDER[row["type"]]
            targeting = "Civilian targeting" if evidence.civilians_targeted(row["type"]) else ""
            updated = row.get("updated_at")
            timestamp = str(int(datetime.fromisoformat(updated).timestamp())) if updated else ""
        values = {
            "event_id_cnty": row.get("acled_event_id") or "",
            "event_date": start,
            "year": start[:4],
            "time_precision": pick(
                rec.get("time_precision", ""),
                self.TIME_PRECISION,
                row["date_precision"],
                self.TIME_PRECISION_CODE[row["date_precision"]],
            ),
            "disorder_type": disorder,
            "event_type": type_label,
            "sub_event_type": sub_label,
            "actor1": "; ".join(names["actor1"] or []),
            "assoc_actor_1": "; ".join(names["assoc_actor_1"] or []),
            "actor2": "; ".join(names["actor2"] or []),
            "assoc_actor_2": "; ".join(names["assoc_actor_2"] or []),
            "civilian_targeting": targeting,
            "iso": (
                rec.get("iso", "")
                if (
                    countries.code_from_numeric(int(rec["iso"])) == country
                    if rec.get("iso")
                    else imported and countries.code_from_name(recorded_country) == country
                )
                else format_number(numeric)
            ),
            "country": country_name,
            "admin1": row["admin1"],
            "location": row["location_name"],
            "latitude": format_number(row["latitude"]),
            "longitude": format_number(row["longitude"]),
            "geo_precision": (
                pick(
                    rec.get("geo_precision", ""),
                    self.GEO_PRECISION,
                    row["geo_precision"],
                    self.GEO_PRECISION_CODE.get(row["geo_precision"], "3"),
                )
                if located
                # A row without coordinates may still give a precision; it stays.
                else rec.get("geo_precision", "")
                if not rec.get("latitude")
                else ""
            ),
            "notes": _with_dispute(canonical_text(evidence.summary), dispute),
            "fatalities": str(fatalities),
            "timestamp": timestamp,
        }
        return [values[c] if c in values else rec.get(c, "") for c in self.columns]


class UCDP(Dataset):
    name = "ucdp"
    label = "UCDP GED"
    publisher = "UCDP"
    reporter = {
        "slug": "ucdp",
        "name": "UCDP",
        "kind": ActorKind.OTHER,
        "aliases": ["Uppsala Conflict Data Program"],
        "description": "Uppsala Conflict Data Program, of the Georeferenced Event Dataset.",
    }
    columns = [
        "id",
        "relid",
        "year",
        "active_year",
        "code_status",
        "type_of_violence",
        "conflict_dset_id",
        "conflict_new_id",
        "conflict_name",
        "dyad_dset_id",
        "dyad_new_id",
        "dyad_name",
        "side_a_dset_id",
        "side_a_new_id",
        "side_a",
        "side_b_dset_id",
        "side_b_new_id",
        "side_b",
        "number_of_sources",
        "source_article",
        "source_office",
        "source_date",
        "source_headline",
        "source_original",
        "where_prec",
        "where_coordinates",
        "where_description",
        "adm_1",
        "adm_2",
        "latitude",
        "longitude",
        "geom_wkt",
        "priogrid_gid",
        "country",
        "country_id",
        "region",
        "event_clarity",
        "date_prec",
        "date_start",
        "date_end",
        "deaths_a",
        "deaths_b",
        "deaths_civilians",
        "deaths_unknown",
        "best",
        "high",
        "low",
        "gwnoa",
        "gwnob",
    ]
    derived = frozenset({"year", "geom_wkt"})
    # The yearly GED and the monthly candidate releases alike (the candidates have no gwnoa or
    # gwnob, and columns of their own): these a row cannot do without.
    required = [
        "id",
        "type_of_violence",
        "side_a",
        "side_b",
        "where_prec",
        "country",
        "date_prec",
        "date_start",
        "best",
        "high",
        "low",
    ]
    id_field = "ucdp_ged_id"

    VIOLENCE = {
        1: (_T.BATTLES, _S.ARMED_CLASH),
        2: (_T.BATTLES, _S.ARMED_CLASH),
        3: (_T.VIOLENCE_AGAINST_CIVILIANS, _S.ATTACK),
    }
    DATE_PRECISION = {1: _D.DAY, 2: _D.WEEK, 3: _D.WEEK, 4: _D.MONTH, 5: _D.YEAR}
    DATE_PRECISION_CODE = {_D.DAY: "1", _D.WEEK: "3", _D.MONTH: "4", _D.YEAR: "5"}
    WHERE_PRECISION = {
        1: _G.EXACT,
        2: _G.NEAR,
        3: _G.ADMIN2,
        4: _G.ADMIN1,
        5: _G.ADMIN1,
        6: _G.COUNTRY,
        7: _G.COUNTRY,
    }
    WHERE_PRECISION_CODE = {_G.EXACT: "1", _G.NEAR: "2", _G.ADMIN2: "3", _G.ADMIN1: "4"}
    DEATHS = {
        "deaths_a": Population.COMBATANTS,
        "deaths_b": Population.COMBATANTS,
        "deaths_civilians": Population.CIVILIANS,
        "deaths_unknown": Population.ALL,
    }

    def parse(self, raw, number, file_columns):
        r = RowReader(raw)
        ged_id = r.integer("id", minimum=1, maximum=2**62)
        year = r.integer("year", required=False, maximum=9999)
        violence = r.integer("type_of_violence", choices=self.VIOLENCE)
        side_a = r.text("side_a", required=True, max_length=200)
        side_b = r.text("side_b", required=True, max_length=200)
        where_prec = r.integer("where_prec", choices=self.WHERE_PRECISION)
        location = r.text("where_description", max_length=300)
        admin1 = r.text("adm_1", max_length=200)
        latitude, longitude = r.coordinate("latitude", 90), r.coordinate("longitude", 180)
        if (latitude is None) != (longitude is None):
            r.fail("longitude" if longitude is None else "latitude", "give both coordinates")
        country = r.country("country")
        date_prec = r.integer("date_prec", choices=self.DATE_PRECISION)
        start, end = r.date("date_start"), r.date("date_end", required=False)
        if start and end and end < start:
            r.fail("date_end", f"{end} is before date_start {start}")
        if year and start and year != start.year:
            r.fail("year", f"{year} is not the year of date_start {start}")
        deaths = {column: r.integer(column, required=False) for column in self.DEATHS}
        best, high, low = r.integer("best"), r.integer("high"), r.integer("low")
        if None not in (best, high, low) and not low <= best <= high:
            r.fail("best", f"low {low}, best {best} and high {high} are not in order")
        dyad = r.text("dyad_name")
        if r.errors:
            raise RowErrors(r.errors)

        values = {
            "id": str(ged_id),
            "type_of_violence": str(violence),
            "where_prec": str(where_prec),
            "latitude": format_number(latitude),
            "longitude": format_number(longitude),
            "date_prec": str(date_prec),
            "date_start": start.isoformat(),
            "date_end": (end or start).isoformat(),
            **{column: format_number(value) for column, value in deaths.items()},
            "best": str(best),
            "high": str(high),
            "low": str(low),
        }
        record = self.record_of(values, raw, file_columns)
        one_sided = violence == 3
        involvements = [
            InvolvementSpec(
                side,
                actor_kind_for_name(side),
                role,
                (column,),
            )
            for side, role, column in (
                (side_a, Role.PERPETRATOR if one_sided else Role.OTHER, "side_a"),
                (side_b, Role.VICTIM if one_sided else Role.OTHER, "side_b"),
            )
            # GED's "Civilians" are a population, not an actor: the record keeps the line.
            if not is_population(side)
        ]
        if side_a == side_b:
            involvements = involvements[:1]
        killed = CasualtyCategory.KILLED
        casualties = []
        if best:
            casualties.append(CasualtySpec(killed, Population.ALL, best, best, ("best",)))
        if (low, high) != (best, best):
            casualties.append(CasualtySpec(killed, Population.ALL, low, high, ("high", "low")))
        for column, population in self.DEATHS.items():
            if deaths[column]:
                n = deaths[column]
                casualties.append(CasualtySpec(killed, population, n, n, (column,)))
        type_, sub_type = self.VIOLENCE[violence]
        place = location or admin1 or countries.SHORT_NAME[country]
        return ParsedRow(
            number=number,
            external_id=ged_id,
            slug=f"ucdp-ged-{ged_id}",
            incident={
                "title": f"{dyad or side_a + ' - ' + side_b} in {place}"[:300],
                "summary": "",
                "type": type_,
                "sub_type": sub_type,
                "start_date": start,
                "end_date": end if end and end != start else None,
                "date_precision": self.DATE_PRECISION[date_prec],
                "country": country,
                "admin1": admin1,
                "location_name": location,
                "latitude": latitude,
                "longitude": longitude,
                "geo_precision": self.WHERE_PRECISION[where_prec] if latitude is not None else "",
            },
            record=record,
            source_title=self.record_title(ged_id),
            published_on=None,
            involvements=involvements,
            casualties=casualties,
        )

    def freshness(self, record):
        # GED rows have no time of their own; a file that names its release has "version".
        version = record.get("version", "")
        return tuple(int(part) for part in re.findall(r"[0-9]+", version)) or None

    def export_row(self, row, evidence):
        rec = evidence.record
        imported = bool(rec)
        start = _export_date(row["start_date"])
        end = _export_date(row["end_date"]) or start
        side_a, side_b = evidence.names_in("side_a"), evidence.names_in("side_b")
        if imported:  # a population the record names (no involvement does): as recorded
            if side_a is None and is_population(rec.get("side_a")):
                side_a = [rec["side_a"]]
            if side_b is None and is_population(rec.get("side_b")):
                side_b = [rec["side_b"]]
        if side_a is None and side_b is None:
            sides = evidence.sides()
            side_a = sides.acting[:1] or [ACLED.unidentified(row["country"])]
            targeted = evidence.civilians_targeted(row["type"])
            side_b = sides.hit[:1] or (["Civilians"] if targeted else [])
        elif side_b is None and rec.get("side_b") and rec.get("side_b") == rec.get("side_a"):
            side_b = side_a  # one actor on both sides: one involvement, quoting side_a
        side_a, side_b = "; ".join(side_a or []), "; ".join(side_b or [])
        current_type = (row["type"], row["sub_type"])
        violence = pick(
            rec.get("type_of_violence", ""),
            self.VIOLENCE,
            current_type,
            "3" if evidence.civilians_targeted(row["type"]) else "1",
        )
        if imported:
            best_figure, range_figure = evidence.figure("best"), evidence.figure("high")
            best = best_figure[0] if best_figure else 0
            low, high = range_figure if range_figure else (best, best)
            # A count the file left empty stays empty while no claim gives one.
            deaths = {
                c: (evidence.figure(c) or (0 if rec.get(c) else "", 0))[0] for c in self.DEATHS
            }
        else:
            low = row.get("civilian_deaths_min") or 0
            high = row.get("civilian_deaths_max") or low
            best = low
            deaths = {c: 0 for c in self.DEATHS}
            deaths["deaths_civilians"] = low
        country = row["country"]
        recorded_country = rec.get("country", "")
        located = row["latitude"] is not None
        values = {
            "id": format_number(row.get("ucdp_ged_id")),
            "year": start[:4],
            "type_of_violence": violence,
            "dyad_name": rec.get("dyad_name", "") if imported else f"{side_a} - {side_b}",
            "side_a": side_a,
            "side_b": side_b,
            "where_prec": pick(
                rec.get("where_prec", ""),
                self.WHERE_PRECISION,
                row["geo_precision"],
                self.WHERE_PRECISION_CODE.get(row["geo_precision"], "6") if located else "6",
            ),
            "where_description": row["location_name"],
            "adm_1": row["admin1"],
            "latitude": format_number(row["latitude"]),
            "longitude": format_number(row["longitude"]),
            "geom_wkt": (
                f"POINT ({format_number(row['longitude'])} {format_number(row['latitude'])})"
                if located
                else ""
            ),
            "country": (
                recorded_country
                if recorded_country and countries.code_from_name(recorded_country) == country
                else countries.SHORT_NAME.get(country, country)
            ),
            "date_prec": pick(
                rec.get("date_prec", ""),
                self.DATE_PRECISION,
                row["date_precision"],
                self.DATE_PRECISION_CODE[row["date_precision"]],
            ),
            "date_start": start,
            "date_end": end,
            **{column: str(value) for column, value in deaths.items()},
            "best": str(best),
            "high": str(high),
            "low": str(low),
        }
        return [values[c] if c in values else rec.get(c, "") for c in self.columns]


DATASETS: dict[str, Dataset] = {"acled": ACLED(), "ucdp": UCDP()}
