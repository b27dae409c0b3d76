import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { sqlite } from "../../src/adapters/sqlite.node.js";
import { migrate } from "../../src/adapters/sql.js";
const opened = [];
afterEach(async () => {
    for (const db of opened.splice(0))
        await db.destroy();
});
async function database() {
    const db = sqlite(join(mkdtempSync(join(tmpdir(), "sesame-sqlite-")), "auth.db"));
    opened.push(db);
    await migrate(db);
    const now = Date.now();
    for (const id of ["u1", "u2", "u3"]) {
        await db.insertInto("sesame_users").values({ id, name: id.toUpperCase(), email: `${id}@example.com`, email_verified: null, image: null, created_at: now }).execute();
    }
    return db;
}
describe("sqlite(): statements kept by their SQL", () => {
    it("a statement run again with other parameters returns the new rows, for reads and writes alike", async () => {
        const db = await database();
        const byId = (id) => db.selectFrom("sesame_users").select(["id", "name"]).where("id", "=", id).executeTakeFirst();
        expect(await byId("u1")).toEqual({ id: "u1", name: "U1" });
        expect(await byId("u2")).toEqual({ id: "u2", name: "U2" });
        expect(await byId("nobody")).toBeUndefined();
        const rename = (id, name) => db.updateTable("sesame_users").set({ name }).where("id", "=", id).executeTakeFirst();
        expect((await rename("u1", "Ada")).numUpdatedRows).toBe(1n);
        expect((await rename("nobody", "Bob")).numUpdatedRows).toBe(0n);
        expect(await byId("u1")).toEqual({ id: "u1", name: "Ada" });
    });
    it("a statement left mid-iteration by a stream that stopped early does not break the next run of its SQL", async () => {
        const db = await database();
        const all = db.selectFrom("sesame_users").select("id").orderBy("id");
        for await (const row of all.stream()) {
            expect(row.id).toBe("u1");
            break;
        }
        expect((await all.execute()).map((r) => r.id)).toEqual(["u1", "u2", "u3"]);
        const streamed = [];
        for await (const row of all.stream())
            streamed.push(row.id);
        expect(streamed).toEqual(["u1", "u2", "u3"]);
    });
    it("a kept statement follows a schema change", async () => {
        const db = await database();
        const everything = () => sql `select * from sesame_users where id = ${"u1"}`.execute(db);
        expect(Object.keys((await everything()).rows[0] ?? {})).not.toContain("nickname");
        await sql `alter table sesame_users add column nickname text`.execute(db);
        expect((await everything()).rows[0]).toHaveProperty("nickname", null);
    });
});
