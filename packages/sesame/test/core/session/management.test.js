/** Devices: list, sign one out, sign out the others, end them all — on SQLite, the embedded default. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SqlAdapter } from "../../../src/adapters/sql.js";
import { listSessions, revokeUserSessions } from "../../../src/index.js";
import { sqliteDatabase } from "../../support/databases.js";
import { Browser, config, sessionCookie } from "../../support/helpers.js";
let database;
let appConfig;
beforeAll(async () => {
    database = await sqliteDatabase();
    appConfig = config({ adapter: SqlAdapter(database.db) });
});
afterAll(() => database.drop());
async function device(userAgent) {
    const browser = new Browser(appConfig);
    await browser.postForm("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: "alice", password: "wonderland" }, { "user-agent": userAgent });
    return browser;
}
const list = async (browser) => (await (await browser.fetch("/api/auth/sessions")).json()).sessions;
describe("session management", () => {
    test("GET /sessions lists the user's devices, newest first, marking the current one", async () => {
        await revokeUserSessions(appConfig, "1");
        const laptop = await device("Laptop");
        const phone = await device("Phone");
        const sessions = await list(phone);
        expect(sessions.map((s) => [s.userAgent, s.current])).toEqual([
            ["Phone", true],
            ["Laptop", false],
        ]);
        expect(sessions[0]).toEqual({ id: expect.stringMatching(/^[\w-]{22}$/), createdAt: expect.any(String), lastSeenAt: expect.any(String), expires: expect.any(String), ip: null, userAgent: "Phone", current: true });
        expect(JSON.stringify(sessions)).not.toContain(sessionCookie(laptop).split(".")[1]);
    });
    test("sign out other devices: the others end on their very next request, this one stays", async () => {
        await revokeUserSessions(appConfig, "1");
        const first = await device("First");
        const second = await device("Second");
        const response = await second.postJson("/api/auth/sessions/revoke-others", { csrfToken: await second.csrf() });
        expect(await response.json()).toEqual({ revoked: 1 });
        expect(await first.session()).toBeNull();
        expect(await second.session()).not.toBeNull();
    });
    test("revoke one session by id; another user's session id is not theirs to revoke", async () => {
        await revokeUserSessions(appConfig, "1");
        const tablet = await device("Tablet");
        const desktop = await device("Desktop");
        const tabletId = (await list(tablet)).find((s) => s.current).id;
        const response = await desktop.postJson("/api/auth/sessions/revoke", { csrfToken: await desktop.csrf(), id: tabletId });
        expect(await response.json()).toEqual({ revoked: true });
        expect(await tablet.session()).toBeNull();
        const bobConfig = config({
            adapter: appConfig.adapter,
            providers: [(await import("../../../src/providers/credentials.js")).default({ authorize: () => ({ id: "2", name: "Bob" }) })],
        });
        const bob = new Browser(bobConfig);
        await bob.signIn();
        const desktopId = (await list(desktop)).find((s) => s.current).id;
        const attempt = await bob.postJson("/api/auth/sessions/revoke", { csrfToken: await bob.csrf(), id: desktopId });
        expect(await attempt.json()).toEqual({ revoked: false });
        expect(await desktop.session()).not.toBeNull();
    });
    test("revokeUserSessions ends every device of a user (ban, password change)", async () => {
        const a = await device("A");
        const b = await device("B");
        expect(await revokeUserSessions(appConfig, "1")).toBeGreaterThanOrEqual(2);
        expect(await a.session()).toBeNull();
        expect(await b.session()).toBeNull();
    });
    test("listSessions on the server, and 401 without a session", async () => {
        await revokeUserSessions(appConfig, "1");
        const browser = await device("Server");
        expect((await listSessions(browser.request("/account"), appConfig))?.map((s) => s.userAgent)).toEqual(["Server"]);
        const anonymous = new Browser(appConfig);
        expect((await anonymous.fetch("/api/auth/sessions")).status).toBe(401);
        expect(await listSessions(anonymous.request("/account"), appConfig)).toBeNull();
    });
    test("revoking needs the CSRF token", async () => {
        const browser = await device("CSRF");
        const response = await browser.postJson("/api/auth/sessions/revoke-others", {});
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({ error: "MissingCSRF" });
    });
    test("with JWT sessions the routes say what is needed", async () => {
        const browser = new Browser(config());
        await browser.signIn();
        const response = await browser.fetch("/api/auth/sessions");
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: "InvalidRequest", message: expect.stringContaining("database sessions") });
    });
});
