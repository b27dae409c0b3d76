/**
 * What every adapter must do, as one suite run against each of them. An adapter that passes it can back
 * database sessions, OAuth sign-in and email sign-in.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Adapter, AdapterFactor, AdapterSession } from "../../src/core/adapter.js";

export interface AdapterUnderTest {
  adapter: Adapter;
  close(): Promise<void>;
}

let sequence = 0;
const unique = (label: string) => `${label}-${Date.now()}-${++sequence}`;

function newSession(userId: string, overrides: Partial<AdapterSession> = {}): AdapterSession {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  return {
    id: unique("s"),
    secretHash: "h".repeat(43),
    userId,
    expires: new Date(now.getTime() + 3_600_000),
    createdAt: now,
    lastSeenAt: now,
    ip: "203.0.113.7",
    userAgent: "Test/1.0",
    data: { theme: "dark", nested: { n: 1 } },
    ...overrides,
  };
}

export interface ConformanceOptions {
  /**
   * What `createUser` does with an id it is given: keeps it (Sesame's tables), or refuses it, over a schema
   * whose ids the database makes (`SERIAL`, as `@auth/pg-adapter`'s).
   */
  givenIds?: "kept" | "refused";
  /** The schema requires an email (`@auth/kysely-adapter`'s): a user without one is refused. */
  emailRequired?: boolean;
  /**
   * Whether text compares exactly, case and trailing spaces included. Sesame's tables do everywhere; an
   * Auth.js schema on MySQL/MariaDB has the server's default collation, which ignores both (docs/persistence.md).
   */
  exactText?: boolean;
  /** Whether user ids are free text (UUID columns compare UUIDs, whatever their case). */
  textIds?: boolean;
  /**
   * Whether the adapter keeps email-and-password accounts (`Password()`). Sesame's adapters do; over Auth.js's
   * schema there is nowhere to (the configuration refuses `Password()` there, tested in test/accounts/).
   */
  passwordAccounts?: boolean;
}

