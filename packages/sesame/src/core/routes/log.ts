/**
 * `POST /_log`: where next-auth 4's browser client reports its own errors (`CLIENT_FETCH_ERROR`, …), with
 * `navigator.sendBeacon`, and which it expects to answer. Accepted so that it does, and harmless: nothing
 * changes, and at most one short debug line is written. Anyone can post here, so only the level and the code
 * are kept, each cut short and stripped of anything but printable ASCII: a client can neither write lines of
 * its own into the server's log nor make it log more than a line per request.
 */
import type { RequestContext } from "../context.js";
import { json, type Body } from "../http.js";

/** The most characters of a reported level or code that reach the log. */
const MAX_FIELD_LENGTH = 64;

export function postLog(context: RequestContext, body: Body): Response {
  context.config.logger.debug(`ClientLog: a browser client reported ${printable(body.level)} ${printable(body.code)}`);
  return json({});
}

function printable(value: string | undefined): string {
  return (value ?? "-").slice(0, MAX_FIELD_LENGTH).replace(/[^\x20-\x7e]/g, "?");
}
