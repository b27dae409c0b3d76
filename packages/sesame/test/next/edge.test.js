/**
 * Next 15 style `middleware.ts` on the Edge runtime (test/next/fixture-edge, built with `next build`): the
 * core runs there on Web APIs only, and reads the session cookie that the Node route handler wrote with
 * the node:crypto fast path — the two implementations of the token format agree in a real deployment.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startNextApp } from "./next-server.js";
const fixture = fileURLToPath(new URL("./fixture-edge", import.meta.url));
let server;
let base;
beforeAll(async () => {
    server = await startNextApp(fixture);
    base = server.base;
}, 300_000);
afterAll(() => {
    server?.stop();
});
test("the middleware is built for the Edge runtime, without the Node fast path", () => {
    const manifest = JSON.parse(readFileSync(`${fixture}/.next/server/middleware-manifest.json`, "utf8"));
    const files = Object.values(manifest.middleware).flatMap((m) => m.files);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.startsWith("server/edge/"))).toBe(true);
    for (const file of files)
        expect(readFileSync(`${fixture}/.next/${file}`, "utf8")).not.toContain("node:crypto");
});
test("on the Edge: no session → sign-in redirect; a cookie written by the Node route handler is accepted", async () => {
    const redirected = await fetch(`${base}/dashboard`, { redirect: "manual" });
    expect(redirected.status).toBe(307);
    expect(new URL(redirected.headers.get("location"), base).pathname).toBe("/api/auth/signin");
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json());
    const csrfCookie = csrf.headers.getSetCookie()[0].split(";")[0];
    const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, username: "edgar", password: "pw" }),
    });
    const session = signIn.headers.getSetCookie().find((c) => c.startsWith("sesame.session-token=")).split(";")[0];
    const page = await fetch(`${base}/dashboard`, { headers: { cookie: session }, redirect: "manual" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<p id="user">edgar</p>');
});
