"""Realistic synthetic data at scale: ``demo_generate``.

Everything is drawn from one ``random.Random(seed)``, so a seed gives the same actors, sources,
incidents and claims on any database (only ids and timestamps differ). Rows go in with
PostgreSQL's COPY, a batch of incidents per transaction, with every trigger left in place (the
source hash, the verbatim check of each quote, the change feed and the history): the numbers
measured are the numbers of a managed database, where they cannot be switched off.

The shape:

* ``actors`` actors (2,000 by default) in hierarchies: states with their ministries, armed
  forces and branches, and spokespeople; armed groups under umbrella fronts; civilians of each
  country; NGOs and UN bodies that report figures; media that publish. The parties to
  incidents are drawn from a Zipf-like law tuned so the largest is on about 5% of incidents.
* one source per five incidents, a news article, NGO report or official statement whose body
  tells them one paragraph each: the event sentence (quoted by the involvements), the
  casualty sentence (quoted by the casualty reports) and, for one in five, a spokesperson's
  words (quoted by a statement about it). Offsets are computed as the body is written.
* incidents over 2015-2025 in nine countries, at towns with coordinates, 85% published.
"""

import hashlib
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from config.history import set_history_context
from incidents.choices import (
    SUB_TYPES_BY_TYPE,
    ActorKind,
    CasualtyCategory,
    DatePrecision,
    Fact,
    GeoPrecision,
    IncidentStatus,
    IncidentSubType,
    IncidentType,
    Population,
    Role,
    StatementKind,
)
from incidents.models import (
    Actor,
    CasualtyReport,
    Incident,
    IncidentFact,
    Involvement,
    Statement,
)
from sources.choices import SourceKind
from sources.models import Quote, Source

from .copying import Copier, reserve_ids

INCIDENTS_PER_SOURCE = 5
BATCH_INCIDENTS = 25_000
TOP_ACTOR_SHARE = 0.05
FIRST_DAY, LAST_DAY = date(2015, 1, 1), date(2025, 12, 31)

