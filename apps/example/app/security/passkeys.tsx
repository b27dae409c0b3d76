"use client";
// The user's passkeys: add one (the browser's prompt), list, rename, delete. Adding and deleting need a recent
// sign-in; the guard asks the user to sign in again when the library says so.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { deletePasskey, listPasskeys, registerPasskey, renamePasskey, type PasskeyInfo } from "sesame-auth/react";
import type { Guard } from "./reauth";
import { useAction } from "./use-action";

export default function Passkeys({ guard }: { guard: Guard }) {
  const [passkeys, setPasskeys] = useState<PasskeyInfo[] | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);

  const load = useCallback(async () => setPasskeys((await listPasskeys()).passkeys), []);
  useEffect(() => void load(), [load]);

  const { message, busy, act, refused } = useAction(load);

  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const name = String(new FormData(target).get("name") ?? "").trim();
    return act(async () => {
      const result = await guard("sign-in", "add a passkey", () => registerPasskey(name ? { name } : {}));
      if (!result) return null;
      if (!result.ok) return refused(result);
      target.reset();
      return `Passkey “${result.passkey?.name ?? name}” added. You can sign in with it now.`;
    });
  };

  const rename = (event: FormEvent<HTMLFormElement>, id: string) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    return act(async () => {
      const result = await renamePasskey(id, name);
      if (!result.ok) return refused(result);
      setRenaming(null);
      return `Renamed to “${result.passkey?.name ?? name}”.`;
    });
  };

  const remove = (passkey: PasskeyInfo) =>
    act(async () => {
      const result = await guard("sign-in", `delete the passkey “${passkey.name}”`, () => deletePasskey(passkey.id));
      if (!result) return null;
      return result.ok ? `Passkey “${passkey.name}” deleted.` : refused(result);
    });

  return (
    <section className="panel" id="passkeys">
      <h2>Passkeys</h2>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "notice" : "error"} id="passkey-message">
          {message.text}
        </p>
      )}
      {passkeys === null ? (
        <p>Loading…</p>
      ) : passkeys.length === 0 ? (
        <p id="no-passkeys">No passkeys yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>name</th>
              <th>added</th>
              <th>last used</th>
              <th />
            </tr>
          </thead>
          <tbody id="passkey-list">
            {passkeys.map((passkey) => (
              <tr key={passkey.id} data-id={passkey.id}>
                <td>
                  {renaming === passkey.id ? (
                    <form onSubmit={(event) => void rename(event, passkey.id)} className="row">
                      <input name="name" defaultValue={passkey.name} aria-label="New name" className="rename-input" maxLength={64} autoFocus />
                      <button type="submit" className="rename-save" disabled={busy}>
                        Save
                      </button>
                    </form>
                  ) : (
                    <span className="passkey-name">{passkey.name}</span>
                  )}
                  {passkey.backedUp && <span className="muted"> · synced</span>}
                </td>
                <td>{new Date(passkey.createdAt).toLocaleString()}</td>
                <td className="passkey-used">{passkey.lastUsedAt ? new Date(passkey.lastUsedAt).toLocaleString() : "never"}</td>
                <td className="row">
                  <button type="button" className="secondary rename" onClick={() => setRenaming(passkey.id)} disabled={busy}>
                    Rename
                  </button>
                  <button type="button" className="danger delete" onClick={() => void remove(passkey)} disabled={busy}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={(event) => void add(event)} className="row">
        <label>
          Name (optional) <input id="passkey-name" name="name" maxLength={64} placeholder="Work laptop" />
        </label>
        <button type="submit" id="add-passkey" disabled={busy}>
          Add a passkey
        </button>
      </form>
    </section>
  );
}
