"""Every layout of ACLED and UCDP GED files in use imports whole, and comes back as it was.

Each file in ``files/`` is a small hand-written file of one shape met in the wild (see
``FILES``); the tests import it, export it, compare the export with it column by column, and
import the export again.
"""

import csv
import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.choices import ActorKind, Population, Role
from incidents.interop.datasets import DATASETS
from incidents.interop.formats import AmbiguousDate, canonical_text, parse_date
from incidents.models import Actor, Incident
from sources.models import Source

from .conftest import wipe

pytestmark = pytest.mark.django_db

FILES_DIR = Path(__file__).resolve().parent / "files"

# (dataset, file, what it is)
FILES = [
    ("acled", "acled_2019.csv", "before 2023: data_id, iso3, event_id_no_cnty; no disorder_type"),
    ("acled", "acled_monadic.csv", "monadic: no actor2, assoc_actor_2, inter2"),
    ("acled", "acled_2023.csv", "the website's export since 2023, dates as 29 November 2015"),
    ("acled", "acled_api.csv", "the API's JSON as CSV: columns sorted, inter as words"),
    ("acled", "acled_excel.csv", "an Excel re-save: BOM, CRLF, 9-May-20, a line break in a cell"),
    ("acled", "acled_r.csv", "R's write.csv: quoted, row names, NA"),
    ("acled", "acled_pandas.csv", "pandas' to_csv: 'Unnamed: 0', empty and NaN, 760.0"),
    ("ucdp", "ged_231.csv", "UCDP GED 23.1, the yearly release"),
    ("ucdp", "ged_candidate.csv", "a GED candidate release: no gwnoa, gwnob"),
    ("ucdp", "ged_same_sides.csv", "a GED row whose side_a is its side_b"),
]


