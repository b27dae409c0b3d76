/**
 * The signed-in user's passkeys: list, rename, delete. Each acts on the user's own passkeys only, looked up
 * by id and checked to be a passkey of theirs; any other id (another user's passkey, another kind of factor,
 * nothing) is `PasskeyNotFound`, the same answer, so ids reveal nothing.
 */
import type { ResolvedPasskeys } from "../config/passkeys.js";
import { InvalidRequest, PasskeyNotFound } from "../errors.js";
import type { PasskeyInfo } from "../types.js";
import { DEFAULT_PASSKEY_NAME, typedPasskeyName } from "./naming.js";
import { passkeyInfo, storedPasskey, userPasskeys, type StoredPasskey } from "./stored.js";

/** A passkey's id is the base64url SHA-256 Sesame made: 43 characters. */
const PASSKEY_ID = /^[\w-]{43}$/;

export async function listPasskeys(passkeys: ResolvedPasskeys, userId: string): Promise<PasskeyInfo[]> {
  return (await userPasskeys(passkeys.adapter, userId)).map(passkeyInfo);
}

async function ownPasskey(passkeys: ResolvedPasskeys, userId: string, id: unknown): Promise<StoredPasskey> {
  if (typeof id !== "string" || !PASSKEY_ID.test(id)) throw new InvalidRequest("Name the passkey by its `id`, as the list gives it.");
  const factor = await passkeys.adapter.getFactor(id);
  if (!factor || factor.kind !== "passkey" || factor.userId !== userId) throw new PasskeyNotFound("You have no passkey with this id.");
  return storedPasskey(factor);
}

/** Renames one of the user's passkeys; an empty name gives it back the default one. */
export async function renamePasskey(passkeys: ResolvedPasskeys, userId: string, id: unknown, name: unknown): Promise<PasskeyInfo> {
  const passkey = await ownPasskey(passkeys, userId, id);
  const newName = typedPasskeyName(name) ?? DEFAULT_PASSKEY_NAME;
  if (!(await passkeys.adapter.updateFactor({ id: passkey.factor.id, userId }, { name: newName }))) throw new PasskeyNotFound("You have no passkey with this id.");
  return passkeyInfo({ ...passkey, factor: { ...passkey.factor, name: newName } });
}

/** Deletes one of the user's passkeys; returns it, as it was. */
export async function deletePasskey(passkeys: ResolvedPasskeys, userId: string, id: unknown): Promise<StoredPasskey> {
  const passkey = await ownPasskey(passkeys, userId, id);
  // A concurrent delete got there first: the passkey is gone either way, but only one of them removed it.
  if ((await passkeys.adapter.deleteFactors(userId, { ids: [passkey.factor.id] })) === 0) throw new PasskeyNotFound("You have no passkey with this id.");
  return passkey;
}
