// @vitest-environment jsdom
/**
 * The second-factor helpers of `sesame-auth/react` (`enrolTotp`, `confirmTotp`, `submitSecondFactor`, …)
 * against the real `Auth()` with `twoFactor` and `MemoryAdapter()`. As in accounts.test.ts, the tab's fetch
 * goes to the server through a cookie jar; codes are computed here from the secret, as an app would.
 */
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { createElement } from "react";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { MemoryAdapter } from "../../src/adapters/memory.js";
import { totpCode } from "../../src/core/mfa/totp.js";
import type * as ReactClient from "../../src/react/index.js";
import { Browser, config } from "../support/helpers.js";

let server: Browser;

async function openTab(): Promise<typeof ReactClient> {
  vi.resetModules();
  return import("../../src/react/index.js");
}

beforeEach(() => {
  server = new Browser(config({ rateLimit: false, adapter: MemoryAdapter(), session: { strategy: "database" }, twoFactor: { issuer: "Acme" } }));
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), window.location.href);
    return server.fetch(url.pathname + url.search, init);
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

test("enrol, confirm (backup codes), then a sign-in that needs the code; a refusal is ok: false with its code", async () => {
  const tab = await openTab();
  expect(await tab.enrolTotp()).toMatchObject({ ok: false, status: 401, error: "SessionRequired" });
  expect(await tab.signIn("credentials", { username: "alice", password: "wonderland", redirect: false })).toMatchObject({ ok: true });

  const started = await tab.enrolTotp();
  if (!started.ok) throw new Error(`enrolTotp refused: ${started.error}`);
  expect(started.qrSvg).toMatch(/^<svg/);
  expect(await tab.confirmTotp({ enrolment: started.enrolment, code: "12" })).toMatchObject({ ok: false, error: "SecondFactorFailed" });
  const confirmed = await tab.confirmTotp({ enrolment: started.enrolment, code: totpCode(started.secret) });
  if (!confirmed.ok) throw new Error(`confirmTotp refused: ${confirmed.error}`);
  expect(confirmed.backupCodes).toHaveLength(10);
  expect(await tab.getSecurity()).toEqual({ twoFactor: true, backupCodesLeft: 10, devices: [] });

  await tab.signOut({ redirect: false });
  const firstFactor = await tab.signIn("credentials", { username: "alice", password: "wonderland", redirect: false });
  expect(firstFactor).toMatchObject({ url: "http://localhost:3000/api/auth/second-factor" });
  expect(await tab.getSession()).toBeNull();

  expect(await tab.submitSecondFactor({ code: "zzzzz-zzzzz" })).toMatchObject({ ok: false, error: "SecondFactorFailed" });
  const done = await tab.submitSecondFactor({ code: confirmed.backupCodes[1]! });
  expect(done).toMatchObject({ ok: true, status: 200 });
  expect(await tab.getSession()).toMatchObject({ user: { name: "Alice" }, amr: ["credentials", "backup-code"] });
  expect((await tab.getSecurity())?.backupCodesLeft).toBe(9);

  expect(await tab.disableTwoFactor({ code: confirmed.backupCodes[2]! })).toMatchObject({ ok: true });
  expect(await tab.getSecurity()).toMatchObject({ twoFactor: false, backupCodesLeft: 0 });
});

test("useSession shows what the sign-in was made of: amr and authTime, once the second factor is in", async () => {
  const tab = await openTab();
  await tab.signIn("credentials", { username: "alice", password: "wonderland", redirect: false });
  const started = await tab.enrolTotp();
  if (!started.ok) throw new Error(`enrolTotp refused: ${started.error}`);
  const confirmed = await tab.confirmTotp({ enrolment: started.enrolment, code: totpCode(started.secret) });
  if (!confirmed.ok) throw new Error(`confirmTotp refused: ${confirmed.error}`);
  await tab.signOut({ redirect: false });
  await tab.signIn("credentials", { username: "alice", password: "wonderland", redirect: false });
  expect(await tab.submitSecondFactor({ code: confirmed.backupCodes[0]! })).toMatchObject({ ok: true });

  function Shown() {
    const { data, status } = tab.useSession();
    return createElement("p", { "data-testid": "shown" }, status === "authenticated" ? `${data?.amr?.join("+")} at ${data?.authTime}` : status);
  }
  render(createElement(tab.SessionProvider, null, createElement(Shown)));
  await waitFor(() => expect(screen.getByTestId("shown").textContent).toMatch(/^credentials\+backup-code at \d{4}-\d\d-\d\dT/));
});
