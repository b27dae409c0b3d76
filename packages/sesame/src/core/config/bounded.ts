/** A whole-number option checked against its range when the config is resolved, or its default. */
import { InvalidConfiguration } from "../errors.js";

/**
 * `value`, or `fallback` when unset; `InvalidConfiguration` naming `option` (as the app writes it, e.g.
 * `twoFactor.maxAttempts`) when it is not a whole number from `min` to `max` (of `unit`, when given).
 */
export function bounded(option: string, value: number | undefined, fallback: number, [min, max]: [number, number], unit?: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidConfiguration(`${option} must be a whole number${unit ? ` of ${unit}` : ""} from ${min} to ${max}.`);
  }
  return value;
}
