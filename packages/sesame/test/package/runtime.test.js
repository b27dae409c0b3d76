/** The built package: Web APIs only in the core, loadable by plain Node, and the CLI. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { describe, expect, test } from "vitest";
const run = promisify(execFile);
const root = fileURLToPath(new URL("../../../..", import.meta.url));
const src = (path) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));
describe("runtimes", () => {
    test("the core bundles for a browser/worker target without a single Node built-in", async () => {
        const result = await build({
            entryPoints: [src("index.ts"), src("jwt.ts"), src("providers/credentials.ts"), src("providers/oidc.ts"), src("providers/github.ts"), src("providers/google.ts")],
            bundle: true,
            write: false,
            metafile: true,
            platform: "browser",
            format: "esm",
            outdir: "out",
            logLevel: "silent",
            // Resolve `#jwe` and `#digest` as a consumer's bundler does, through package.json `imports`, not the dev tsconfig paths.
            tsconfigRaw: "{}",
        });
        const inputs = Object.keys(result.metafile.inputs);
        expect(inputs.some((path) => path.includes("jose"))).toBe(true);
        expect(inputs.some((path) => path.includes("oauth4webapi"))).toBe(true);
        expect(inputs.some((path) => path.endsWith("jwe.web.js"))).toBe(true);
        expect(inputs.some((path) => path.endsWith("digest.web.js"))).toBe(true);
        expect(inputs.filter((path) => path.startsWith("node:") || !path.includes("/"))).toEqual([]);
        for (const file of result.outputFiles)
            expect(file.text).not.toMatch(/from\s*["']node:|require\(["']node:/);
    });
    test("under the `node` condition the node:crypto fast path is chosen instead", async () => {
        const result = await build({ entryPoints: [src("index.ts")], bundle: true, write: false, metafile: true, platform: "node", format: "esm", outdir: "out", logLevel: "silent", tsconfigRaw: "{}" });
        const inputs = Object.keys(result.metafile.inputs);
        expect(inputs.some((path) => path.endsWith("jwe.node.js"))).toBe(true);
        expect(inputs.some((path) => path.endsWith("jwe.web.js"))).toBe(false);
        expect(inputs.some((path) => path.endsWith("digest.node.js"))).toBe(true);
        expect(inputs.some((path) => path.endsWith("digest.web.js"))).toBe(false);
    });
    test("the built package loads in plain Node from the repository root", async () => {
        const { stdout } = await run(process.execPath, ["-e", "import('sesame-auth').then(m => console.log(typeof m.Auth, typeof m.getSession)); import('sesame-auth/jwt').then(m => console.log(typeof m.getToken)); import('sesame-auth/providers/credentials').then(m => console.log(typeof m.default))"], { cwd: root });
        expect(stdout.split("\n").filter(Boolean).sort()).toEqual(["function", "function", "function function"]);
    });
    test("`sesame-auth secret` prints a fresh secret long enough for AUTH_SECRET", async () => {
        const bin = fileURLToPath(new URL("../../bin/sesame.js", import.meta.url));
        const [a, b] = await Promise.all([run(process.execPath, [bin, "secret"]), run(process.execPath, [bin, "secret"])]);
        expect(a.stdout.trim()).toMatch(/^[\w-]{43}$/);
        expect(a.stdout).not.toBe(b.stdout);
        await expect(run(process.execPath, [bin, "frobnicate"])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command "frobnicate"') });
    });
});
