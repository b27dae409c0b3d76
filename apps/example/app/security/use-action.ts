"use client";
/**
 * What every section of the security page does around an action: the buttons disabled while it runs, its
 * list reloaded, then one message saying how it went.
 */
import { useState } from "react";
import { describeError } from "../../lib/messages";

export interface SectionMessage {
  ok: boolean;
  text: string;
}

export function useAction(load: () => Promise<void>) {
  const [message, setMessage] = useState<SectionMessage | null>(null);
  const [busy, setBusy] = useState(false);

  /** Runs `run` (which returns the news, or null for none) with the buttons disabled, and says how it went. */
  async function act(run: () => Promise<string | null>) {
    setBusy(true);
    setMessage(null);
    let outcome: SectionMessage | null = null;
    try {
      const done = await run();
      if (done) outcome = { ok: true, text: done };
    } catch {
      outcome = { ok: false, text: "The server could not be reached." };
    } finally {
      // The list first, then the news: a message never describes a list that has not caught up yet.
      await load();
      setBusy(false);
    }
    if (outcome) setMessage(outcome);
  }

  /** Shows a refusal from the library; returns null, the news of an action that did nothing. */
  const refused = (result: Parameters<typeof describeError>[0]): null => {
    setMessage({ ok: false, text: describeError(result) });
    return null;
  };

  return { message, busy, act, refused };
}