def run(*args) -> str:
    out = StringIO()
    call_command("import_events", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def export(dataset: str, *args) -> str:
    out = StringIO()
    call_command("export_events", dataset, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def table(text: str) -> tuple[list[str], dict[str, list[str]]]:
    """The header, and the rows by their event id (ACLED's or GED's); the further rows of an
    event (a monadic file's) by the id and their place, "SYR1+1"."""
    rows = list(csv.reader(StringIO(text)))
    header = rows[0]
    column = header.index("event_id_cnty" if "event_id_cnty" in header else "id")
    by_id: dict[str, list[str]] = {}
    for row in rows[1:]:
        key, n = row[column], 0
        while key in by_id:
            n += 1
            key = f"{row[column]}+{n}"
        by_id[key] = row
    return header, by_id


def file_table(name: str):
    with open(FILES_DIR / name, encoding="utf-8-sig", newline="") as f:
        return table(f.read())


def records(dataset: str) -> dict[str, str]:
    publisher = DATASETS[dataset].publisher
    return dict(Source.objects.filter(publisher=publisher).values_list("title", "body"))


@pytest.mark.parametrize("dataset, name", [(d, n) for d, n, _ in FILES])
def test_each_layout_imports_whole_and_exports_as_it_was_given(dataset, name, tmp_path):
    path = FILES_DIR / name
    header, original = file_table(name)

    output = run(dataset, path)

    events = len([key for key in original if "+" not in key])
    assert f"{events} created, 0 updated, 0 unchanged, 0 invalid" in output
    exported_text = export(dataset)
    exported_header, exported = table(exported_text)
    # The file's columns, in its order, legacy and extra ones included.
    assert exported_header == header
    assert sorted(exported) == sorted(original)
    for event_id, row in original.items():
        for column, given, written in zip(header, row, exported[event_id], strict=True):
            assert (event_id, column, written) == (event_id, column, given)

    # The export imported again: nothing to do, into the same ledger or into an empty one.
    again = tmp_path / "again.csv"
    again.write_text(exported_text, encoding="utf-8")
    kept = records(dataset)
    assert f"0 created, 0 updated, {events} unchanged, 0 invalid" in run(dataset, again)
    wipe()
    assert f"{events} created, 0 updated" in run(dataset, again)
    assert records(dataset) == kept


def test_r_and_pandas_missing_values_are_empty_not_actors_named_na():
    run("acled", FILES_DIR / "acled_r.csv")
    run("acled", FILES_DIR / "acled_pandas.csv")

    assert not Actor.objects.filter(name__in=["NA", "NaN", "N/A", "NULL", "None"]).exists()
    ied = Incident.objects.get(acled_event_id="SYR7504")
    assert [i.actor.name for i in ied.involvements.all()] == ["Unidentified Armed Group (Syria)"]
    lines = Source.objects.get(title="ACLED event SYR7504").body.split("\n")
    assert {"assoc_actor_1:", "actor2:", "inter2:", "civilian_targeting:", "tags:"} <= set(lines)
    protest = Source.objects.get(title="ACLED event SYR7603").body.split("\n")
    assert {"assoc_actor_1:", "actor2:", "iso:", "civilian_targeting:"} <= set(protest)
    # pandas' float "760.0" is the code 760; its index column is kept, like any extra column.
    assert "iso: 760" in Source.objects.get(title="ACLED event SYR7601").body.split("\n")
    assert "Unnamed: 0: 2" in protest


def test_a_spreadsheets_dates_and_line_breaks_are_read():
    run("acled", FILES_DIR / "acled_excel.csv")

    dates = dict(Incident.objects.values_list("acled_event_id", "start_date"))
    assert dates == {
        "SYR7401": datetime.date(2020, 5, 9),
        "SYR7402": datetime.date(2020, 5, 14),
        "SYR7403": datetime.date(2020, 5, 21),
        "SYR7404": datetime.date(2020, 6, 2),
        "SYR7405": datetime.date(2020, 6, 30),
    }
    shelling = Incident.objects.get(acled_event_id="SYR7401")
    assert (
        shelling.summary
        == "Regime forces shelled HTS positions in Al Bara. No fatalities reported."
    )


def test_legacy_columns_are_kept_in_the_record():
    run("acled", FILES_DIR / "acled_2019.csv")

    lines = Source.objects.get(title="ACLED event SYR7001").body.split("\n")
    assert {"data_id: 6512345", "event_id_no_cnty: 7001", "iso3: SYR"} <= set(lines)
    assert "disorder_type:" in lines  # not in the file: empty
    # "Hezbollah" twice in assoc_actor_1: one involvement each actor, the cell as given kept.
    clash = Incident.objects.get(acled_event_id="SYR7002")
    assert sorted(i.actor.name for i in clash.involvements.all()) == [
        "Hezbollah",
        "Jaish al Fateh",
        "Military Forces of Iran (1989-)",
        "Military Forces of Syria (2000-)",
    ]


def test_a_monadic_file_and_an_api_file_in_any_column_order():
    run("acled", FILES_DIR / "acled_monadic.csv")
    run("acled", FILES_DIR / "acled_api.csv")

    # A monadic file gives an event with two actors as two rows of one id: one event.
    assert Incident.objects.filter(acled_event_id__startswith="SYR71").count() == 6
    protest = Incident.objects.get(acled_event_id="SYR7104")
    assert [(i.actor.name, i.role) for i in protest.involvements.all()] == [
        ("Protesters (Syria)", Role.OTHER),
        ("Women (Syria)", Role.OTHER),
    ]
    attack = Incident.objects.get(acled_event_id="SYR7105")
    # "Civilians (Syria)", the victims, are a population, not an actor.
    assert sorted((i.actor.name, i.role, i.quote.text) for i in attack.involvements.all()) == [
        (
            "Unidentified Armed Group (Syria)",
            Role.PERPETRATOR,
            "actor1: Unidentified Armed Group (Syria)",
        ),
    ]
    clash = Incident.objects.get(acled_event_id="SYR7106")
    assert sorted(i.actor.name for i in clash.involvements.all()) == [
        "Jaish al Fateh",
        "Military Forces of Russia (2000-)",
        "Military Forces of Syria (2000-)",
    ]
    assert [c.min for c in clash.casualty_reports.all()] == [8]  # the event's, once
    strike = Incident.objects.get(acled_event_id="SYR7301")
    assert sorted((i.actor.name, i.role) for i in strike.involvements.all()) == [
        ("Military Forces of Syria (2000-)", Role.PERPETRATOR),
    ]
    # The API's inter codes are words.
    assert Actor.objects.get(name="Jaish al Fateh").kind == ActorKind.ARMED_GROUP
    assert Actor.objects.get(name="Unidentified Military Forces").kind == ActorKind.ARMED_FORCE


def test_a_broken_row_is_reported_by_number_and_the_rest_imports_when_skipped():
    path = FILES_DIR / "acled_broken.csv"
    errors = StringIO()

    with pytest.raises(CommandError, match="3 invalid row"):
        call_command("import_events", "acled", str(path), stdout=StringIO(), stderr=errors)
    assert Incident.objects.count() == 0
    assert errors.getvalue().splitlines() == [
        "  row 3: event_id_cnty: is empty",
        "  row 5: event_date: '03/04/2016' is ambiguous (day/month or month/day); "
        "give it as YYYY-MM-DD",
        "  row 6: has 28 cells where the header has 31",
    ]

    output = run("acled", path, "--skip-invalid")

    assert "2 created, 0 updated, 0 unchanged, 3 invalid" in output
    assert sorted(Incident.objects.values_list("acled_event_id", flat=True)) == [
        "SYR7801",
        "SYR7803",
    ]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2015-11-29", datetime.date(2015, 11, 29)),
        ("2015-11-29 00:00:00.000", datetime.date(2015, 11, 29)),
        ("2015-11-29T00:00:00Z", datetime.date(2015, 11, 29)),
        ("29 November 2015", datetime.date(2015, 11, 29)),
        ("01 December 2015", datetime.date(2015, 12, 1)),
        ("29 Nov 2015", datetime.date(2015, 11, 29)),
        ("9-May-20", datetime.date(2020, 5, 9)),
        ("09-May-2020", datetime.date(2020, 5, 9)),
        ("29-November-2015", datetime.date(2015, 11, 29)),
        ("November 29, 2015", datetime.date(2015, 11, 29)),
        ("2015/11/29", datetime.date(2015, 11, 29)),
        ("29/11/2015", datetime.date(2015, 11, 29)),
        ("11/29/2015", datetime.date(2015, 11, 29)),
        ("04/04/2020", datetime.date(2020, 4, 4)),
        ("31 February 2015", None),
        ("yesterday", None),
    ],
)
def test_date_forms(value, expected):
    assert parse_date(value) == expected


