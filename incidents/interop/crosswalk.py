"""How the actor names of ACLED and UCDP GED join the ledger's actor tree.

ACLED names a state's forces "Military Forces of Russia (2000-)" and "Police Forces of Syria
(2000-)" (the years are the regime's), its governments, as GED does, "Government of Syria";
"Rioters (Syria)" and "Protesters (Syria)" are a country's rioters and protesters, and
"Civilians (Syria)" (GED: "Civilians") is a population, not an actor: no involvement names it
(the record keeps the line, and the row's civilian figure counts it).

``cross`` reads a name into a ``Crossing``: the actor's kind (from the pattern, else from
ACLED's inter code: 1 state forces and 8 external/other forces armed forces, 2-4 rebels and
militias armed groups, 5-6 rioters and protesters other) and the state it belongs to.
``ActorDirectory`` finds each name's actor by slug, name or alias (any case) — the seed's
"Government of Syria" is that actor, not a new one — and creates the missing ones, state forces
and governments as children of their state, which it finds by its ISO code (an actor of kind
state with that country) or creates with its ISO codes and names as aliases. A batch's names
are resolved together, in a handful of queries whatever the number of rows.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.utils.text import slugify

from incidents.choices import ActorKind
from incidents.models import Actor
from incidents.models.actors import ACTOR_NAMES_FUNCTION

from . import countries

# (pattern, kind, whether the actor belongs to the state it names)
PATTERNS = [
    (re.compile(r"^Military Forces of (?P<country>.+?)(?: \((?P<years>[0-9-]+)\))?$"), True),
    (re.compile(r"^Police Forces of (?P<country>.+?)(?: \((?P<years>[0-9-]+)\))?$"), True),
    (re.compile(r"^Government of (?P<country>.+?)(?: \((?P<years>[0-9-]+)\))?$"), True),
    (re.compile(r"^(?:Rioters|Protesters) \((?P<country>[^()]+)\)$"), False),
]
PATTERN_KINDS = [
    ActorKind.ARMED_FORCE,
    ActorKind.ARMED_FORCE,
    ActorKind.GOVERNMENT_BODY,
    ActorKind.OTHER,
]
POPULATION = re.compile(r"^Civilians(?: \((?P<country>[^()]+)\))?$", re.IGNORECASE)

# ACLED's inter codes, as numbers (before 2024) or as words.
INTER_KINDS = {
    "1": ActorKind.ARMED_FORCE,
    "state forces": ActorKind.ARMED_FORCE,
    "2": ActorKind.ARMED_GROUP,
    "rebel group": ActorKind.ARMED_GROUP,
    "rebel groups": ActorKind.ARMED_GROUP,
    "3": ActorKind.ARMED_GROUP,
    "political militia": ActorKind.ARMED_GROUP,
    "political militias": ActorKind.ARMED_GROUP,
    "4": ActorKind.ARMED_GROUP,
    "identity militia": ActorKind.ARMED_GROUP,
    "identity militias": ActorKind.ARMED_GROUP,
    "5": ActorKind.OTHER,
    "rioters": ActorKind.OTHER,
    "6": ActorKind.OTHER,
    "protesters": ActorKind.OTHER,
    "8": ActorKind.ARMED_FORCE,
    "external/other forces": ActorKind.ARMED_FORCE,
}


def is_population(name: str | None) -> bool:
    """Whether a dataset's actor name is a population (civilians), which is no actor."""
    return bool(name) and POPULATION.match(name.strip()) is not None


@dataclass(frozen=True)
class Crossing:
    name: str
    kind: str
    # ISO 3166-1 alpha-2 of the actor's country, and whether it belongs to that state.
    country: str = ""
    under_state: bool = False


def cross(name: str, fallback_kind: str = ActorKind.OTHER) -> Crossing:
    for (pattern, under_state), kind in zip(PATTERNS, PATTERN_KINDS, strict=True):
        match = pattern.match(name)
        if match and (code := countries.code_from_name(match["country"])):
            return Crossing(name, kind, code, under_state)
    return Crossing(name, fallback_kind)


def inter_kind(code: str) -> str:
    return INTER_KINDS.get(code.strip().casefold(), ActorKind.OTHER)


