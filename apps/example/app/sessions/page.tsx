"use client";
// "My sessions": every device signed in as you (database sessions), with sign-out per device and for all
// the others. The calls are Sesame's session routes, each POST carrying the CSRF token.
import { useCallback, useEffect, useState } from "react";
import { getCsrfToken, useSession } from "sesame-auth/react";

interface Device {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

async function post(path: string, fields: Record<string, string>) {
  const csrfToken = (await getCsrfToken()) ?? "";
  return fetch(`/api/auth/sessions/${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, ...fields }),
  });
}

export default function Sessions() {
  useSession({ required: true });
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [message, setMessage] = useState("");

  const load = useCallback(async () => {
    const response = await fetch("/api/auth/sessions");
    if (response.ok) setDevices(((await response.json()) as { sessions: Device[] }).sessions);
  }, []);
  useEffect(() => void load(), [load]);

  async function revokeOthers() {
    const response = await post("revoke-others", {});
    const { revoked } = (await response.json()) as { revoked?: number };
    setMessage(response.ok ? `Signed out ${revoked} other device${revoked === 1 ? "" : "s"}.` : "That did not work.");
    await load();
  }
  async function revoke(id: string) {
    await post("revoke", { id });
    await load();
  }

  return (
    <>
      <h1>My sessions</h1>
      {devices === null ? (
        <p>Loading…</p>
      ) : (
        <table id="devices">
          <thead>
            <tr>
              <th>device</th>
              <th>address</th>
              <th>signed in</th>
              <th>last seen</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {devices.map((device) => (
              <tr key={device.id} className={device.current ? "current" : undefined}>
                <td>{device.userAgent ?? "unknown"}</td>
                <td>{device.ip ?? "—"}</td>
                <td>{new Date(device.createdAt).toLocaleString()}</td>
                <td>{new Date(device.lastSeenAt).toLocaleString()}</td>
                <td>
                  {device.current ? (
                    <strong>this device</strong>
                  ) : (
                    <button type="button" onClick={() => void revoke(device.id)}>
                      Sign out
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button type="button" id="revoke-others" onClick={() => void revokeOthers()}>
          Sign out other devices
        </button>{" "}
        <span id="revoke-message">{message}</span>
      </p>
    </>
  );
}