# country: (name, adjective, weight, [(town, admin1, latitude, longitude)])
PLACES = {
    "SY": (
        "Syria",
        "Syrian",
        25,
        [
            ("Aleppo", "Aleppo", 36.2021, 37.1343),
            ("Idlib", "Idlib", 35.9306, 36.6339),
            ("Ariha", "Idlib", 35.8133, 36.6092),
            ("Homs", "Homs", 34.7324, 36.7137),
            ("Hama", "Hama", 35.1318, 36.7578),
            ("Douma", "Rif Dimashq", 33.5711, 36.4020),
            ("Deir ez-Zor", "Deir ez-Zor", 35.3359, 40.1408),
            ("Raqqa", "Raqqa", 35.9528, 39.0079),
            ("Daraa", "Daraa", 32.6189, 36.1021),
        ],
    ),
    "UA": (
        "Ukraine",
        "Ukrainian",
        20,
        [
            ("Kharkiv", "Kharkivska", 49.9935, 36.2304),
            ("Mariupol", "Donetska", 47.0971, 37.5434),
            ("Bakhmut", "Donetska", 48.5953, 38.0003),
            ("Kherson", "Khersonska", 46.6354, 32.6169),
            ("Kyiv", "Kyiv City", 50.4501, 30.5234),
            ("Zaporizhzhia", "Zaporizka", 47.8388, 35.1396),
            ("Odesa", "Odeska", 46.4825, 30.7233),
        ],
    ),
    "YE": (
        "Yemen",
        "Yemeni",
        12,
        [
            ("Sanaa", "Amanat al Asimah", 15.3694, 44.1910),
            ("Hodeidah", "Al Hudaydah", 14.7978, 42.9545),
            ("Taiz", "Taiz", 13.5795, 44.0209),
            ("Aden", "Aden", 12.7855, 45.0187),
            ("Marib", "Marib", 15.4620, 45.3253),
            ("Saada", "Sadah", 16.9402, 43.7639),
        ],
    ),
    "IQ": (
        "Iraq",
        "Iraqi",
        10,
        [
            ("Mosul", "Ninewa", 36.3406, 43.1303),
            ("Fallujah", "Al Anbar", 33.3500, 43.7833),
            ("Ramadi", "Al Anbar", 33.4258, 43.2994),
            ("Tikrit", "Salah al-Din", 34.6150, 43.6786),
            ("Baghdad", "Baghdad", 33.3152, 44.3661),
            ("Kirkuk", "Kirkuk", 35.4681, 44.3922),
        ],
    ),
    "AF": (
        "Afghanistan",
        "Afghan",
        10,
        [
            ("Kabul", "Kabul", 34.5553, 69.2075),
            ("Kandahar", "Kandahar", 31.6289, 65.7372),
            ("Kunduz", "Kunduz", 36.7286, 68.8681),
            ("Lashkar Gah", "Helmand", 31.5938, 64.3701),
            ("Jalalabad", "Nangarhar", 34.4265, 70.4515),
            ("Ghazni", "Ghazni", 33.5451, 68.4174),
        ],
    ),
    "SD": (
        "Sudan",
        "Sudanese",
        8,
        [
            ("Khartoum", "Khartoum", 15.5007, 32.5599),
            ("Omdurman", "Khartoum", 15.6445, 32.4777),
            ("El Fasher", "North Darfur", 13.6290, 25.3494),
            ("Nyala", "South Darfur", 12.0489, 24.8807),
            ("El Geneina", "West Darfur", 13.4526, 22.4472),
            ("Wad Madani", "Gezira", 14.4012, 33.5199),
        ],
    ),
    "MM": (
        "Myanmar",
        "Myanmar",
        6,
        [
            ("Myitkyina", "Kachin", 25.3833, 97.4000),
            ("Lashio", "Shan", 22.9333, 97.7500),
            ("Sittwe", "Rakhine", 20.1500, 92.9000),
            ("Mandalay", "Mandalay", 21.9588, 96.0891),
            ("Hpa-an", "Kayin", 16.8906, 97.6333),
        ],
    ),
    "ML": (
        "Mali",
        "Malian",
        5,
        [
            ("Gao", "Gao", 16.2666, -0.0400),
            ("Timbuktu", "Tombouctou", 16.7666, -3.0026),
            ("Mopti", "Mopti", 14.4843, -4.1830),
            ("Kidal", "Kidal", 18.4411, 1.4078),
            ("Menaka", "Menaka", 15.9182, 2.4022),
        ],
    ),
    "SO": (
        "Somalia",
        "Somali",
        4,
        [
            ("Mogadishu", "Banadir", 2.0469, 45.3182),
            ("Baidoa", "Bay", 3.1167, 43.6500),
            ("Kismayo", "Lower Juba", -0.3582, 42.5454),
            ("Beledweyne", "Hiraan", 4.7358, 45.2036),
        ],
    ),
}
FOREIGN_STATES = {
    "RU": ("Russia", "Russian"),
    "US": ("United States", "US"),
    "TR": ("Turkey", "Turkish"),
    "IR": ("Iran", "Iranian"),
    "GB": ("United Kingdom", "British"),
    "FR": ("France", "French"),
    "SA": ("Saudi Arabia", "Saudi"),
    "AE": ("United Arab Emirates", "Emirati"),
}
TYPE_WEIGHTS = {
    IncidentType.EXPLOSIONS_REMOTE_VIOLENCE: 35,
    IncidentType.BATTLES: 30,
    IncidentType.VIOLENCE_AGAINST_CIVILIANS: 20,
    IncidentType.PROTESTS: 8,
    IncidentType.RIOTS: 3,
    IncidentType.STRATEGIC_DEVELOPMENTS: 4,
}
VERBS = {
    IncidentSubType.ARMED_CLASH: "clashed",
    IncidentSubType.GOVERNMENT_REGAINS_TERRITORY: "retook positions",
    IncidentSubType.NON_STATE_ACTOR_OVERTAKES_TERRITORY: "seized positions",
    IncidentSubType.CHEMICAL_WEAPON: "used chemical weapons",
    IncidentSubType.AIR_DRONE_STRIKE: "carried out air strikes",
    IncidentSubType.SUICIDE_BOMB: "carried out a suicide bombing",
    IncidentSubType.SHELLING_ARTILLERY_MISSILE_ATTACK: "shelled residential areas",
    IncidentSubType.REMOTE_EXPLOSIVE_LANDMINE_IED: "detonated an explosive device",
    IncidentSubType.GRENADE: "threw grenades",
    IncidentSubType.SEXUAL_VIOLENCE: "committed sexual violence",
    IncidentSubType.ATTACK: "attacked",
    IncidentSubType.ABDUCTION_FORCED_DISAPPEARANCE: "abducted people",
    IncidentSubType.PEACEFUL_PROTEST: "protested peacefully",
    IncidentSubType.PROTEST_WITH_INTERVENTION: "protested until dispersed",
    IncidentSubType.EXCESSIVE_FORCE_AGAINST_PROTESTERS: "fired on protesters",
    IncidentSubType.VIOLENT_DEMONSTRATION: "rioted",
    IncidentSubType.MOB_VIOLENCE: "attacked people",
    IncidentSubType.AGREEMENT: "agreed a local truce",
    IncidentSubType.ARRESTS: "made arrests",
    IncidentSubType.CHANGE_TO_GROUP_ACTIVITY: "changed their positions",
    IncidentSubType.DISRUPTED_WEAPONS_USE: "defused explosives",
    IncidentSubType.HEADQUARTERS_OR_BASE_ESTABLISHED: "set up a base",
    IncidentSubType.LOOTING_PROPERTY_DESTRUCTION: "looted property",
    IncidentSubType.NON_VIOLENT_TRANSFER_OF_TERRITORY: "took over positions",
    IncidentSubType.OTHER: "acted",
}
COORDINATES_NOTE = "Demo data: the position of the town the event sentence names."
WEAPONS_NOTE = "Demo data: a weapon drawn for the event's sub-type."

