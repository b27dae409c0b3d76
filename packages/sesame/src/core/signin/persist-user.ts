/**
 * Who the signed-in person is in the app's database. A provider account already linked names its user; a
 * new one creates the user and links the account in one transaction (concurrent first sign-ins end up as
 * one user). Credentials users are kept under the id `authorize` returned; email users are found by their
 * (now proven) address.
 *
 * An email joins two sign-ins only when it is proven on both sides: a user's email is stored verified only
 * when the provider vouched for it (`emailVerified`) or an email link proved it, and an account is linked
 * to an existing user by email only when both are verified. An address a user claimed without proof is
 * released to whoever proves it later: that user keeps its provider accounts and sessions but loses the
 * email, and the owner gets a fresh user of their own. Otherwise whoever registered the victim's address
 * at a provider that does not verify it would share a user with the victim (pre-account takeover).
 */
import { adapterAccount, type Adapter, type AdapterUser } from "../adapter.js";
import type { RequestContext } from "../context.js";
import { OAuthAccountNotLinked } from "../errors.js";
import { emit } from "../events.js";
import type { Account, SignInUser } from "../types.js";

export interface PersistedUser {
  user: AdapterUser;
  isNewUser: boolean;
}

export interface PersistOptions {
  /** The provider lets verified accounts join the verified user with the same email. */
  allowEmailLinking: boolean;
  /** A name for a user this sign-in creates, when the provider's profile has none (Apple's posted name). */
  newUserName?: string | null;
}

function storedUser(user: SignInUser, newUserName: string | null = null): Omit<AdapterUser, "id"> {
  const email = user.email ?? null;
  return { name: user.name ?? newUserName, email, emailVerified: email && user.emailVerified === true ? new Date() : null, image: user.image ?? null };
}

export async function persistUser(
  context: RequestContext,
  adapter: Adapter,
  user: SignInUser,
  account: Account,
  { allowEmailLinking, newUserName = null }: PersistOptions,
): Promise<PersistedUser> {
  if (account.type === "credentials") {
    const id = user.id ?? account.providerAccountId;
    const existing = await adapter.getUser(id);
    if (existing) return { user: existing, isNewUser: false };
    const created = await adapter.createUser({ ...storedUser(user), id });
    await emit(context, "createUser", { user: created });
    return { user: created, isNewUser: true };
  }

  if (account.type === "email") {
    // Following the link proved the address: its verified user, or a new one. A user who only claimed it
    // gives it up instead of handing the owner its linked accounts.
    const email = account.providerAccountId;
    const existing = await adapter.getUserByEmail(email);
    if (existing?.emailVerified) return { user: existing, isNewUser: false };
    if (existing) await releaseUnprovenEmail(context, adapter, existing);
    const created = await adapter.createUser({ name: null, email, emailVerified: new Date(), image: null });
    await emit(context, "createUser", { user: created });
    return { user: created, isNewUser: true };
  }

  const verified = Boolean(user.email) && user.emailVerified === true;
  const linked = await adapter.getUserByAccount(account);
  if (linked) {
    // The provider now vouches for the address this user already has: record the proof.
    if (verified && !linked.emailVerified && linked.email === user.email) {
      return { user: await adapter.updateUser({ id: linked.id, emailVerified: new Date() }), isNewUser: false };
    }
    return { user: linked, isNewUser: false };
  }

  if (user.email) {
    const sameEmail = await adapter.getUserByEmail(user.email);
    if (sameEmail) {
      if (verified && !sameEmail.emailVerified) {
        await releaseUnprovenEmail(context, adapter, sameEmail);
      } else if (verified && allowEmailLinking) {
        await adapter.linkAccount({ ...adapterAccount(account), userId: sameEmail.id });
        await emit(context, "linkAccount", { user: sameEmail, account });
        return { user: sameEmail, isNewUser: false };
      } else {
        throw new OAuthAccountNotLinked(
          verified
            ? `The email of this ${account.provider} account belongs to a user who signs in another way.`
            : `The email of this ${account.provider} account belongs to another user, and ${account.provider} does not vouch for it (email_verified is not true): it cannot be linked.`,
        );
      }
    }
  }

  const { user: created, created: isNewUser } = await adapter.createUserWithAccount(storedUser(user, newUserName), adapterAccount(account));
  if (isNewUser) {
    await emit(context, "createUser", { user: created });
    await emit(context, "linkAccount", { user: created, account });
  }
  return { user: created, isNewUser };
}

/**
 * The user claimed an address it never proved, and its owner just did: the user keeps its accounts but not
 * the address. Its JWT sessions carry the address in their `email` claim, where an app may well read it as
 * the owner's: with revocation on they end (database sessions read the user afresh and show it gone).
 */
export async function releaseUnprovenEmail(context: RequestContext, adapter: Adapter, user: AdapterUser): Promise<void> {
  const released = await adapter.updateUser({ id: user.id, email: null });
  await context.config.revocation?.revokeUser(user.id);
  await emit(context, "updateUser", { user: released });
}
