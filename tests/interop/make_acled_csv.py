"""Write a synthetic ACLED-format CSV for the import benchmark::

    python manage.py shell -c \
        "from tests.interop.make_acled_csv import main; main(100_000, 'acled.csv')"

Every codebook column is filled with plausible values (places with real coordinates, actors
drawn with a skew from a few hundred names), the same for a seed.
"""

import csv
import random
from datetime import date, timedelta

from incidents.choices import SUB_TYPES_BY_TYPE, IncidentSubType, IncidentType
from incidents.interop.countries import NUMERIC
from incidents.interop.datasets import ACLED
from incidents.interop.demo import PLACES

REGIONS = {
    "SY": "Middle East",
    "IQ": "Middle East",
    "YE": "Middle East",
    "UA": "Europe",
    "AF": "South Asia",
    "SD": "Northern Africa",
    "ML": "Western Africa",
    "SO": "Eastern Africa",
    "MM": "Southeast Asia",
}
INTER = ["State forces", "Rebel group", "Political militia", "Identity militia", "Civilians"]
DISORDER = {
    IncidentType.PROTESTS: "Demonstrations",
    IncidentType.RIOTS: "Demonstrations",
    IncidentType.STRATEGIC_DEVELOPMENTS: "Strategic developments",
}


def rows(count: int, seed: int):
    rng = random.Random(seed)
    codes = list(PLACES)
    weights = [PLACES[code][2] for code in codes]
    actors = {
        code: [(f"Military Forces of {PLACES[code][0]} (2000-)", "State forces")]
        + [(f"{PLACES[code][1]} Armed Group {n}", rng.choice(INTER[1:4])) for n in range(1, 60)]
        for code in codes
    }
    types = list(SUB_TYPES_BY_TYPE)
    for n in range(1, count + 1):
        code = rng.choices(codes, weights=weights)[0]
        country, adjective, _, towns = PLACES[code]
        town, admin1, latitude, longitude = rng.choice(towns)
        type_ = rng.choice(types)
        sub_type = rng.choice(SUB_TYPES_BY_TYPE[type_])
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(4018))
        pool = actors[code]
        actor1, inter1 = pool[min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)]
        targeted = type_ == IncidentType.VIOLENCE_AGAINST_CIVILIANS
        actor2, inter2 = (
            (f"Civilians ({country})", "Civilians") if targeted else rng.choice(pool + [("", "")])
        )
        if actor2 == actor1:
            actor2, inter2 = "", ""
        fatalities = rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 13, 40])
        label = IncidentSubType(sub_type).label
        yield {
            "event_id_cnty": f"{code}{n}",
            "event_date": day.isoformat(),
            "year": str(day.year),
            "time_precision": str(rng.choice([1, 1, 1, 2, 3])),
            "disorder_type": DISORDER.get(type_, "Political violence"),
            "event_type": IncidentType(type_).label,
            "sub_event_type": label,
            "actor1": actor1,
            "assoc_actor_1": rng.choice(["", "", f"{adjective} Volunteers"]),
            "inter1": inter1,
            "actor2": actor2,
            "assoc_actor_2": "",
            "inter2": inter2,
            "interaction": f"{inter1}-{inter2}" if inter2 else f"{inter1} only",
            "civilian_targeting": "Civilian targeting" if targeted else "",
            "iso": str(NUMERIC[code]),
            "region": REGIONS[code],
            "country": country,
            "admin1": admin1,
            "admin2": f"{town} District",
            "admin3": "",
            "location": town,
            "latitude": f"{latitude + rng.uniform(-0.02, 0.02):.4f}",
            "longitude": f"{longitude + rng.uniform(-0.02, 0.02):.4f}",
            "geo_precision": str(rng.choice([1, 1, 2, 3])),
            "source": rng.choice(["Reuters", "AFP", "Local media", "Human rights monitor"]),
            "source_scale": rng.choice(["National", "International", "Subnational"]),
            "notes": (
                f"On {day:%d %B %Y}, {actor1} {label.lower()} in {town} ({admin1}). "
                f"{fatalities} fatalities reported."
            ),
            "fatalities": str(fatalities),
            "tags": "",
            "timestamp": str(1_600_000_000 + n),
        }


def main(count: int, path: str, seed: int = 1) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=ACLED.columns)
        writer.writeheader()
        writer.writerows(rows(count, seed))


# The other layouts people hold, for the import benchmark of each (README, "Data in and out").

LEGACY_DROPPED = ("disorder_type", "civilian_targeting", "tags")


def legacy_rows(count: int, seed: int):
    """ACLED as exported before 2023: no disorder_type, civilian_targeting or tags; data_id,
    iso3 and event_id_no_cnty; dates as '29 November 2015'."""
    for n, row in enumerate(rows(count, seed), start=1):
        for column in LEGACY_DROPPED:
            row.pop(column)
        day = date.fromisoformat(row["event_date"])
        row["event_date"] = f"{day.day} {day:%B %Y}"
        row["data_id"] = str(6_000_000 + n)
        row["event_id_no_cnty"] = str(n)
        row["iso3"] = row["event_id_cnty"][:2] + "X"
        yield row


def ged_rows(count: int, seed: int):
    """UCDP GED (a yearly release's layout), from the same synthetic events."""
    for n, row in enumerate(rows(count, seed), start=1):
        day = row["event_date"]
        one_sided = row["civilian_targeting"] == "Civilian targeting"
        side_b = "Civilians" if one_sided else (row["actor2"] or "Unknown armed group")
        deaths = int(row["fatalities"])
        yield {
            "id": str(100_000 + n),
            "relid": f"{row['event_id_cnty']}-{n}",
            "year": day[:4],
            "active_year": "1",
            "code_status": "Clear",
            "type_of_violence": "3" if one_sided else "1",
            "conflict_dset_id": "299",
            "conflict_new_id": "299",
            "conflict_name": f"{row['country']}: Government",
            "dyad_dset_id": "1",
            "dyad_new_id": "1",
            "dyad_name": f"{row['actor1']} - {side_b}",
            "side_a_dset_id": "1",
            "side_a_new_id": "1",
            "side_a": row["actor1"],
            "side_b_dset_id": "2",
            "side_b_new_id": "2",
            "side_b": side_b,
            "number_of_sources": "1",
            "source_article": row["source"],
            "source_office": "",
            "source_date": day,
            "source_headline": "",
            "source_original": row["source"],
            "where_prec": row["geo_precision"],
            "where_coordinates": row["location"],
            "where_description": row["location"],
            "adm_1": row["admin1"],
            "adm_2": row["admin2"],
            "latitude": row["latitude"],
            "longitude": row["longitude"],
            "geom_wkt": f"POINT ({row['longitude']} {row['latitude']})",
            "priogrid_gid": "",
            "country": row["country"],
            "country_id": "652",
            "region": row["region"],
            "event_clarity": "1",
            "date_prec": "1",
            "date_start": f"{day} 00:00:00.000",
            "date_end": f"{day} 00:00:00.000",
            "deaths_a": "0",
            "deaths_b": str(0 if one_sided else deaths),
            "deaths_civilians": str(deaths if one_sided else 0),
            "deaths_unknown": "0",
            "best": str(deaths),
            "high": str(deaths),
            "low": str(deaths),
            "gwnoa": "",
            "gwnob": "",
        }


def write(path: str, generated) -> None:
    first = next(generated)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(first))
        writer.writeheader()
        writer.writerow(first)
        writer.writerows(generated)