WEAPONS = {
    IncidentSubType.AIR_DRONE_STRIKE: ["unguided bombs", "guided missiles", "drones"],
    IncidentSubType.SHELLING_ARTILLERY_MISSILE_ATTACK: [
        "artillery",
        "rockets",
        "cluster munitions",
    ],
    IncidentSubType.REMOTE_EXPLOSIVE_LANDMINE_IED: ["IED", "landmine"],
    IncidentSubType.CHEMICAL_WEAPON: ["chlorine"],
}
STATEMENT_WORDS = {
    StatementKind.DENIAL: "Our forces did not target any civilian site in {town}.",
    StatementKind.CLAIM: "Our units destroyed fortified positions near {town}.",
    StatementKind.ACCUSATION: "The enemy deliberately struck residential areas of {town}.",
    StatementKind.CONDEMNATION: "We condemn the attack on civilians in {town} in strong terms.",
    StatementKind.CONFIRMATION: "The operation in {town} was carried out as planned.",
    StatementKind.WARNING: "Any further attack on {town} will be answered with force.",
}
GROUP_WORDS = (
    "Liberation",
    "Revolutionary",
    "Islamic",
    "Popular",
    "National",
    "Free",
    "United",
    "Democratic",
    "Resistance",
    "Martyrs",
    "Dawn",
    "Victory",
    "Unity",
    "Salvation",
    "Defence",
    "Union",
)
GROUP_KINDS = ("Front", "Movement", "Brigade", "Army", "Battalion", "Forces", "Council", "Legion")
FIRST_NAMES = (
    "Ahmad Omar Yusuf Ali Hassan Khalid Mariam Fatima Layla Nour Olena Andriy Dmytro Iryna "
    "Serhiy Abdullah Samir Aung Min Kyaw Moussa Ibrahima Amina Hamza Said Abdi Farah Tariq"
).split()
LAST_NAMES = (
    "Haddad Khalil Nasser Saleh Mansour Karimi Rahimi Kovalenko Shevchenko Bondarenko Melnyk "
    "Tkachenko Al-Amin Osman Hussein Jabbar Aziz Kone Traore Diallo Thein Naing Warsame Jama"
).split()


