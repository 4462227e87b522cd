// A tiny client of the Incident Ledger API, typed by the types that `npm run generate` writes
// from openapi/schema.yaml. check.sh type-checks it: a change to the schema that breaks these
// calls fails the check.
import createClient from "openapi-fetch";

import type { components, paths } from "./generated/schema";

export type Incident = components["schemas"]["Incident"];
export type IncidentDetail = components["schemas"]["IncidentDetail"];

// "application/json": incident lists also answer as text/csv and application/geo+json, and
// this client only asks for JSON.
export function ledgerClient(baseUrl: string) {
  return createClient<paths, "application/json">({ baseUrl });
}

/** GET /api/incidents?actor=russia: the title of the first incident, or null when none matches. */
export async function firstIncidentTitle(
  baseUrl: string,
  actor = "russia",
): Promise<string | null> {
  const { data, error, response } = await ledgerClient(baseUrl).GET("/api/incidents/", {
    params: { query: { actor, limit: 10 } },
  });
  if (error) {
    throw new Error(`GET /api/incidents answered ${response.status}: ${JSON.stringify(error)}`);
  }
  const first: Incident | undefined = data.results[0];
  return first ? first.title : null;
}

/** Every incident an actor was involved in: GET /api/incidents?actor=..., page after page
 * until `next` is null. */
export async function allIncidentsOf(baseUrl: string, actor: string): Promise<Incident[]> {
  const client = ledgerClient(baseUrl);
  const found: Incident[] = [];
  const limit = 50;
  for (let offset = 0; ; ) {
    const { data, error, response } = await client.GET("/api/incidents/", {
      params: { query: { actor, limit, offset } },
    });
    if (error) {
      // A 400 names the parameter at fault in `attr`.
      const where = error.errors.map((e) => `${e.attr ?? "-"}: ${e.code}`).join("; ");
      throw new Error(`GET /api/incidents answered ${response.status}: ${where}`);
    }
    found.push(...data.results);
    if (data.next === null || data.next === undefined) {
      return found;
    }
    offset += data.results.length;
  }
}

/** GET /api/incidents/{id_or_slug}: who was involved, and the quote each involvement rests on. */
export async function involvements(baseUrl: string, idOrSlug: string): Promise<string[]> {
  const { data, error } = await ledgerClient(baseUrl).GET("/api/incidents/{id_or_slug}/", {
    params: { path: { id_or_slug: idOrSlug } },
  });
  if (error) {
    throw new Error(`no incident ${idOrSlug}: ${JSON.stringify(error)}`);
  }
  const incident: IncidentDetail = data;
  return incident.involvements.map(
    (i) =>
      `${i.actor.name} (${i.role}): ` +
      (i.quote
        ? `...${i.quote.context_before}«${i.quote.text}»${i.quote.context_after}...`
        : "no quote"),
  );
}

// The generated types are not `any`: each of these lines must fail to type-check.
export async function misuses(baseUrl: string): Promise<void> {
  const client = ledgerClient(baseUrl);
  // @ts-expect-error: /api/incidents takes no parameter "actors".
  await client.GET("/api/incidents/", { params: { query: { actors: "russia" } } });
  // @ts-expect-error: "limit" is a number.
  await client.GET("/api/incidents/", { params: { query: { limit: "ten" } } });
  const { data } = await client.GET("/api/incidents/");
  // @ts-expect-error: an incident has a title, not a name.
  console.log(data?.results[0]?.name);
}
