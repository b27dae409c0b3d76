/** The `local/require-example` lint rule (eslint-rules/require-example.js) on small samples. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, test } from "vitest";
// Loaded by URL: the rule is plain JS outside the package, with no declaration file for the compiler.
const { default: local } = (await import(new URL("../../../../eslint-rules/require-example.js", import.meta.url).href));
const filename = "/repo/packages/sesame/src/providers/sample.ts";
function lint(code, at = filename) {
    const linter = new Linter({ configType: "flat", cwd: at.slice(0, at.indexOf("/src/")) });
    const messages = linter.verify(code, [
        {
            files: ["**/*.ts"],
            languageOptions: { parser: tseslint.parser },
            plugins: { local },
            rules: { "local/require-example": ["error", { publicFiles: "/src/providers/[^/]+\\.ts$", exampleTypes: ["SampleOptions"] }] },
        },
    ], at);
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
    test("re-exports from core are followed to the declaration an editor shows on hover", () => {
        // Regression (issue 29 item 9): a comment on the re-export statement passed the rule, but editors show the
        // declaration's comment, which was missing for the error classes.
        const dir = mkdtempSync(path.join(tmpdir(), "require-example-"));
        try {
            mkdirSync(path.join(dir, "src/providers"), { recursive: true });
            mkdirSync(path.join(dir, "src/core"), { recursive: true });
            writeFileSync(path.join(dir, "src/core/auth.ts"), [
                "/**\n * Serves the API.\n *\n * @example\n * Auth(request, config)\n */",
                "export function Auth() {}",
                "export function Bare() {}",
                "/** A session. */\nexport interface Session { id: string }",
                "export interface Undocumented { id: string }",
                "/** Hidden. @internal */\nexport const cache = 1;",
                'export { Moved as Renamed } from "./moved.js";',
                'import { Imported } from "./moved.js";\nexport { Imported };',
            ].join("\n"));
            writeFileSync(path.join(dir, "src/core/moved.ts"), "/** Moved. @example Moved() */\nexport function Moved() {}\n/** Imported. */\nexport function Imported() {}");
            writeFileSync(path.join(dir, "src/core/all.ts"), 'export * from "./auth.js";');
            const at = path.join(dir, "src/providers/sample.ts");
            expect(lint(`export { Auth } from "../core/auth.js";`, at)).toEqual([]);
            expect(lint(`/** On the statement only. @example Bare() */\nexport { Bare } from "../core/auth.js";`, at)).toEqual([
                "Public export 'Bare' needs a JSDoc comment with an @example at its declaration in ../core/auth.ts.",
            ]);
            expect(lint(`export type { Session } from "../core/auth.js";`, at)).toEqual([]);
            expect(lint(`export type { Undocumented } from "../core/auth.js";`, at)).toEqual(["Public export 'Undocumented' needs a JSDoc comment at its declaration in ../core/auth.ts."]);
            expect(lint(`export { cache } from "../core/auth.js";`, at)).toEqual([]);
            expect(lint(`export { Renamed } from "../core/auth.js";`, at)).toEqual([]);
            expect(lint(`export { Imported } from "../core/auth.js";`, at)).toEqual([
                "Public export 'Imported' needs a JSDoc comment with an @example at its declaration in ../core/moved.ts.",
            ]);
            expect(lint(`import { Auth } from "../core/auth.js";\nexport { Auth };`, at)).toEqual([]);
            expect(lint(`import { Bare } from "../core/auth.js";\nexport default Bare;`, at)).toHaveLength(1);
            // Every name behind `export *` is checked: Bare, Undocumented and Imported.
            expect(lint(`export * from "../core/all.js";`, at)).toHaveLength(3);
            expect(lint(`export { Gone } from "../core/auth.js";`, at)).toEqual([`Public export 'Gone' re-exports from ../core/auth.js, which the rule cannot follow to a declaration.`]);
            expect(lint(`export { OIDC } from "./oauth.js";`, at)).toEqual([]);
        }
        finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
    test("a local name exported twice is reported once; @internal exempts", () => {
        expect(lint(`export default function Email() {}\nexport { Email };`)).toHaveLength(1);
        expect(lint(`/** Shared with a sibling. @internal */\nexport function cache() {}`)).toEqual([]);
    });
});