@dataclass
class DemoReport:
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


@dataclass
class ActorSpec:
    name: str
    kind: str
    country: str = ""
    parent: "ActorSpec | None" = None
    aliases: list[str] = field(default_factory=list)
    id: int | None = None


# Foreign forces that take part in each country's incidents.
FOREIGN_PRESENCE = {
    "SY": ["RU", "US", "TR", "IR"],
    "UA": ["RU"],
    "YE": ["SA", "AE", "US", "IR"],
    "IQ": ["US", "IR", "TR", "GB"],
    "AF": ["US", "GB"],
    "SD": ["AE"],
    "MM": [],
    "ML": ["FR", "RU"],
    "SO": ["US", "TR", "AE"],
}
INTERNATIONAL_REPORTERS = (
    "Civilian Harm Monitor",
    "Conflict Casualties Watch",
    "International Humanitarian Observatory",
)
AVERAGE_PARTIES = 1.8


def _zipf_exponent(size: int, share: float) -> float:
    """The exponent s for which rank 1 of ``size`` weights k^-s has ``share`` of the total."""
    low, high = 0.0, 3.0
    for _ in range(60):
        s = (low + high) / 2
        top = 1 / sum(k**-s for k in range(1, size + 1))
        low, high = (s, high) if top < share else (low, s)
    return (low + high) / 2


