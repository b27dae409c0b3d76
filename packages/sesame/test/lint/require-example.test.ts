/** The `local/require-example` lint rule (eslint-rules/require-example.js) on small samples. */
import { Linter, type ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, test } from "vitest";

// Loaded by URL: the rule is plain JS outside the package, with no declaration file for the compiler.
const { default: local } = (await import(new URL("../../../../eslint-rules/require-example.js", import.meta.url).href)) as { default: ESLint.Plugin };

const filename = "/repo/packages/sesame/src/providers/sample.ts";

function lint(code: string): string[] {
  const linter = new Linter({ configType: "flat", cwd: "/repo" });
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tseslint.parser as Linter.Parser },
        plugins: { local },
        rules: { "local/require-example": ["error", { publicFiles: "/src/providers/[^/]+\\.ts$", exampleTypes: ["SampleOptions"] }] },
      },
    ],
    filename,
  );
  return messages.map((message) => message.message);
}

describe("local/require-example", () => {
  test("a function without @example fails, with one passes", () => {
    expect(lint(`/** Says hello. */\nexport function hello(): string { return "hi"; }`)).toEqual(["Public export 'hello' needs a JSDoc comment with an @example."]);
    expect(lint("/**\n * Says hello.\n *\n * @example\n * ```ts\n * hello();\n * ```\n */\nexport function hello(): string { return \"hi\"; }")).toEqual([]);
  });

  test("default exports, constants and classes need @example; a plain comment is not JSDoc", () => {
    expect(lint(`// Hello.\nexport default function Hello() {}`)).toEqual(["Public export 'Hello' needs a JSDoc comment with an @example."]);
    expect(lint(`export const x = 1;\nexport class C {}`)).toHaveLength(2);
    expect(lint(`/** @example x */\nexport const x = 1;\n/** @example new C() */\nexport class C {}`)).toEqual([]);
  });

  test("types need a JSDoc comment; allow-listed option interfaces need @example", () => {
    expect(lint(`export type A = string;`)).toEqual(["Public export 'A' needs a JSDoc comment."]);
    expect(lint(`/** A name. */\nexport type A = string;`)).toEqual([]);
    expect(lint(`/** Options. */\nexport interface SampleOptions { a?: string }`)).toEqual(["Public export 'SampleOptions' needs a JSDoc comment with an @example."]);
  });

  test("overloads are documented once, on the first signature", () => {
    expect(lint(`/** @example f(1) */\nexport function f(a: number): number;\nexport function f(a: string): string;\nexport function f(a: unknown) { return a; }`)).toEqual([]);
  });

  test("re-exports: checked at the declaration in a public file, at the statement otherwise", () => {
    expect(lint(`export { OIDC } from "./oauth.js";`)).toEqual([]);
    expect(lint(`export { Auth } from "../core/auth.js";`)).toEqual(["Public export 'Auth' needs a JSDoc comment with an @example."]);
    expect(lint(`/** Serves the API. @example Auth(request, config) */\nexport { Auth } from "../core/auth.js";`)).toEqual([]);
    expect(lint(`/** Core types. */\nexport type { Session } from "../core/types.js";`)).toEqual([]);
    expect(lint(`import { Auth } from "../core/auth.js";\nexport { Auth };`)).toHaveLength(1);
    expect(lint(`export * from "../core/errors.js";`)).toHaveLength(1);
  });

  test("a local name exported twice is reported once; @internal exempts", () => {
    expect(lint(`export default function Email() {}\nexport { Email };`)).toHaveLength(1);
    expect(lint(`/** Shared with a sibling. @internal */\nexport function cache() {}`)).toEqual([]);
  });
});
