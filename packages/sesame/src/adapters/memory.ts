/**
 * An adapter that keeps everything in this process's memory: for tests, demos and single-process
 * prototypes. Everything is lost on restart.
 */
import type { AccountToken, Adapter, AdapterAccount, AdapterFactor, AdapterSession, AdapterUser, VerificationToken } from "../core/adapter.js";

const accountKey = (provider: string, providerAccountId: string) => `${provider}\0${providerAccountId}`;
const copy = <T>(value: T): T => structuredClone(value);

/** Single-use tokens, by identifier and hash: stored as copies, taken (read and deleted) at once. */
class TokenShelf<T extends { identifier: string; tokenHash: string }> {
  private readonly tokens = new Map<string, T>();
  put(token: T): void {
    this.sweep(token.identifier);
    this.tokens.set(accountKey(token.identifier, token.tokenHash), copy(token));
  }
  /** Forgets the identifier's expired tokens: of no use, and an identifier asked for often would pile them up. */
  private sweep(identifier: string): void {
    const now = Date.now();
    for (const [key, held] of this.tokens) {
      const expires = "expires" in held && held.expires instanceof Date ? held.expires.getTime() : Infinity;
      if (held.identifier === identifier && expires < now) this.tokens.delete(key);
    }
  }
  take({ identifier, tokenHash }: { identifier: string; tokenHash: string }): T | null {
    const key = accountKey(identifier, tokenHash);
    const token = this.tokens.get(key);
    this.tokens.delete(key);
    return token ? copy(token) : null;
  }
}

/**
 * An adapter in this process's memory (users, accounts, database sessions, email tokens): for tests, demos
 * and single-process prototypes. Everything is lost on restart; use `SqlAdapter` in production.
 *
 * @example
 * ```ts
 * import { MemoryAdapter } from "sesame-auth/adapters/memory";
 * export const config = { adapter: MemoryAdapter(), session: { strategy: "database" }, providers: [GitHub()] };
 * ```
 */
