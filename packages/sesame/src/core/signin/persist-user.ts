/**
 * Who the signed-in person is in the app's database. A provider account already linked names its user; a
 * new one creates the user and links the account in one transaction (concurrent first sign-ins end up as
 * one user); an email already taken by a user of another provider is refused unless the provider is
 * trusted to link by email. Credentials users are kept under the id `authorize` returned; email users
 * are found by their (now verified) address.
 */
import { adapterAccount, type Adapter, type AdapterUser } from "../adapter.js";
import type { RequestContext } from "../context.js";
import { OAuthAccountNotLinked } from "../errors.js";
import { emit } from "../events.js";
import type { Account, User } from "../types.js";

export interface PersistedUser {
  user: AdapterUser;
  isNewUser: boolean;
}

function storedUser(user: User): Omit<AdapterUser, "id"> {
  return { name: user.name ?? null, email: user.email ?? null, emailVerified: null, image: user.image ?? null };
}

export async function persistUser(context: RequestContext, adapter: Adapter, user: User, account: Account, allowEmailLinking: boolean): Promise<PersistedUser> {
  if (account.type === "credentials") {
    const id = user.id ?? account.providerAccountId;
    const existing = await adapter.getUser(id);
    if (existing) return { user: existing, isNewUser: false };
    const created = await adapter.createUser({ ...storedUser(user), id });
    await emit(context, "createUser", { user: created });
    return { user: created, isNewUser: true };
  }

  if (account.type === "email") {
    // Following the link proved the address: its user is found by email, or created, and verified.
    const email = account.providerAccountId;
    const existing = await adapter.getUserByEmail(email);
    if (existing) {
      return { user: existing.emailVerified ? existing : await adapter.updateUser({ id: existing.id, emailVerified: new Date() }), isNewUser: false };
    }
    const created = await adapter.createUser({ name: null, email, emailVerified: new Date(), image: null });
    await emit(context, "createUser", { user: created });
    return { user: created, isNewUser: true };
  }

  const linked = await adapter.getUserByAccount(account);
  if (linked) return { user: linked, isNewUser: false };

  if (user.email) {
    const sameEmail = await adapter.getUserByEmail(user.email);
    if (sameEmail) {
      if (!allowEmailLinking) {
        throw new OAuthAccountNotLinked(`The email of this ${account.provider} account belongs to a user who signs in another way.`);
      }
      await adapter.linkAccount({ ...adapterAccount(account), userId: sameEmail.id });
      await emit(context, "linkAccount", { user: sameEmail, account });
      return { user: sameEmail, isNewUser: false };
    }
  }

  const { user: created, created: isNewUser } = await adapter.createUserWithAccount(storedUser(user), adapterAccount(account));
  if (isNewUser) {
    await emit(context, "createUser", { user: created });
    await emit(context, "linkAccount", { user: created, account });
  }
  return { user: created, isNewUser };
}
