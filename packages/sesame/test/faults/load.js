/**
 * Load with a record of every answer: browsers that time each request to `Auth()` and keep what came back,
 * the phase of the outage it was sent in, and a judge that says which answers a store fault may produce.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { ORIGIN, setCookies } from "../support/helpers.js";
export class Recorder {
    samples = [];
    phase = "before";
    /** When the store came back (answered again), in `performance.now()` time. */
    recoveredAt = Infinity;
    async record(method, path, send) {
        const phase = this.phase;
        const started = performance.now();
        const response = await send();
        const body = await response.clone().text();
        this.samples.push({
            method,
            path,
            phase,
            status: response.status,
            ms: performance.now() - started,
            location: response.headers.get("location"),
            body,
            setsSessionCookie: setCookies(response).some((c) => c.name.startsWith("sesame.session-token") && c.attributes["max-age"] !== "0"),
        });
        return response;
    }
}
/** Has every request the browser sends to `Auth()` recorded, whichever kind of browser it is. */
export function timed(browser, recorder) {
    const send = browser.fetch.bind(browser);
    browser.fetch = (path, init = {}) => recorder.record(init.method ?? "GET", path, () => send(path, init));
    return browser;
}
/** Stack frames, source locations or a raw exception: what no answer may carry. */
const STACK = /\n\s+at |\bat .+:\d+:\d+|\.ts:\d+|\.js:\d+|node_modules|Error: |ECONNREFUSED|ECONNRESET/;
/**
 * Why `sample` is not an answer a store outage may give, or `undefined` if it is one: a success, or
 * `AdapterError` — JSON 503 for programs, a redirect to the error page for browsers — with no session
 * cookie and nothing internal in it.
 */
export function misbehaviour(sample) {
    if (STACK.test(sample.body) || STACK.test(sample.location ?? ""))
        return "leaks internals";
    if (sample.status === 200)
        return undefined;
    if (sample.status === 302 && sample.location) {
        const location = new URL(sample.location, ORIGIN);
        const error = location.searchParams.get("error");
        if (error === null)
            return undefined;
        if (error !== "AdapterError")
            return `redirects with error ${error}`;
        if (location.pathname !== "/api/auth/error")
            return `AdapterError sent to ${location.pathname}`;
        return sample.setsSessionCookie ? "sets a session cookie on failure" : undefined;
    }
    if (sample.status === 503) {
        let parsed;
        try {
            parsed = JSON.parse(sample.body);
        }
        catch {
            return "503 without JSON";
        }
        if (parsed.error !== "AdapterError")
            return `503 with ${sample.body}`;
        return sample.setsSessionCookie ? "sets a session cookie on failure" : undefined;
    }
    return `status ${sample.status}`;
}
export function isStoreError(sample) {
    return (sample.status === 503 || new URL(sample.location ?? "/", ORIGIN).searchParams.get("error") === "AdapterError") && !misbehaviour(sample);
}
/** Runs `users` loops of `step` until `stop()` says so; a step that throws fails the whole run. */
export async function runLoad(users, step, stop) {
    await Promise.all(Array.from({ length: users }, async (_, user) => {
        for (let iteration = 0; !stop(); iteration++) {
            await step(user, iteration);
            // Yield to the timers, so that the outage schedule runs on time however busy the loops are.
            await sleep(1);
        }
    }));
}
/** The `p`th percentile of `values`. */
export function percentile(values, p) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}
