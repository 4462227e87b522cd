"""The incident detail as JSON-LD: schema.org for what it is, W3C PROV for who says so.

The document is built from the detail serializer's data alone, so it shows exactly what the
JSON detail shows to the same reader. Its ``@context`` is the bundled ``context.jsonld``,
inlined: a JSON-LD processor needs to fetch nothing to read it. docs/jsonld.md gives the
mapping.
"""

import json
from collections.abc import Callable
from pathlib import Path

from incidents.choices import (
    ActorKind,
    AttributionGrade,
    CasualtyCategory,
    CivilianHarmGrade,
    Population,
    Role,
    StatementKind,
)
from sources.choices import SourceKind

CONTEXT_FILE = Path(__file__).with_name("context.jsonld")
CONTEXT: dict = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]

#: ``iri(resource, id)``: the absolute API URL of a record, e.g. ("quotes", 3).
IriMaker = Callable[[str, int], str]

SOURCE_TYPES = {
    SourceKind.NEWS_ARTICLE: "NewsArticle",
    SourceKind.NGO_REPORT: "Report",
    SourceKind.SOCIAL_MEDIA_POST: "SocialMediaPosting",
    SourceKind.DATASET: "Dataset",
}
ACTOR_TYPES = {
    ActorKind.PERSON: "Person",
    ActorKind.GOVERNMENT_BODY: "GovernmentOrganization",
    ActorKind.NGO: "NGO",
    ActorKind.MEDIA: "NewsMediaOrganization",
}
GRADES = [
    ("civilian_harm_grade", "civilian harm", CivilianHarmGrade),
    ("attribution_grade", "attribution", AttributionGrade),
]
FACTS = ["type", "sub_type", "date_precision", "acled_event_id", "ucdp_ged_id", "airwars_code"]
FIGURES = [("civilian_deaths", "Civilians killed"), ("civilian_injuries", "Civilians injured")]


def incident_document(data: dict, iri: IriMaker, ledger: str) -> dict:
    """The JSON-LD document of an incident detail's ``data``; ``ledger`` is the IRI of the
    ledger itself (the API root), which authors the reviewers' grades."""
    event = iri("incidents", data["id"])
    document = {
        "@id": event,
        "@type": ["Event", "Entity"],
        "name": data["title"],
        "identifier": data["slug"],
        "description": data.get("summary"),
        "startDate": data["start_date"],
        "endDate": data["end_date"],
        "location": _place(data),
        "additionalProperty": _facts(data),
        "superEvent": _brief_event(data.get("parent"), iri),
        "subEvent": [_brief_event(child, iri) for child in data.get("children", [])],
        "subjectOf": [
            *(_involvement(claim, event, iri) for claim in data.get("involvements", [])),
            *(_casualty_report(claim, event, iri) for claim in data.get("casualty_reports", [])),
            *(_statement(claim, event, iri) for claim in data.get("statements", [])),
        ],
        "review": _reviews(data, event, iri, ledger),
        "dateModified": data.get("updated_at"),
    }
    if data.get("published_at"):
        # The record as the public sees it came out of a reviewer's publication.
        document["generatedAtTime"] = data["published_at"]
        document["wasGeneratedBy"] = {
            "@type": "Activity",
            "name": "Publication after review",
            "endedAtTime": data["published_at"],
        }
    return {"@context": CONTEXT, **_pruned(document)}


def _place(data: dict) -> dict:
    geo = None
    if data["latitude"] is not None and data["longitude"] is not None:
        geo = {"@type": "GeoCoordinates", "latitude": data["latitude"]}
        geo["longitude"] = data["longitude"]
    return {
        "@type": "Place",
        "name": data["location_name"],
        "geo": geo,
        "address": {
            "@type": "PostalAddress",
            "addressCountry": data["country"],
            "addressRegion": data["admin1"],
        },
        "additionalProperty": [_property("geo_precision", data["geo_precision"])],
    }


def _facts(data: dict) -> list[dict]:
    facts = [_property(name, data[name]) for name in FACTS]
    for name, label in FIGURES:
        low, high = data[f"{name}_min"], data[f"{name}_max"]
        if low is not None or high is not None:
            facts.append(
                {
                    "@type": "PropertyValue",
                    "propertyID": name,
                    "name": label,
                    "minValue": low,
                    "maxValue": high,
                    "unitText": "people",
                }
            )
    facts.append(_property("weapons", data["weapons"]))
    return facts


def _property(name: str, value) -> dict | None:
    if value in (None, "", []):
        return None
    return {"@type": "PropertyValue", "propertyID": name, "value": value}


def _brief_event(incident: dict | None, iri: IriMaker) -> dict | None:
    if incident is None:
        return None
    return {
        "@id": iri("incidents", incident["id"]),
        "@type": "Event",
        "name": incident["title"],
        "identifier": incident["slug"],
        "startDate": incident["start_date"],
        "endDate": incident["end_date"],
    }


def _actor(actor: dict | None, iri: IriMaker) -> dict | None:
    if actor is None:
        return None
    wikidata = actor.get("wikidata_id")
    return {
        "@id": iri("actors", actor["id"]),
        "@type": [ACTOR_TYPES.get(actor["kind"], "Organization"), "Agent"],
        "name": actor["name"],
        "identifier": actor["slug"],
        "sameAs": f"http://www.wikidata.org/entity/{wikidata}" if wikidata else None,
    }


