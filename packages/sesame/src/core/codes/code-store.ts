/** Where one-time codes are kept: the adapter's single-use account tokens, which the configuration checks for. */
import type { Adapter } from "../adapter.js";

/** The adapter methods codes are kept with, by name. */
export const CODE_STORE_METHODS = ["createAccountToken", "useAccountToken"] as const;

/** An adapter that can keep codes. */
export type CodeStore = Required<Pick<Adapter, (typeof CODE_STORE_METHODS)[number]>>;

/** The adapter as a code store; the configuration has checked that it is one. */
export function codeStoreOf(adapter: Adapter | undefined): CodeStore {
  if (!adapter || CODE_STORE_METHODS.some((name) => typeof adapter[name] !== "function")) {
    throw new TypeError("email codes need an adapter with createAccountToken and useAccountToken (checked at configuration)");
  }
  return adapter as CodeStore;
}