export function adapterConformance(name: string, open: () => Promise<AdapterUnderTest>, { givenIds = "kept", emailRequired = false, exactText = true, textIds = true, passwordAccounts = true }: ConformanceOptions = {}) {
  describe(`${name} adapter conformance`, () => {
    let adapter: Adapter;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ adapter, close } = await open());
    });
    afterAll(() => close());

    const newUser = (email: string | null = `${unique("u")}@example.com`) =>
      adapter.createUser({ name: "Alice", email, emailVerified: null, image: null });

    test("users: create, read by id and by email, update, with dates intact", async () => {
      const user = await newUser();
      expect(user.id).toBeTruthy();
      expect(await adapter.getUser(user.id)).toEqual(user);
      expect(await adapter.getUserByEmail(user.email!)).toEqual(user);
      const verified = new Date("2026-05-01T12:00:00.000Z");
      const updated = await adapter.updateUser({ id: user.id, name: "Alice L.", emailVerified: verified });
      expect(updated).toEqual({ ...user, name: "Alice L.", emailVerified: verified });
      expect(await adapter.getUser("missing")).toBeNull();
      expect(await adapter.getUserByEmail("missing@example.com")).toBeNull();
    });

    test(`users: a given id is ${givenIds}; a second user with the same email is refused`, async () => {
      const id = crypto.randomUUID();
      const given = adapter.createUser({ id, name: null, email: `${id}@example.com`, emailVerified: null, image: null });
      if (givenIds === "refused") {
        await expect(given).rejects.toThrow(/makes its own/);
        expect(await adapter.getUserByEmail(`${id}@example.com`)).toBeNull();
        await newUser(`${id}@example.com`);
      } else {
        expect((await given).id).toBe(id);
      }
      await expect(adapter.createUser({ name: null, email: `${id}@example.com`, emailVerified: null, image: null })).rejects.toThrow();
      if (emailRequired) {
        await expect(newUser(null)).rejects.toThrow();
        return;
      }
      const nobody = await newUser(null);
      const nobodyElse = await newUser(null);
      expect(nobody.id).not.toBe(nobodyElse.id);
    });

    test("accounts: link, find the user by account, refuse a second link of the same account", async () => {
      const user = await newUser();
      const ref = { provider: "github", providerAccountId: unique("gh") };
      await adapter.linkAccount({ userId: user.id, type: "oauth", ...ref, access_token: "at", refresh_token: "rt", expires_at: 1_900_000_000, scope: "read", token_type: "bearer" });
      expect(await adapter.getUserByAccount(ref)).toEqual(user);
      await expect(adapter.linkAccount({ userId: user.id, type: "oauth", ...ref })).rejects.toThrow();
      expect(await adapter.getUserByAccount({ provider: "github", providerAccountId: "nobody" })).toBeNull();
    });

    // MySQL's default collations ignore case and trailing spaces: two provider accounts would be one.
    // Where the schema compares text exactly: over an Auth.js schema on MySQL it does not (see `exactText`).
    if (exactText) {
      test("ids, emails and provider account ids match exactly: not across case, nor with a trailing space", async () => {
        const id = unique("Exact");
        const blank = { name: null, emailVerified: null, image: null };
        const withId = (given: string) => (givenIds === "kept" && textIds ? { id: given } : {});
        const upper = await adapter.createUser({ ...withId(id), email: `${id}@Example.com`, ...blank });
        const lower = await adapter.createUser({ ...withId(id.toLowerCase()), email: `${id}@Example.com`.toLowerCase(), ...blank });
        if (givenIds === "kept" && textIds) {
          expect(await adapter.getUser(id)).toEqual(upper);
          expect(await adapter.getUser(id.toLowerCase())).toEqual(lower);
          expect(await adapter.getUser(`${id} `)).toBeNull();
        }
        expect(await adapter.getUserByEmail(`${id}@example.com`.toLowerCase())).toEqual(lower);
        expect(await adapter.getUserByEmail(`${id}@Example.com`)).toEqual(upper);
        expect(await adapter.getUserByEmail(`${id}@Example.com `)).toBeNull();

        const account = { provider: "github", providerAccountId: unique("AbC") };
        const lowerAccount = { provider: "github", providerAccountId: account.providerAccountId.toLowerCase() };
        await adapter.linkAccount({ userId: upper.id, type: "oauth", ...account });
        await adapter.linkAccount({ userId: lower.id, type: "oauth", ...lowerAccount });
        expect(await adapter.getUserByAccount(account)).toEqual(upper);
        expect(await adapter.getUserByAccount(lowerAccount)).toEqual(lower);
        expect(await adapter.getUserByAccount({ provider: "github", providerAccountId: `${account.providerAccountId} ` })).toBeNull();

        const session = newSession(upper.id, { id: unique("Session") });
        await adapter.createSession(session);
        expect(await adapter.getSessionAndUser(session.id.toLowerCase())).toBeNull();
        expect(await adapter.getSessionAndUser(`${session.id} `)).toBeNull();
      });
    }

    test("getAccount and updateAccountTokens: the user's account of that provider only; tokens not given are kept", async () => {
      const { getAccount, updateAccountTokens } = adapter;
      // Both or neither: reading an account back is how the update is checked.
      if (!getAccount || !updateAccountTokens) return expect([getAccount, updateAccountTokens]).toEqual([undefined, undefined]);
      const [user, other] = [await newUser(), await newUser()];
      const mine = { provider: "op", providerAccountId: unique("mine") };
      const theirs = { provider: "op", providerAccountId: unique("theirs") };
      const elsewhere = { provider: "github", providerAccountId: unique("gh") };
      const tokens = { access_token: "at-0", refresh_token: "rt-0", expires_at: 1_800_000_000 };
      await adapter.linkAccount({ userId: user.id, type: "oidc", ...mine, ...tokens });
      await adapter.linkAccount({ userId: other.id, type: "oidc", ...theirs, ...tokens });
      await adapter.linkAccount({ userId: user.id, type: "oauth", ...elsewhere, ...tokens });
      await updateAccountTokens.call(adapter, { userId: user.id, provider: "op" }, { access_token: "at-1", refresh_token: undefined, expires_at: 1_800_000_300 });
      const read = (ref: typeof mine) => getAccount.call(adapter, ref);
      expect(await read(mine)).toMatchObject({ userId: user.id, type: "oidc", ...mine, access_token: "at-1", refresh_token: "rt-0", expires_at: 1_800_000_300 });
      expect(await read(theirs)).toMatchObject({ userId: other.id, ...tokens });
      expect(await read(elsewhere)).toMatchObject({ userId: user.id, ...tokens });
      expect(await read({ provider: "op", providerAccountId: "nobody" })).toBeNull();
    });

    test("createUserWithAccount: creates once, then returns the linked user", async () => {
      const account = { type: "oidc" as const, provider: "op", providerAccountId: unique("sub") };
      const first = await adapter.createUserWithAccount({ name: "Bo", email: `${unique("bo")}@example.com`, emailVerified: null, image: null }, account);
      expect(first.created).toBe(true);
      const second = await adapter.createUserWithAccount({ name: "Bo", email: `${unique("bo2")}@example.com`, emailVerified: null, image: null }, account);
      expect(second).toEqual({ user: first.user, created: false });
    });

    test("createUserWithAccount: ten concurrent first sign-ins of one account make one user", async () => {
      const account = { type: "oidc" as const, provider: "op", providerAccountId: unique("race") };
      const email = `${unique("race")}@example.com`;
      const results = await Promise.all(Array.from({ length: 10 }, () => adapter.createUserWithAccount({ name: "R", email, emailVerified: null, image: null }, account)));
      const ids = new Set(results.map((r) => r.user.id));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect((await adapter.getUserByEmail(email))?.id).toBe([...ids][0]);
    });

    test("sessions: create, read with the user in one call, update, delete", async () => {
      const user = await newUser();
      const session = newSession(user.id);
      await adapter.createSession(session);
      expect(await adapter.getSessionAndUser(session.id)).toEqual({ session, user });
      const later = new Date(session.expires.getTime() + 60_000);
      await adapter.updateSession(session.id, { expires: later, lastSeenAt: later, data: { theme: "light" } });
      expect((await adapter.getSessionAndUser(session.id))?.session).toEqual({ ...session, expires: later, lastSeenAt: later, data: { theme: "light" } });
      await adapter.deleteSession(session.id);
      expect(await adapter.getSessionAndUser(session.id)).toBeNull();
    });

    test("sessions: list a user's live sessions newest first; delete all but one, or all", async () => {
      const user = await newUser();
      const other = await newUser();
      const old = newSession(user.id, { createdAt: new Date(Date.now() - 60_000) });
      const recent = newSession(user.id);
      const expired = newSession(user.id, { expires: new Date(Date.now() - 1_000) });
      const foreign = newSession(other.id);
      for (const s of [old, recent, expired, foreign]) await adapter.createSession(s);
      expect((await adapter.listSessions(user.id)).map((s) => s.id)).toEqual([recent.id, old.id]);
      // The live `old` one, and the expired one too where the store has not dropped it by itself (Redis has).
      expect(await adapter.deleteSessions(user.id, { except: recent.id })).toBeGreaterThanOrEqual(1);
      expect((await adapter.listSessions(user.id)).map((s) => s.id)).toEqual([recent.id]);
      expect(await adapter.deleteSessions(user.id)).toBe(1);
      expect(await adapter.listSessions(user.id)).toEqual([]);
      expect(await adapter.getSessionAndUser(foreign.id)).not.toBeNull();
    });

    test("deleting a user deletes their accounts and sessions", async () => {
      const user = await newUser();
      const ref = { provider: "op", providerAccountId: unique("del") };
      await adapter.linkAccount({ userId: user.id, type: "oidc", ...ref });
      const session = newSession(user.id);
      await adapter.createSession(session);
      await adapter.deleteUser(user.id);
      expect(await adapter.getUser(user.id)).toBeNull();
      expect(await adapter.getUserByAccount(ref)).toBeNull();
      expect(await adapter.getSessionAndUser(session.id)).toBeNull();
    });

    test("verification tokens: used once, even by concurrent requests", async () => {
      const token = { identifier: `${unique("v")}@example.com`, tokenHash: "t".repeat(43), expires: new Date(Math.floor(Date.now() / 1000) * 1000 + 86_400_000) };
      await adapter.createVerificationToken(token);
      const uses = await Promise.all([adapter.useVerificationToken(token), adapter.useVerificationToken(token), adapter.useVerificationToken(token)]);
      expect(uses.filter(Boolean)).toEqual([token]);
      expect(await adapter.useVerificationToken(token)).toBeNull();
      expect(await adapter.useVerificationToken({ identifier: token.identifier, tokenHash: "other" })).toBeNull();
    });

    // Not defined at all where the adapter has nowhere to keep them: a skipped test would say "missing".
    if (passwordAccounts) describe("email-and-password accounts", () => {
      const methods = () => {
        const { getPasswordHash, setPasswordHash, createUserWithPassword, createAccountToken, useAccountToken } = adapter;
        if (!getPasswordHash || !setPasswordHash || !createUserWithPassword || !createAccountToken || !useAccountToken) throw new Error(`${name} lacks the password-account methods`);
        return {
          getPasswordHash: getPasswordHash.bind(adapter),
          setPasswordHash: setPasswordHash.bind(adapter),
          createUserWithPassword: createUserWithPassword.bind(adapter),
          createAccountToken: createAccountToken.bind(adapter),
          useAccountToken: useAccountToken.bind(adapter),
        };
      };

      test("createUserWithPassword: the user and the hash together; a taken email creates nothing and names its user", async () => {
        const { createUserWithPassword, getPasswordHash } = methods();
        const email = `${unique("pw")}@example.com`;
        const verified = new Date(Math.floor(Date.now() / 1000) * 1000);
        const { user, created } = await createUserWithPassword({ name: "Pat", email, emailVerified: verified, image: null }, "$scrypt$hash-1");
        expect(created).toBe(true);
        expect(user).toMatchObject({ name: "Pat", email, emailVerified: verified });
        expect(await getPasswordHash(user.id)).toBe("$scrypt$hash-1");
        const again = await createUserWithPassword({ name: "Mallory", email, emailVerified: verified, image: null }, "$scrypt$hash-2");
        expect(again).toEqual({ user: expect.objectContaining({ id: user.id, name: "Pat" }), created: false });
        expect(await getPasswordHash(user.id)).toBe("$scrypt$hash-1");
      });

      test("createUserWithPassword: ten concurrent sign-ups of one address make one user", async () => {
        const { createUserWithPassword, getPasswordHash } = methods();
        const email = `${unique("race")}@example.com`;
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => createUserWithPassword({ name: `n${i}`, email, emailVerified: new Date(), image: null }, `$scrypt$h${i}`)));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        const ids = new Set(results.map((r) => r.user.id));
        expect(ids.size).toBe(1);
        const winner = results.findIndex((r) => r.created);
        expect(await getPasswordHash([...ids][0] as string)).toBe(`$scrypt$h${winner}`);
      });

      test("password hashes: none until set, then replaced; gone with the user", async () => {
        const { getPasswordHash, setPasswordHash } = methods();
        const user = await newUser();
        expect(await getPasswordHash(user.id)).toBeNull();
        await setPasswordHash(user.id, "$scrypt$first");
        await setPasswordHash(user.id, "$scrypt$second");
        expect(await getPasswordHash(user.id)).toBe("$scrypt$second");
        await adapter.deleteUser(user.id);
        expect(await getPasswordHash(user.id)).toBeNull();
      });

      test("account tokens: their sealed payload kept; used once, even by concurrent requests; only by identifier and hash", async () => {
        const { createAccountToken, useAccountToken } = methods();
        const token = { identifier: `reset:${unique("a")}@example.com`, tokenHash: "a".repeat(43), payload: `sealed.${"p".repeat(2000)}`, expires: new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000) };
        await createAccountToken(token);
        expect(await useAccountToken({ identifier: token.identifier.replace("reset:", "signup:"), tokenHash: token.tokenHash })).toBeNull();
        const uses = await Promise.all([useAccountToken(token), useAccountToken(token), useAccountToken(token)]);
        expect(uses.filter(Boolean)).toEqual([token]);
        expect(await useAccountToken(token)).toBeNull();
      });
    });

    if (passwordAccounts) test("account tokens: a new one sweeps its identifier's expired ones; live ones and other identifiers' stay", async () => {
      const { createAccountToken, useAccountToken } = adapter;
      if (!createAccountToken || !useAccountToken) throw new Error(`${name} lacks the account-token methods`);
      const identifier = `passkey:${unique("sweep")}`;
      const other = `passkey:${unique("other")}`;
      const at = (offsetSeconds: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + offsetSeconds * 1000);
      const token = (id: string, hash: string, expires: Date) => ({ identifier: id, tokenHash: hash.repeat(43), payload: "sealed", expires });
      const expired = token(identifier, "e", at(-60));
      const live = token(identifier, "l", at(600));
      const othersExpired = token(other, "o", at(-60));
      for (const t of [expired, live, othersExpired]) await createAccountToken.call(adapter, t);
      await createAccountToken.call(adapter, token(identifier, "n", at(600)));
      expect(await useAccountToken.call(adapter, expired)).toBeNull();
      expect(await useAccountToken.call(adapter, live)).toEqual(live);
      expect(await useAccountToken.call(adapter, othersExpired)).toEqual(othersExpired);
    });

    if (passwordAccounts) describe("factors (second factors, passkeys, remembered devices)", () => {
      const methods = () => {
        const { createFactors, getFactor, listFactors, updateFactor, deleteFactors } = adapter;
        if (!createFactors || !getFactor || !listFactors || !updateFactor || !deleteFactors) throw new Error(`${name} lacks the factor methods`);
        return { createFactors: createFactors.bind(adapter), getFactor: getFactor.bind(adapter), listFactors: listFactors.bind(adapter), updateFactor: updateFactor.bind(adapter), deleteFactors: deleteFactors.bind(adapter) };
      };
      const second = (offset: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + offset * 1000);
      const factor = (userId: string, kind: AdapterFactor["kind"], offset = 0): AdapterFactor => ({
        id: unique("f").padEnd(64, "0").slice(0, 64),
        userId,
        kind,
        name: kind === "device" ? "Chrome on Linux" : null,
        data: `sealed.${"d".repeat(3000)}`,
        createdAt: second(offset),
        lastUsedAt: null,
        expires: kind === "device" ? second(3600) : null,
      });

      test("created, read back as written, listed oldest first, and gone with the user", async () => {
        const { createFactors, getFactor, listFactors } = methods();
        const user = await newUser();
        const [totp, code, device] = [factor(user.id, "totp", 2), factor(user.id, "backup-code", 1), factor(user.id, "device", 3)];
        await createFactors([totp, code, device]);
        expect(await getFactor(totp.id)).toEqual(totp);
        expect(await getFactor(device.id)).toEqual(device);
        expect((await listFactors(user.id)).map((f) => f.id)).toEqual([code.id, totp.id, device.id]);
        expect(await listFactors((await newUser()).id)).toEqual([]);
        await adapter.deleteUser(user.id);
        expect(await getFactor(totp.id)).toBeNull();
      });

      test("createFactors with replace swaps a user's kinds whole; a duplicate id writes nothing at all", async () => {
        const { createFactors, listFactors } = methods();
        const user = await newUser();
        const old = [factor(user.id, "backup-code"), factor(user.id, "backup-code")];
        const totp = factor(user.id, "totp");
        await createFactors([...old, totp]);
        const fresh = [factor(user.id, "backup-code", 5), factor(user.id, "backup-code", 6)];
        await createFactors(fresh, { userId: user.id, kinds: ["backup-code"] });
        expect((await listFactors(user.id)).map((f) => f.id).sort()).toEqual([totp.id, ...fresh.map((f) => f.id)].sort());
        await expect(createFactors([factor(user.id, "backup-code", 7), { ...totp }], { userId: user.id, kinds: ["backup-code"] })).rejects.toThrow();
        expect((await listFactors(user.id)).map((f) => f.id).sort()).toEqual([totp.id, ...fresh.map((f) => f.id)].sort());
      });

      test("updateFactor: only the user's own; with expectedData, of concurrent updates one wins", async () => {
        const { createFactors, getFactor, updateFactor } = methods();
        const user = await newUser();
        const totp = factor(user.id, "totp");
        await createFactors([totp]);
        expect(await updateFactor({ id: totp.id, userId: (await newUser()).id }, { name: "stolen" })).toBe(false);
        const used = second(10);
        const results = await Promise.all(["a", "b", "c"].map((step) => updateFactor({ id: totp.id, userId: user.id }, { data: `sealed.${step}`, lastUsedAt: used }, totp.data)));
        expect(results.filter(Boolean)).toHaveLength(1);
        const after = await getFactor(totp.id);
        expect(after?.lastUsedAt).toEqual(used);
        expect(["sealed.a", "sealed.b", "sealed.c"]).toContain(after?.data);
        expect(await updateFactor({ id: totp.id, userId: user.id }, { name: "Phone" })).toBe(true);
        expect((await getFactor(totp.id))?.name).toBe("Phone");
      });

      test("deleteFactors: by ids or kinds, the user's only; concurrent deletes of one id count once", async () => {
        const { createFactors, deleteFactors, listFactors } = methods();
        const user = await newUser();
        const [code, device, totp] = [factor(user.id, "backup-code"), factor(user.id, "device"), factor(user.id, "totp")];
        await createFactors([code, device, totp]);
        expect(await deleteFactors((await newUser()).id, { ids: [code.id] })).toBe(0);
        const counts = await Promise.all([deleteFactors(user.id, { ids: [code.id] }), deleteFactors(user.id, { ids: [code.id] }), deleteFactors(user.id, { ids: [code.id] })]);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
        expect(await deleteFactors(user.id, { ids: [] })).toBe(0);
        expect(await deleteFactors(user.id, { kinds: ["device", "backup-code"] })).toBe(1);
        expect((await listFactors(user.id)).map((f) => f.id)).toEqual([totp.id]);
      });
    });
  });
}
