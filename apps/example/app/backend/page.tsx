"use client";
// Calls the sample backend every few seconds through `/api/backend`. The backend's access token lives one
// minute; watch its fingerprint change as Sesame refreshes it (never the refresh token: that stays on the server).
import { useCallback, useEffect, useState } from "react";
import { useSession } from "sesame-auth/react";

interface Call {
  at: string;
  status: number;
  fingerprint?: string;
  expiresAt?: number;
  error?: string;
}

export default function BackendPage() {
  const { update } = useSession({ required: true });
  const [calls, setCalls] = useState<Call[]>([]);

  const call = useCallback(async () => {
    const response = await fetch("/api/backend");
    const body = (await response.json()) as { token?: { fingerprint: string; expiresAt?: number }; error?: string };
    setCalls((previous) => [{ at: new Date().toLocaleTimeString(), status: response.status, ...body.token, error: body.error }, ...previous].slice(0, 12));
    // A refresh failure changed the session: fetch it so the banner shows.
    if (body.error) await update();
  }, [update]);

  useEffect(() => {
    void call();
    const timer = setInterval(() => void call(), 5_000);
    return () => clearInterval(timer);
  }, [call]);

  const tokens = new Set(calls.map((c) => c.fingerprint).filter(Boolean));
  return (
    <>
      <h1>Backend</h1>
      <p>
        Access tokens seen: <strong id="token-count">{tokens.size}</strong>. Current: <code id="fingerprint">{calls[0]?.fingerprint ?? "—"}</code>
        {calls[0]?.expiresAt && <> (expires {new Date(calls[0].expiresAt * 1000).toLocaleTimeString()})</>}
      </p>
      <table id="calls">
        <thead>
          <tr>
            <th>time</th>
            <th>status</th>
            <th>access token</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((c, i) => (
            <tr key={i}>
              <td>{c.at}</td>
              <td>{c.status}</td>
              <td>{c.fingerprint ?? c.error}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