def _source(source: dict, iri: IriMaker) -> dict:
    node = iri("sources", source["id"])
    return {
        "@id": node,
        "@type": [SOURCE_TYPES.get(source["kind"], "CreativeWork"), "Entity"],
        "name": source["title"],
        "publisher": _publisher(source, iri),
        "url": source.get("url"),
        "datePublished": source.get("published_on"),
        "identifier": _property("sha256", source.get("sha256")),
    }


def _publisher(source: dict, iri: IriMaker) -> dict | None:
    if not source.get("publisher"):
        return None
    # Publishers are names, not actors; the source's IRI anchors its publisher's.
    return {
        "@id": iri("sources", source["id"]) + "#publisher",
        "@type": ["Organization", "Agent"],
        "name": source["publisher"],
    }


def _claim(
    resource: str, claim: dict, event: str, iri: IriMaker, says: dict | None, name: str
) -> dict:
    """A claim: what ``says`` (an actor, or else the source's publisher) says in the quote."""
    quote = claim.get("quote")
    node = {
        "@id": iri(resource, claim["id"]),
        "@type": ["Claim", "Entity"],
        "name": name,
        "about": [event],
    }
    speaker = _actor(says, iri)
    if speaker is None and quote is not None:
        speaker = _publisher(quote["source"], iri)
    if speaker is not None:
        node["author"] = speaker
        node["wasAttributedTo"] = speaker["@id"]
    if quote is not None:
        source = _source(quote["source"], iri)
        # The claim's author is given in full once; the quotation refers to it.
        node["appearance"] = {
            "@id": iri("quotes", quote["id"]),
            "@type": ["Quotation", "Entity"],
            "text": quote["text"],
            "spokenByCharacter": None if says is None else {"@id": speaker["@id"]},
            "creator": None if speaker is None else {"@id": speaker["@id"]},
            "isPartOf": source,
            "wasQuotedFrom": source["@id"],
        }
        node["wasDerivedFrom"] = node["appearance"]["@id"]
    return node


def _involvement(claim: dict, event: str, iri: IriMaker) -> dict:
    actor = claim["actor"]
    role = Role(claim["role"]).label.lower() if claim["role"] in Role.values else claim["role"]
    node = _claim(
        "involvements", claim, event, iri, claim["attributed_by"], f"{actor['name']}: {role}"
    )
    node["mentions"] = _actor(actor, iri)
    node["description"] = claim.get("note")
    node["additionalProperty"] = [_property("role", claim["role"])]
    return node


def _casualty_report(claim: dict, event: str, iri: IriMaker) -> dict:
    population = Population(claim["population"]).label
    category = CasualtyCategory(claim["category"]).label.lower()
    node = _claim(
        "casualty-reports",
        claim,
        event,
        iri,
        claim["reported_by"],
        f"{population} {category}: {_figures(claim['min'], claim['max'])}",
    )
    node["temporalCoverage"] = claim.get("as_of")
    node["additionalProperty"] = [
        {
            "@type": "PropertyValue",
            "propertyID": f"{claim['population']}_{claim['category']}",
            "name": f"{population} {category}",
            "minValue": claim["min"],
            "maxValue": claim["max"],
            "unitText": "people",
        }
    ]
    return node


def _figures(low: int | None, high: int | None) -> str:
    if high is None:
        return "unknown" if low is None else f"at least {low}"
    if low is None:
        return f"up to {high}"
    return f"{low}" if low == high else f"{low}–{high}"


def _statement(claim: dict, event: str, iri: IriMaker) -> dict:
    speaker = claim["speaker"]
    kind = StatementKind(claim["kind"]).label.lower()
    node = _claim("statements", claim, event, iri, speaker, f"{speaker['name']}: {kind}")
    if claim.get("denies") is not None:
        # A denial is about the involvement it denies as well as the incident.
        node["about"].append(iri("involvements", claim["denies"]))
    node["dateCreated"] = claim.get("said_on")
    node["additionalProperty"] = [_property("kind", claim["kind"])]
    return node


def _reviews(data: dict, event: str, iri: IriMaker, ledger: str) -> list[dict]:
    reviews = []
    for field, aspect, grades in GRADES:
        grade = data.get(field)
        if not grade:
            continue
        review = {
            "@id": f"{event}#{field.replace('_', '-')}",
            "@type": "ClaimReview",
            "itemReviewed": event,
            "reviewAspect": aspect,
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": grade,
                "ratingExplanation": grades(grade).label if grade in grades.values else None,
            },
            "author": {
                "@id": ledger,
                "@type": ["Organization", "Agent"],
                "name": "Incident Ledger reviewers",
            },
        }
        if data.get("graded_at"):
            review["datePublished"] = {"@value": data["graded_at"], "@type": "xsd:dateTime"}
        if field == "attribution_grade":
            review["mentions"] = [_actor(actor, iri) for actor in data.get("contested_between", [])]
        reviews.append(review)
    return reviews


def _pruned(value):
    """``value`` without empty members: JSON-LD drops a null anyway, and an empty string or
    list says nothing."""
    if isinstance(value, dict):
        pruned = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        return [item for item in (_pruned(item) for item in value) if item not in (None, "", {})]
    return value