class World:
    """The actors, built once per seed, and the law that draws an incident's parties: in each
    country its own forces rank first, then the foreign forces there, then its armed groups,
    with Zipf-like weights so the top party of the largest country is on about 5% of all
    incidents."""

    def __init__(self, rng: random.Random, size: int):
        self.rng = rng
        self.actors: list[ActorSpec] = []
        self.civilians: dict[str, ActorSpec] = {}
        self.spokespeople: dict[str, list[ActorSpec]] = {}
        self.forces: dict[str, list[ActorSpec]] = {}
        self.reporters: dict[str, list[ActorSpec]] = {}
        self.media: dict[str, list[ActorSpec]] = {}
        states = {code: (name, adjective) for code, (name, adjective, *_) in PLACES.items()}
        for code, (name, adjective) in {**states, **FOREIGN_STATES}.items():
            self.add_state(code, name, adjective)
        international = [self.add(name, ActorKind.NGO) for name in INTERNATIONAL_REPORTERS]
        wire = self.add("International Wire Service", ActorKind.MEDIA)
        for code, (name, adjective, *_) in PLACES.items():
            self.civilians[code] = self.add(f"Civilians ({name})", ActorKind.OTHER, code)
            self.reporters[code] = [
                self.add(f"{name} Observatory for Human Rights", ActorKind.NGO, code),
                self.add(f"{name} Civil Defence", ActorKind.NGO, code),
                self.add(
                    f"UN Human Rights Monitoring Mission in {name}",
                    ActorKind.INTERNATIONAL_ORGANISATION,
                ),
                *international,
            ]
            self.media[code] = [
                self.add(pattern.format(n=name, a=adjective), ActorKind.MEDIA, code)
                for pattern in ("{a} Daily", "Radio {n}", "{n} Times", "{a} News Agency")
            ] + [wire]
        codes = list(PLACES)
        weights = [PLACES[code][2] for code in codes]
        groups: dict[str, list[ActorSpec]] = {code: [] for code in codes}
        umbrellas: dict[str, list[ActorSpec]] = {code: [] for code in codes}
        names = {actor.name for actor in self.actors}
        while len(self.actors) < size:
            code = rng.choices(codes, weights=weights)[0]
            adjective, towns = PLACES[code][1], PLACES[code][3]
            parent = None
            if umbrellas[code] and rng.random() < 0.8:
                parent = rng.choice(umbrellas[code])
            words = rng.sample(GROUP_WORDS, 2)
            name = f"{words[0]} {words[1]} {rng.choice(GROUP_KINDS)}"
            if parent is None:
                name = f"{adjective} {name}"
            if rng.random() < 0.3:
                name = f"{name} of {rng.choice(towns)[0]}"
            if name in names:
                continue
            names.add(name)
            group = self.add(name, ActorKind.ARMED_GROUP, code, parent)
            groups[code].append(group)
            if parent is None:
                umbrellas[code].append(group)
            elif rng.random() < 0.1 and len(self.actors) < size:
                person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                if person not in names:
                    names.add(person)
                    self.add(person, ActorKind.PERSON, code, group)
        self.parties = {
            code: self.forces[code]
            + [force for other in FOREIGN_PRESENCE[code] for force in self.forces[other][:3]]
            + groups[code]
            for code in codes
        }
        largest = max(codes, key=lambda code: PLACES[code][2])
        share = TOP_ACTOR_SHARE / (PLACES[largest][2] / sum(weights) * AVERAGE_PARTIES)
        exponent = _zipf_exponent(len(self.parties[largest]), share)
        self.cumulative = {}
        for code, parties in self.parties.items():
            ranked = [k**-exponent for k in range(1, len(parties) + 1)]
            total, running, cumulative = sum(ranked), 0.0, []
            for weight in ranked:
                running += weight / total
                cumulative.append(running)
            self.cumulative[code] = cumulative

    def add(self, name, kind, country="", parent=None, aliases=None) -> ActorSpec:
        actor = ActorSpec(name, kind, country, parent, aliases or [])
        self.actors.append(actor)
        return actor

    def add_state(self, code: str, name: str, adjective: str) -> None:
        state = self.add(name, ActorKind.STATE, code, aliases=[f"{adjective} government"])
        defence = self.add(f"Ministry of Defence of {name}", ActorKind.GOVERNMENT_BODY, code, state)
        interior = self.add(
            f"Ministry of Interior of {name}", ActorKind.GOVERNMENT_BODY, code, state
        )
        forces = self.add(f"Armed Forces of {name}", ActorKind.ARMED_FORCE, code, state)
        self.forces[code] = [
            self.add(f"{adjective} {branch}", ActorKind.ARMED_FORCE, code, forces)
            for branch in ("Army", "Air Force")
        ]
        self.forces[code] += [
            forces,
            self.add(f"{adjective} National Guard", ActorKind.ARMED_FORCE, code, forces),
            self.add(f"Police of {name}", ActorKind.ARMED_FORCE, code, interior),
        ]
        self.spokespeople[code] = []
        for body in (defence, interior):
            person = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            self.spokespeople[code].append(self.add(person, ActorKind.PERSON, code, body))

    def party(self, code: str) -> ActorSpec:
        cumulative, at = self.cumulative[code], self.rng.random()
        low, high = 0, len(cumulative) - 1
        while low < high:
            middle = (low + high) // 2
            if cumulative[middle] < at:
                low = middle + 1
            else:
                high = middle
        return self.parties[code][low]


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _figure(rng: random.Random) -> int:
    """A casualty count: mostly small, with a long tail."""
    return int(math.exp(rng.gauss(0.8, 1.3))) if rng.random() < 0.75 else 0


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class DemoRefused(Exception):
    pass