def test_a_date_that_could_be_either_way_round_is_never_guessed():
    with pytest.raises(AmbiguousDate):
        parse_date("03/04/2020")
    with pytest.raises(AmbiguousDate):
        parse_date("3/4/20")


@pytest.mark.parametrize("value", ["NA", "N/A", "NaN", "NULL", "null", "None", "", "  "])
def test_missing_value_markers_are_empty(value):
    assert canonical_text(value) == ""


def with_rows(tmp_path, name: str, change) -> Path:
    """A copy of a file with some rows changed: ``change(row)`` edits a row dict in place."""
    with open(FILES_DIR / name, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        change(row)
    path = tmp_path / f"changed-{name}"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_newer_wins_an_older_acled_row_is_skipped_and_counted(tmp_path):
    run("acled", FILES_DIR / "acled_2023.csv")

    def older_export(row):
        # An export made before: older timestamps and other figures; one row newer.
        row["fatalities"] = str(int(row["fatalities"]) + 1)
        if row["event_id_cnty"] == "SYR7203":
            row["timestamp"] = str(int(row["timestamp"]) + 86400)
        else:
            row["timestamp"] = "1618426512"

    output = run("acled", with_rows(tmp_path, "acled_2023.csv", older_export), "-v", "2")

    assert "0 created, 1 updated, 0 unchanged, 0 invalid; older, skipped: 4" in output
    assert "older: rows 2, 3, 5, 6" in output
    figures = {
        i.acled_event_id: sorted(
            c.min for c in i.casualty_reports.all() if c.population == Population.ALL
        )
        for i in Incident.objects.all()
    }
    assert figures == {
        "SYR7201": [40],
        "SYR7202": [12],
        "SYR7203": [6],  # the newer row applied
        "SYR7204": [20],
        "SYR7205": [],
    }


def test_newer_wins_by_the_ged_release_version_when_a_file_gives_one(tmp_path):
    def release(version, best):
        def change(row):
            row["version"] = version
            row["best"] = row["low"] = best
            row["high"] = "99"

        return change

    run("ucdp", with_rows(tmp_path, "ged_candidate.csv", release("24.0.4", "5")))
    output = run("ucdp", with_rows(tmp_path, "ged_candidate.csv", release("24.0.3", "6")))
    assert "0 created, 0 updated, 0 unchanged, 0 invalid; older, skipped: 5" in output
    output = run("ucdp", with_rows(tmp_path, "ged_candidate.csv", release("24.0.10", "7")))
    assert "0 created, 5 updated, 0 unchanged, 0 invalid; older, skipped: 0" in output

    # A file without a version: as recent as any, applied.
    output = run("ucdp", FILES_DIR / "ged_candidate.csv")
    assert "0 created, 5 updated" in output


def test_an_export_of_several_layouts_writes_the_standard_one_and_every_legacy_column(
    tmp_path,
):
    run("acled", FILES_DIR / "acled_2019.csv")
    run("acled", FILES_DIR / "acled_pandas.csv")

    text = export("acled")
    header, rows = table(text)

    # The other columns in the order the files were imported, each file's in its order.
    legacy = ["data_id", "event_id_no_cnty", "iso3", "Unnamed: 0"]
    assert header == [*DATASETS["acled"].columns, *legacy]
    assert rows["SYR7001"][-4:] == ["6512345", "7001", "SYR", ""]
    assert rows["SYR7603"][-4:] == ["", "", "", "2"]
    # Cells as the files gave them, under the standard layout's columns.
    assert rows["SYR7002"][header.index("event_date")] == "01 December 2015"
    assert rows["SYR7002"][header.index("assoc_actor_1")] == (
        "Hezbollah; Military Forces of Iran (1989-); Hezbollah"
    )
    assert rows["SYR7603"][header.index("actor2")] == "NaN"
    assert rows["SYR7001"][header.index("disorder_type")] == ""  # not in that file

    again = tmp_path / "mixed.csv"
    again.write_text(text, encoding="utf-8")
    assert "0 created, 0 updated, 10 unchanged, 0 invalid" in run("acled", again)


def test_one_actor_on_both_sides_of_a_ged_row():
    run("ucdp", FILES_DIR / "ged_same_sides.csv")

    infighting = Incident.objects.get(ucdp_ged_id=170101)
    assert [i.actor.name for i in infighting.involvements.all()] == ["Syrian insurgents"]
    _, rows = table(export("ucdp"))
    header = file_table("ged_same_sides.csv")[0]
    row = dict(zip(header, rows["170101"], strict=True))
    assert (row["side_a"], row["side_b"]) == ("Syrian insurgents", "Syrian insurgents")


def test_a_curated_cell_exports_the_ledgers_value_and_the_others_stay_as_given():
    run("acled", FILES_DIR / "acled_excel.csv")
    Incident.objects.filter(acled_event_id="SYR7402").update(location_name="Al-Huwayz")

    header, rows = table(export("acled"))
    row = dict(zip(header, rows["SYR7402"], strict=True))

    assert row["location"] == "Al-Huwayz"
    assert row["event_date"] == "14-May-20"
    assert row["year"] == "2020"
    assert row["notes"] == (
        "Clashes between regime forces and HTS on the Al Huwayz front; 6 fatalities."
    )


def test_the_same_record_from_another_file_keeps_that_files_cells(tmp_path):
    run("acled", FILES_DIR / "acled_2023.csv")

    def iso_dates(row):
        row["event_date"] = str(parse_date(row["event_date"]))

    output = run("acled", with_rows(tmp_path, "acled_2023.csv", iso_dates))

    # The same record: nothing changed, but an export now gives the last file back.
    assert "0 created, 0 updated, 5 unchanged" in output
    _, rows = table(export("acled"))
    assert rows["SYR7202"][1] == "2015-12-01"


def test_a_monadic_event_exports_as_one_row_among_other_layouts(tmp_path):
    run("acled", FILES_DIR / "acled_monadic.csv")
    run("acled", FILES_DIR / "acled_2023.csv")

    text = export("acled")
    header, rows = table(text)

    assert header == DATASETS["acled"].columns
    assert "SYR7106+1" not in rows
    clash = dict(zip(header, rows["SYR7106"], strict=True))
    assert (clash["actor1"], clash["assoc_actor_1"], clash["inter1"]) == (
        "Military Forces of Syria (2000-)",
        "Military Forces of Russia (2000-)",
        "1",
    )
    assert (clash["actor2"], clash["inter2"], clash["fatalities"]) == ("Jaish al Fateh", "2", "8")
    again = tmp_path / "mixed.csv"
    again.write_text(text, encoding="utf-8")
    assert "0 created, 0 updated, 11 unchanged, 0 invalid" in run("acled", again)


def test_a_timestamp_given_as_a_date_time_reads_as_unix_time(tmp_path):
    def as_date_time(row):
        stamp = datetime.datetime.fromtimestamp(int(row["timestamp"]), datetime.UTC)
        row["timestamp"] = stamp.strftime("%Y-%m-%d %H:%M:%S")

    run("acled", with_rows(tmp_path, "acled_2023.csv", as_date_time))

    lines = Source.objects.get(title="ACLED event SYR7201").body.split("\n")
    assert "timestamp: 1681766400" in lines
    # As recent as the file with Unix times: the same record.
    assert "0 updated, 5 unchanged" in run("acled", FILES_DIR / "acled_2023.csv")


def test_the_apis_export_with_a_limit_gives_the_files_layout(client):
    run("acled", FILES_DIR / "acled_2019.csv", "--status", "published")

    response = client.get(
        "/api/incidents", {"format": "acled", "ordering": "start_date", "limit": 2}
    )

    assert response.status_code == 200
    header, rows = table(b"".join(response.streaming_content).decode())
    assert header == file_table("acled_2019.csv")[0]
    assert sorted(rows) == ["SYR7001", "SYR7002"]


def test_the_import_makes_no_query_per_row(tmp_path):
    with open(FILES_DIR / "acled_2023.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))

    def file_of(copies: int, name: str, date_form: str = "%d %B %Y") -> Path:
        path = tmp_path / f"{name}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            for n in range(copies):
                for row in rows:
                    day = parse_date(row["event_date"])
                    writer.writerow(
                        {
                            **row,
                            "event_id_cnty": f"{row['event_id_cnty']}{name[0]}{n}",
                            "event_date": day.strftime(date_form),
                        }
                    )
        return path

    def queries(path: Path) -> int:
        with CaptureQueriesContext(connection) as captured:
            run("acled", path)
        return len(captured)

    run("acled", file_of(1, "warm"))  # the actors and the reporter, once
    assert queries(file_of(1, "small")) == queries(file_of(4, "large"))
    # Again, as another file gives the same records: their kept rows are replaced in bulk.
    assert queries(file_of(1, "small", "%Y-%m-%d")) == queries(file_of(4, "large", "%Y-%m-%d"))