export function MemoryAdapter(): Adapter {
  const users = new Map<string, AdapterUser>();
  const accounts = new Map<string, AdapterAccount>();
  const sessions = new Map<string, AdapterSession>();
  const tokens = new TokenShelf<VerificationToken>();
  const accountTokens = new TokenShelf<AccountToken>();
  const passwords = new Map<string, string>();
  const factors = new Map<string, AdapterFactor>();
  const factorsOf = (userId: string) => [...factors.values()].filter((factor) => factor.userId === userId);

  // Synchronous, so that no other request can interleave between the checks and the write.
  function insertUser({ id = crypto.randomUUID(), ...user }: Omit<AdapterUser, "id"> & { id?: string }): AdapterUser {
    if (users.has(id)) throw new Error(`A user with id ${id} exists`);
    if (user.email && [...users.values()].some((u) => u.email === user.email)) throw new Error(`A user with email ${user.email} exists`);
    const created: AdapterUser = { ...user, id };
    users.set(id, copy(created));
    return created;
  }

  const adapter: Adapter = {
    async createUser(user) {
      return insertUser(user);
    },
    async getUser(id) {
      const user = users.get(id);
      return user ? copy(user) : null;
    },
    async getUserByEmail(email) {
      const user = [...users.values()].find((u) => u.email === email);
      return user ? copy(user) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const account = accounts.get(accountKey(provider, providerAccountId));
      return account ? adapter.getUser(account.userId) : null;
    },
    async updateUser({ id, ...changes }) {
      const user = users.get(id);
      if (!user) throw new Error(`No user with id ${id}`);
      const updated = { ...user, ...changes, id };
      users.set(id, copy(updated));
      return copy(updated);
    },
    async deleteUser(id) {
      users.delete(id);
      passwords.delete(id);
      for (const factor of factorsOf(id)) factors.delete(factor.id);
      for (const [key, account] of accounts) if (account.userId === id) accounts.delete(key);
      for (const [key, session] of sessions) if (session.userId === id) sessions.delete(key);
    },
    async linkAccount(account) {
      const key = accountKey(account.provider, account.providerAccountId);
      if (accounts.has(key)) throw new Error("This account is already linked");
      accounts.set(key, copy(account));
    },
    async getAccount({ provider, providerAccountId }) {
      const account = accounts.get(accountKey(provider, providerAccountId));
      return account ? copy(account) : null;
    },
    async updateAccountTokens({ userId, provider }, tokens) {
      // A token the refresh did not return keeps its stored value.
      const given = Object.fromEntries(Object.entries(tokens).filter(([, value]) => value !== undefined));
      for (const [key, account] of accounts) if (account.userId === userId && account.provider === provider) accounts.set(key, { ...account, ...given });
    },
    async createUserWithAccount(user, account) {
      // No await between the check and the writes: nothing can interleave.
      const existing = accounts.get(accountKey(account.provider, account.providerAccountId));
      const linkedUser = existing && users.get(existing.userId);
      if (linkedUser) return { user: copy(linkedUser), created: false };
      const created = insertUser(user);
      accounts.set(accountKey(account.provider, account.providerAccountId), { ...copy(account), userId: created.id });
      return { user: created, created: true };
    },
    async createSession(session) {
      sessions.set(session.id, copy(session));
    },
    async getSessionAndUser(id) {
      const session = sessions.get(id);
      const user = session && users.get(session.userId);
      return session && user ? { session: copy(session), user: copy(user) } : null;
    },
    async updateSession(id, changes) {
      const session = sessions.get(id);
      if (session) sessions.set(id, { ...session, ...copy(changes) });
    },
    async deleteSession(id) {
      sessions.delete(id);
    },
    async listSessions(userId) {
      const now = Date.now();
      return [...sessions.values()]
        .filter((s) => s.userId === userId && s.expires.getTime() > now)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .map(copy);
    },
    async deleteSessions(userId, { except } = {}) {
      let deleted = 0;
      for (const [id, session] of sessions) {
        if (session.userId === userId && id !== except) {
          sessions.delete(id);
          deleted++;
        }
      }
      return deleted;
    },
    async createVerificationToken(token) {
      tokens.put(token);
    },
    async useVerificationToken(ref) {
      return tokens.take(ref);
    },
    async getPasswordHash(userId) {
      return passwords.get(userId) ?? null;
    },
    async setPasswordHash(userId, hash) {
      if (!users.has(userId)) throw new Error(`No user with id ${userId}`);
      passwords.set(userId, hash);
    },
    async createUserWithPassword(user, hash) {
      // No await between the check and the writes: nothing can interleave.
      const existing = user.email ? [...users.values()].find((u) => u.email === user.email) : undefined;
      if (existing) return { user: copy(existing), created: false };
      const created = insertUser(user);
      passwords.set(created.id, hash);
      return { user: created, created: true };
    },
    async createAccountToken(token) {
      accountTokens.put(token);
    },
    async useAccountToken(ref) {
      return accountTokens.take(ref);
    },
    async createFactors(created, replace) {
      // Checked before anything changes, and no await between: all of it or none, as a transaction.
      for (const factor of created) {
        if (!users.has(factor.userId)) throw new Error(`No user with id ${factor.userId}`);
        const existing = factors.get(factor.id);
        if (existing && !(replace && existing.userId === replace.userId && replace.kinds.includes(existing.kind))) throw new Error(`A factor with id ${factor.id} exists`);
      }
      if (replace) for (const factor of factorsOf(replace.userId)) if (replace.kinds.includes(factor.kind)) factors.delete(factor.id);
      for (const factor of created) factors.set(factor.id, copy(factor));
    },
    async getFactor(id) {
      const factor = factors.get(id);
      return factor ? copy(factor) : null;
    },
    async listFactors(userId) {
      return factorsOf(userId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map(copy);
    },
    async updateFactor({ id, userId }, changes, expectedData) {
      const factor = factors.get(id);
      if (!factor || factor.userId !== userId || (expectedData !== undefined && factor.data !== expectedData)) return false;
      factors.set(id, { ...factor, ...copy(changes) });
      return true;
    },
    async deleteFactors(userId, which) {
      const doomed = factorsOf(userId).filter((factor) => ("ids" in which ? which.ids.includes(factor.id) : which.kinds.includes(factor.kind)));
      for (const factor of doomed) factors.delete(factor.id);
      return doomed.length;
    },
  };
  return adapter;
}