def demo_generate(
    *,
    incidents: int,
    seed: int = 1,
    actors: int = 2000,
    progress: Callable[[int], None] | None = None,
) -> DemoReport:
    """Generate ``incidents`` incidents and all that goes with them; see the module docstring."""
    rng = random.Random(seed)
    report = DemoReport(seed=seed, counts={})
    prefix = f"demo{seed}"
    if Incident._base_manager.filter(slug__startswith=f"{prefix}-").exists():
        raise DemoRefused(f"Demo data of seed {seed} is already in this database.")
    started = time.monotonic()
    now = timezone.now()
    world = World(rng, actors)

    with transaction.atomic():
        set_history_context(via="command:generate_demo_data", reason=f"demo data, seed {seed}")
        taken = set(Actor.objects.values_list("slug", flat=True))
        for actor, pk in zip(world.actors, reserve_ids(Actor, len(world.actors)), strict=True):
            actor.id = pk
        rows = []
        for actor in world.actors:
            base = slug = slugify(actor.name)[:190] or "actor"
            n = 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            parent = actor.parent.id if actor.parent else None
            rows.append(
                (actor.id, actor.name, slug, actor.kind, parent, actor.aliases, actor.country)
            )
        # Parents before children: the list is built in that order.
        copier = Copier(Actor, ["id", "name", "slug", "kind", "parent", "aliases", "country"], now)
        report.counts["actors"] = copier.write(rows)

    copiers = {
        "sources": Copier(
            Source,
            [
                "id",
                "kind",
                "title",
                "publisher",
                "authors",
                "url",
                "published_on",
                "language",
                "body",
                "sha256",
                "captured_at",
                "created_at",
                "updated_at",
            ],
        ),
        "quotes": Copier(
            Quote, ["id", "source", "text", "start", "end", "created_at", "updated_at"]
        ),
        "incidents": Copier(
            Incident,
            [
                "id",
                "title",
                "slug",
                "summary",
                "type",
                "sub_type",
                "start_date",
                "date_precision",
                "country",
                "admin1",
                "location_name",
                "latitude",
                "longitude",
                "geo_precision",
                "civilian_deaths_min",
                "civilian_deaths_max",
                "civilian_injuries_min",
                "weapons",
                "status",
                "published_at",
                "created_at",
                "updated_at",
            ],
        ),
        "involvements": Copier(
            Involvement, ["incident", "actor", "role", "quote", "created_at", "updated_at"]
        ),
        "casualty reports": Copier(
            CasualtyReport,
            [
                "incident",
                "category",
                "population",
                "min",
                "max",
                "reported_by",
                "quote",
                "as_of",
                "counted",
                "created_at",
                "updated_at",
            ],
        ),
        "facts": Copier(
            IncidentFact, ["incident", "fact", "quote", "note", "created_at", "updated_at"]
        ),
        "statements": Copier(
            Statement, ["id", "speaker", "quote", "kind", "said_on", "created_at", "updated_at"]
        ),
        "statement incidents": Copier(Statement.incidents.through, ["statement", "incident"]),
    }
    for name in copiers:
        report.counts[name] = 0
    done = 0
    while done < incidents:
        size = min(BATCH_INCIDENTS, incidents - done)
        with transaction.atomic():
            set_history_context(via="command:generate_demo_data", reason=f"demo data, seed {seed}")
            tables = _batch(rng, world, prefix, done, size, now)
            for name, rows in tables.items():
                report.counts[name] += copiers[name].write(rows)
        done += size
        if progress is not None:
            progress(size)
    # Fresh statistics: autovacuum may not have looked at tables that grew this fast, and the
    # feed's first build, right after, was planned from empty ones (a 13-second statement
    # ran for over 20 minutes at a million incidents).
    with connection.cursor() as cursor:
        for copier in copiers.values():
            cursor.execute(f"ANALYZE {connection.ops.quote_name(copier.model._meta.db_table)}")
    report.seconds = time.monotonic() - started
    return report


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _batch(rng, world: World, prefix: str, first: int, size: int, now) -> dict[str, list]:
    """One batch's rows, table by table, ids reserved from the tables' sequences. A source
    reports a few days of incidents in one country."""
    n_sources = math.ceil(size / INCIDENTS_PER_SOURCE)
    incident_ids = reserve_ids(Incident, size)
    source_ids = reserve_ids(Source, n_sources)
    span = (LAST_DAY - FIRST_DAY).days
    codes = list(PLACES)
    country_weights = [PLACES[c][2] for c in codes]
    statuses = {
        IncidentStatus.PUBLISHED: 85,
        IncidentStatus.DRAFT: 10,
        IncidentStatus.IN_REVIEW: 3,
        IncidentStatus.RETRACTED: 2,
    }
    precisions = {GeoPrecision.EXACT: 6, GeoPrecision.NEAR: 3, GeoPrecision.ADMIN1: 1}
    date_precisions = {DatePrecision.DAY: 90, DatePrecision.WEEK: 7, DatePrecision.MONTH: 3}
    source_kinds = {
        SourceKind.NEWS_ARTICLE: 7,
        SourceKind.NGO_REPORT: 2,
        SourceKind.OFFICIAL_STATEMENT: 1,
    }
    violent_types = (
        IncidentType.EXPLOSIONS_REMOTE_VIOLENCE,
        IncidentType.VIOLENCE_AGAINST_CIVILIANS,
    )
    incidents, sources, quotes, involvements, casualties, statements, about, facts = (
        [] for _ in range(8)
    )
    pending_statements = []
    for s, source_id in enumerate(source_ids):
        members = range(s * INCIDENTS_PER_SOURCE, min(size, (s + 1) * INCIDENTS_PER_SOURCE))
        code = rng.choices(codes, weights=country_weights)[0]
        country, adjective, _, towns = PLACES[code]
        reporters = world.reporters[code]
        last_day = FIRST_DAY + timedelta(days=rng.randrange(6, span + 1))
        paragraphs, at, first_quote, places = [], 0, len(quotes), []
        for index in members:
            incident_id = incident_ids[index]
            town, admin1, latitude, longitude = rng.choice(towns)
            places.append(town)
            type_ = _pick(rng, TYPE_WEIGHTS)
            sub_type = rng.choice(SUB_TYPES_BY_TYPE[type_])
            day = last_day - timedelta(days=rng.randrange(7))
            parties = []
            for _ in range(rng.choices((1, 2, 3), weights=(30, 45, 25))[0]):
                actor = world.party(code)
                if actor not in parties:
                    parties.append(actor)
            violent = type_ in violent_types
            victim = None
            if violent and len(parties) > 1 and rng.random() < 0.45:
                victim, parties = world.civilians[code], parties[:-1]
            event = (
                f"On {_day(day)}, {_and([a.name for a in parties])} {VERBS[sub_type]} "
                f"in {town}, {admin1}" + (f", hitting {victim.name}" if victim else "") + "."
            )
            killed, injured = _figure(rng), _figure(rng) if rng.random() < 0.5 else 0
            high = killed + rng.randrange(1, 10) if killed and rng.random() < 0.3 else killed
            reporter = rng.choice(reporters)
            if killed and high != killed:
                toll = f"Between {killed} and {high} civilians were killed"
            elif killed:
                toll = f"At least {_plural(killed, 'civilian was', 'civilians were')} killed"
            else:
                toll = ""
            if injured:
                toll = (
                    f"{toll} and {injured} injured"
                    if toll
                    else f"{_plural(injured, 'civilian was', 'civilians were')} injured"
                )
            casualty = f"{toll}, according to {reporter.name}." if toll else ""
            said = None
            if rng.random() < 0.2:
                kind = rng.choice(list(STATEMENT_WORDS))
                speaker = rng.choice(world.spokespeople[code])
                said = (speaker, kind, STATEMENT_WORDS[kind].format(town=town))
            sentences = [event] + ([casualty] if casualty else [])
            if said:
                sentences.append(f"{said[0].name} said: “{said[2]}”")
            paragraph = " ".join(sentences)
            quotes.append([None, source_id, event, at, at + len(event), now, now])
            event_quote = len(quotes) - 1
            if casualty:
                start = at + len(event) + 1
                quotes.append([None, source_id, casualty, start, start + len(casualty), now, now])
            casualty_quote = len(quotes) - 1
            if said:
                start = at + len(paragraph) - len(said[2]) - 1  # before the closing ”
                quotes.append([None, source_id, said[2], start, start + len(said[2]), now, now])
                pending_statements.append((said, len(quotes) - 1, incident_id, day))
            paragraphs.append(paragraph)
            at += len(paragraph) + 2

            precision = _pick(rng, precisions)
            status = _pick(rng, statuses)
            jitter = 0.0 if precision == GeoPrecision.ADMIN1 else 0.02
            label = IncidentSubType(sub_type).label
            incidents.append(
                (
                    incident_id,
                    f"{label} in {town}",
                    f"{prefix}-{slugify(label)}-{slugify(town)}-{first + index + 1}",
                    f"{label} reported in {town}, {admin1}, {country}.",
                    type_,
                    sub_type,
                    day,
                    _pick(rng, date_precisions),
                    code,
                    admin1,
                    town,
                    round(latitude + rng.uniform(-jitter, jitter), 4),
                    round(longitude + rng.uniform(-jitter, jitter), 4),
                    precision,
                    killed or None,
                    high if killed else None,
                    injured or None,
                    rng.sample(WEAPONS[sub_type], 1) if sub_type in WEAPONS else [],
                    status,
                    now if status in (IncidentStatus.PUBLISHED, IncidentStatus.RETRACTED) else None,
                    now,
                    now,
                )
            )
            for position, actor in enumerate(parties):
                role = Role.OTHER
                if violent:
                    sure = position == 0 and rng.random() < 0.7
                    role = Role.PERPETRATOR if sure else Role.ALLEGED_PERPETRATOR
                involvements.append([incident_id, actor.id, role, event_quote, now, now])
            if victim is not None:
                involvements.append([incident_id, victim.id, Role.VICTIM, event_quote, now, now])
            # The event sentence gives the day and the place; the rest is the generator's.
            for fact in (Fact.DATE, Fact.PLACE):
                facts.append([incident_id, fact, event_quote, "", now, now])
            facts.append([incident_id, Fact.COORDINATES, None, COORDINATES_NOTE, now, now])
            if sub_type in WEAPONS:
                facts.append([incident_id, Fact.WEAPONS, None, WEAPONS_NOTE, now, now])
            for category, low, top in (
                (CasualtyCategory.KILLED, killed, high),
                (CasualtyCategory.INJURED, injured, injured),
            ):
                if low:
                    casualties.append(
                        [
                            incident_id,
                            category,
                            Population.CIVILIANS,
                            low,
                            top,
                            reporter.id,
                            casualty_quote,
                            day,
                            True,  # the figures on the incident are this report's
                            now,
                            now,
                        ]
                    )
        body = "\n\n".join(paragraphs)
        for _, _, text, start, end, _, _ in quotes[first_quote:]:
            if body[start:end] != text:
                raise AssertionError(f"quote {text!r} is not at {start} in its body")
        sources.append(
            (
                source_id,
                _pick(rng, source_kinds),
                f"Attacks reported in {_and(list(dict.fromkeys(places)))}",
                rng.choice(world.media[code]).name,
                [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"],
                f"https://news.example.org/{prefix}/{first // INCIDENTS_PER_SOURCE + s + 1}",
                min(last_day + timedelta(days=rng.randrange(1, 4)), LAST_DAY),
                "en",
                body,
                hashlib.sha256(body.encode("utf-8")).hexdigest(),
                now,
                now,
                now,
            )
        )
    quote_ids = reserve_ids(Quote, len(quotes))
    for quote, pk in zip(quotes, quote_ids, strict=True):
        quote[0] = pk
    for row in involvements:
        row[3] = quote_ids[row[3]]
    for row in casualties:
        row[6] = quote_ids[row[6]]
    for row in facts:
        row[2] = None if row[2] is None else quote_ids[row[2]]
    statement_ids = reserve_ids(Statement, len(pending_statements))
    for pk, (said, quote_index, incident_id, day) in zip(
        statement_ids, pending_statements, strict=True
    ):
        speaker, kind, _ = said
        said_on = day + timedelta(days=rng.randrange(0, 3))
        statements.append((pk, speaker.id, quote_ids[quote_index], kind, said_on, now, now))
        about.append((pk, incident_id))
    return {
        "sources": sources,
        "quotes": quotes,
        "incidents": incidents,
        "involvements": involvements,
        "casualty reports": casualties,
        "facts": facts,
        "statements": statements,
        "statement incidents": about,
    }
