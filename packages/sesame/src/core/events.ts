/** Delivers events to the app. An event handler that throws is logged; it never changes the outcome. */
import type { EventCallbacks } from "./config/options.js";
import type { RequestContext } from "./context.js";

export async function emit<E extends keyof EventCallbacks>(
  context: RequestContext,
  event: E,
  message: Parameters<EventCallbacks[E]>[0],
): Promise<void> {
  const handler = context.config.events[event] as ((message: Parameters<EventCallbacks[E]>[0]) => unknown) | undefined;
  if (!handler) return;
  try {
    await handler(message);
  } catch (error) {
    context.config.logger.error(new Error(`The "${event}" event handler threw.`, { cause: error }));
  }
}
