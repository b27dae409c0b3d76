"use client";
/**
 * Two-step verification: enrol an authenticator app (the QR code the library renders as SVG, and the
 * secret for typing in), confirm it with a first code, show the backup codes once, renew them, turn it all
 * off; and the browsers remembered for 30 days, each of which can be forgotten.
 */
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { confirmTotp, disableTwoFactor, enrolTotp, forgetDevice, getSecurity, regenerateBackupCodes, type SecurityState } from "sesame-auth/react";
import type { Guard } from "./reauth";
import { useAction } from "./use-action";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

export default function TwoFactor({ guard }: { guard: Guard }) {
  const [security, setSecurity] = useState<SecurityState | null>(null);
  const [enrolment, setEnrolment] = useState<{ secret: string; qrSvg: string; enrolment: string } | null>(null);
  const [backupCodes, setBackupCodes] = useState<string[] | null>(null);

  const load = useCallback(async () => setSecurity(await getSecurity()), []);
  useEffect(() => void load(), [load]);

  const { message, busy, act, refused } = useAction(load);

  const start = () =>
    act(async () => {
      const started = await guard("factor", "set up an authenticator app", enrolTotp);
      if (!started) return null;
      if (!started.ok) return refused(started);
      setBackupCodes(null);
      setEnrolment(started);
      return null;
    });

  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    return act(async () => {
      if (!enrolment) return null;
      const confirmed = await confirmTotp({ enrolment: enrolment.enrolment, code });
      if (!confirmed.ok) return refused(confirmed);
      setEnrolment(null);
      setBackupCodes(confirmed.backupCodes);
      return "Two-step verification is on. Keep the backup codes below somewhere safe: they are shown only now.";
    });
  };

  const regenerate = () =>
    act(async () => {
      const renewed = await guard("factor", "make new backup codes", regenerateBackupCodes);
      if (!renewed) return null;
      if (!renewed.ok) return refused(renewed);
      setBackupCodes(renewed.backupCodes);
      return "New backup codes: the old ones no longer work.";
    });

  const disable = () =>
    act(async () => {
      const result = await guard("factor", "turn two-step verification off", disableTwoFactor);
      if (!result) return null;
      if (!result.ok) return refused(result);
      setBackupCodes(null);
      return "Two-step verification is off; its backup codes and remembered browsers are gone.";
    });

  const forget = (id: string) =>
    act(async () => {
      const result = await forgetDevice(id);
      return result.ok ? "That browser will be asked for a code at its next sign-in." : refused(result);
    });

  if (!security) return <section className="panel">Loading…</section>;
  return (
    <>
      <section className="panel" id="two-factor">
        <h2>Two-step verification</h2>
        <p>
          Status: <strong id="two-factor-status">{security.twoFactor ? "on" : "off"}</strong>
          {security.twoFactor && (
            <>
              {" "}
              · <span id="backup-codes-left">{security.backupCodesLeft}</span> backup codes left
            </>
          )}
        </p>
        {message && (
          <p role={message.ok ? "status" : "alert"} className={message.ok ? "notice" : "error"} id="two-factor-message">
            {message.text}
          </p>
        )}
        {!security.twoFactor && !enrolment && (
          <button type="button" id="enrol" onClick={() => void start()} disabled={busy}>
            Set up an authenticator app
          </button>
        )}
        {enrolment && (
          <div className="stack" id="enrolment">
            <p>Scan this code with your authenticator app, or type the secret in.</p>
            {/* The SVG is the library's own rendering of the otpauth:// URI, not user input. */}
            <div className="qr" id="totp-qr" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
            <p>
              Secret: <code className="secret" id="totp-secret">{enrolment.secret}</code>
            </p>
            <form onSubmit={(event) => void confirm(event)} className="row">
              <label>
                The code the app shows <input id="totp-code" name="code" inputMode="numeric" autoComplete="one-time-code" required />
              </label>
              <button type="submit" id="totp-confirm" disabled={busy}>
                Turn on
              </button>
            </form>
          </div>
        )}
        {backupCodes && (
          <div id="backup-codes-panel">
            <p>Backup codes — each works once, instead of a code from the app:</p>
            <ul className="codes" id="backup-codes">
              {backupCodes.map((code) => (
                <li key={code}>{code}</li>
              ))}
            </ul>
            <button type="button" className="secondary" onClick={() => setBackupCodes(null)}>
              I have saved them
            </button>
          </div>
        )}
        {security.twoFactor && (
          <p className="row">
            <button type="button" id="regenerate" onClick={() => void regenerate()} disabled={busy}>
              New backup codes
            </button>
            <button type="button" id="disable" className="danger" onClick={() => void disable()} disabled={busy}>
              Turn off
            </button>
          </p>
        )}
      </section>
      <section className="panel" id="devices">
        <h2>Remembered browsers</h2>
        {security.devices.length === 0 ? (
          <p id="no-devices">No browser skips the second step.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>browser</th>
                <th>remembered</th>
                <th>last used</th>
                <th>until</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {security.devices.map((device) => (
                <tr key={device.id} className={device.current ? "current" : undefined}>
                  <td>
                    {device.name ?? "Browser"} {device.current && <strong>(this one)</strong>}
                  </td>
                  <td>{when(device.createdAt)}</td>
                  <td>{when(device.lastUsedAt)}</td>
                  <td>{when(device.expires)}</td>
                  <td>
                    <button type="button" className="secondary forget" onClick={() => void forget(device.id)} disabled={busy}>
                      Forget
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
