/**
 * Counts the SQL statements an app runs, for the benchmark's "queries per request". The proxy and the pages
 * are separate bundles in one `next start` process, so the count lives on `globalThis`, not in a module.
 */
import type { LogEvent } from "kysely";

const KEY = Symbol.for("sesame.bench.queries");
type Counter = { [KEY]?: number };

export function countQuery(event: LogEvent): void {
  if (event.level === "query") (globalThis as Counter)[KEY] = queryCount() + 1;
}

export function queryCount(): number {
  return (globalThis as Counter)[KEY] ?? 0;
}

/** `GET /api/bench/queries` in every app: how many statements have run so far. */
export function queriesRoute(): Response {
  return Response.json({ queries: queryCount() });
}