def _slug_base(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", slugify(name)).strip("-")[:180] or "actor"


def find_by_names(names) -> dict[str, tuple]:
    """Actors named (slug, name or alias, any case) by ``names``: lower-case name → (id,
    parent id, kind, country), the best match winning (name before alias before slug, then
    the oldest actor)."""
    needles = sorted({name.strip().lower() for name in names if name.strip()})
    if not needles:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, slug, name, aliases, parent_id, kind, country FROM incidents_actor "
            f"WHERE {ACTOR_NAMES_FUNCTION}(slug, name, aliases) && %s::text[] ORDER BY id",
            [needles],
        )
        rows = cursor.fetchall()
    best: dict[str, tuple[int, tuple]] = {}
    wanted = set(needles)
    for pk, slug, name, aliases, parent_id, kind, country in rows:
        for rank, key in [(0, name), *((1, a) for a in aliases or []), (2, slug)]:
            key = key.lower()
            if key in wanted and (key not in best or best[key][0] > rank):
                best[key] = (rank, (pk, parent_id, kind, country))
    return {key: found for key, (_, found) in best.items()}


class ActorDirectory:
    """Actors by the names a dataset gives them, found or created (see the module)."""

    def __init__(self):
        self.ids: dict[str, int] = {}
        self.states: dict[str, int] = {}
        self.slugs: set[str] | None = None

    def _slug(self, name: str) -> str:
        if self.slugs is None:
            self.slugs = set(Actor.objects.values_list("slug", flat=True))
        base = slug = _slug_base(name)
        n = 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    def resolve_states(self, codes: set[str]) -> None:
        missing = sorted(codes - set(self.states))
        if not missing:
            return
        for pk, code in (
            Actor.objects.filter(kind=ActorKind.STATE, country__in=missing, parent=None)
            .order_by("-id")
            .values_list("id", "country")
        ):
            self.states[code] = pk  # the oldest wins
        missing = [code for code in missing if code not in self.states]
        if not missing:
            return
        # A state known by one of its names but not (yet) by its code.
        by_name = find_by_names(countries.SHORT_NAME[code] for code in missing)
        created = []
        for code in missing:
            found = by_name.get(countries.SHORT_NAME[code].lower())
            if found is not None and found[2] == ActorKind.STATE:
                self.states[code] = found[0]
                continue
            name = countries.SHORT_NAME[code]
            aliases = [alias for alias in countries.aliases_of(code) if alias != name]
            created.append(
                Actor(
                    name=name,
                    slug=self._slug(name),
                    kind=ActorKind.STATE,
                    country=code,
                    aliases=aliases,
                )
            )
        for actor in Actor.objects.bulk_create(created):
            self.states[actor.country] = actor.pk

    def resolve(self, wanted: dict[str, str]) -> None:
        """Find or create the actor of each name of ``wanted`` (name → kind for a new one)."""
        missing = [name for name in wanted if name not in self.ids]
        if not missing:
            return
        crossings = {name: cross(name, wanted[name]) for name in missing}
        self.resolve_states({c.country for c in crossings.values() if c.under_state})
        found = find_by_names(missing)
        to_create, to_attach = [], []
        for name in missing:
            crossing = crossings[name]
            match = found.get(name.lower())
            if match is None:
                to_create.append(crossing)
                continue
            pk, parent_id, kind, _ = match
            self.ids[name] = pk
            # An actor an earlier import created free-standing (forces of kind "other", a
            # "Government of X" of kind state) joins its state now.
            if crossing.under_state and parent_id is None:
                state = self.states[crossing.country]
                if state != pk:
                    to_attach.append(
                        Actor(pk=pk, parent_id=state, kind=crossing.kind, country=crossing.country)
                    )
        if to_attach:
            Actor.objects.bulk_update(to_attach, ["parent", "kind", "country"])
        actors = [
            Actor(
                name=c.name,
                slug=self._slug(c.name),
                kind=c.kind,
                country=c.country,
                parent_id=self.states[c.country] if c.under_state else None,
            )
            for c in to_create
        ]
        for actor in Actor.objects.bulk_create(actors, batch_size=1000):
            self.ids[actor.name] = actor.pk
