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
