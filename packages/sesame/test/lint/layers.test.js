/**
 * The layer rules of eslint.config.js, exercised: `core/` may not import `providers/`, `adapters/`, `next/`
 * or `react/` (they depend on the core), nor Node built-ins; `next/` and `react/` reach the core only through
 * `core/integration.ts` (and `core/types.ts`). `npm run lint` applies them to the real tree; this shows that
 * they catch a violation, so a clean lint run means something.
 */
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";
const root = fileURLToPath(new URL("../../../../", import.meta.url));
const eslint = new ESLint({ cwd: root });
async function restrictedImports(code, file) {
    const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
    return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}
describe("layers", () => {
    test.each(["../../providers/oauth.js", "../../adapters/memory.js", "../../next/index.js", "../../react/index.js"])("core/ importing %s fails lint", async (specifier) => {
        const messages = await restrictedImports(`import { x } from "${specifier}";\nexport const y = x;\n`, "packages/sesame/src/core/oauth/probe.ts");
        expect(messages.join("\n")).toMatch(/core\/ must not depend on providers\/, adapters\/, next\/ or react\//);
    });
    test("core/ importing a Node built-in fails lint; a *.node.ts file may", async () => {
        expect(await restrictedImports(`import { x } from "node:crypto";\nexport const y = x;\n`, "packages/sesame/src/core/probe.ts")).toHaveLength(1);
        expect(await restrictedImports(`import { x } from "node:crypto";\nexport const y = x;\n`, "packages/sesame/src/core/probe.node.ts")).toHaveLength(0);
    });
    test("core/ importing core/, and providers/ importing core/, pass", async () => {
        expect(await restrictedImports(`import { x } from "../provider/oauth.js";\nexport const y = x;\n`, "packages/sesame/src/core/oauth/probe.ts")).toHaveLength(0);
        expect(await restrictedImports(`import { x } from "../core/provider/oauth.js";\nexport const y = x;\n`, "packages/sesame/src/providers/probe.ts")).toHaveLength(0);
    });
    test.each([
        ["next/index.ts", "../core/session/read.js"],
        ["next/proxy.ts", "../core/config.js"],
        ["next/v4.ts", "../core/errors.js"],
        ["react/index.ts", "../core/signin/dispatch.js"],
        ["react/client.ts", "../core/csrf.js"],
        ["next/sub/probe.ts", "../../core/auth.js"],
    ])("%s importing %s fails lint", async (file, specifier) => {
        const messages = await restrictedImports(`import { x } from "${specifier}";\nexport const y = x;\n`, `packages/sesame/src/${file}`);
        expect(messages.join("\n")).toMatch(/reach the core only through core\/integration\.ts/);
    });
    test("next/ and react/ importing core/integration.js or core/types.js pass", async () => {
        for (const file of ["next/index.ts", "react/client.ts"]) {
            for (const specifier of ["../core/integration.js", "../core/types.js"]) {
                expect(await restrictedImports(`import { x } from "${specifier}";\nexport const y = x;\n`, `packages/sesame/src/${file}`)).toHaveLength(0);
            }
        }
    });
});
