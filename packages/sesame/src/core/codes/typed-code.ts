/** A code as the user typed or pasted it, checked before anything is hashed or looked up. */
import { Verification } from "../errors.js";
import { CODE_DIGITS } from "./random-code.js";

/** Longer input is refused before it is even cleaned: a code with spaces around its groups is far shorter. */
const MAX_TYPED_LENGTH = 32;
/** What people type or paste between digits ("123 456", "123-456"). */
const SEPARATORS = /[\s-]/g;
const DIGITS = new RegExp(`^[0-9]{${CODE_DIGITS}}$`);

/** The code's digits, or `Verification` for anything that is not `CODE_DIGITS` ASCII digits. */
export function typedCode(input: string | undefined): string {
  if (typeof input !== "string" || input.length > MAX_TYPED_LENGTH) throw new Verification("Enter the code from the email.");
  const code = input.replace(SEPARATORS, "");
  if (!DIGITS.test(code)) throw new Verification(`The code is ${CODE_DIGITS} digits.`);
  return code;
}
