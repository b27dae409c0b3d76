// (glue) the article's user database (`prisma.user`, `getUserLatestInfo`, and `getUserFromDB` under it) is not shown, and
// Prisma's engines cannot be downloaded here: an in-process store kept on globalThis, so that the route
// handlers and the pages of this one `next start` process share it. Users appear on first sign-in: any
// username with the password "secret"; one that starts with "admin" has the role "admin". Ids derive from
// the username, so a test run that picks fresh usernames gets fresh ids (and fresh Redis keys).
export interface DbUser {
  id: string;
  name: string;
  email: string;
  role: string;
  password: string;
  creditCard: string;
  tokenVersion: number;
}

const store = globalThis as typeof globalThis & { seed004Users?: Map<string, DbUser> };
const users = (store.seed004Users ??= new Map<string, DbUser>());

export function signInUser(username: string, password: string): DbUser | null {
  if (password !== "secret") return null;
  const id = `id-${username}`;
  let user = users.get(id);
  if (!user) {
    user = { id, name: username, email: `${username}@example.com`, role: username.startsWith("admin") ? "admin" : "user", password, creditCard: "4111 1111 1111 1111", tokenVersion: 1 };
    users.set(id, user);
  }
  return user;
}

export function userById(id: string): DbUser | undefined {
  return users.get(id);
}

/** `getUserFromDB(token.id)` of §5's version check. */
export async function getUserFromDB(id: unknown): Promise<DbUser> {
  const user = users.get(String(id));
  if (!user) throw new Error(`no user ${String(id)}`);
  return user;
}

/** `getUserLatestInfo(session.user.id)` of §5's mixed strategy: what the database says now. */
export async function getUserLatestInfo(id: string): Promise<{ name: string; role: string }> {
  const { name, role } = await getUserFromDB(id);
  return { name, role };
}

/** `prisma.user.findUnique({ where, select })` of §4's getUserDetails, over the store. */
export const prisma = {
  user: {
    async findUnique({ where, select }: { where: { id: string }; select: Partial<Record<keyof DbUser, boolean>> }) {
      const user = users.get(where.id);
      if (!user) return null;
      return Object.fromEntries(Object.entries(user).filter(([key]) => select[key as keyof DbUser])) as Partial<DbUser>;
    },
  },
};
