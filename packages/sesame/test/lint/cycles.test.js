/**
 * No import cycles in src/ (issue 29 item 3): each file can be read knowing only what it imports, and type
 * imports count too (a type cycle is still two concepts that cannot be understood apart). Between folders,
 * the code that runs has no cycle either; there type-only imports do not count, because a feature folder
 * declares the options the config's types list (`rate-limit/options.ts`) beside the code that reads them
 * from a request context, and that is the dependency the right way round.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
function sourceFiles(dir) {
    return readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory())
            return sourceFiles(full);
        return full.endsWith(".ts") && !full.endsWith(".d.ts") ? [full] : [];
    });
}
/**
 * Relative imports and re-exports of a file, resolved to files (`./x.js` is `./x.ts`); with `valuesOnly`,
 * only those that load code at run time (not `import type` / `export type`, nor imports whose every name is
 * `type`).
 */
function importsOf(file, { valuesOnly = false } = {}) {
    const text = readFileSync(file, "utf8");
    const statements = [...text.matchAll(/^\s*((?:import|export)\b[^;]*?)\bfrom\s+"(\.{1,2}\/[^"]+)"/gms)];
    return statements
        .filter(([, clause]) => !valuesOnly || !isTypeOnly(clause))
        .map(([, , specifier]) => path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts")));
}
function isTypeOnly(clause) {
    if (/^\s*(?:import|export)\s+type\b/.test(clause))
        return true;
    const names = /\{([^}]*)\}/.exec(clause);
    const hasDefaultOrNamespace = /^\s*import\s+(?!\{)[\w*]/.test(clause);
    return !hasDefaultOrNamespace && names !== null && names[1].split(",").every((name) => name.trim() === "" || name.trim().startsWith("type "));
}
/** The cycles of a directed graph, each as the path that closes it (one per strongly connected start). */
function findCycles(graph) {
    const cycles = [];
    const state = new Map();
    const stack = [];
    const visit = (node) => {
        state.set(node, "open");
        stack.push(node);
        for (const next of graph.get(node) ?? []) {
            if (state.get(next) === "open")
                cycles.push([...stack.slice(stack.indexOf(next)), next]);
            else if (!state.has(next))
                visit(next);
        }
        stack.pop();
        state.set(node, "done");
    };
    for (const node of graph.keys())
        if (!state.has(node))
            visit(node);
    return cycles;
}
/**
 * A file's unit in the folder graph: its folder, except for the files directly in `src/` or `src/core/`,
 * which hold one concept each (auth.ts at the top, errors.ts at the bottom) and are units of their own.
 */
function unitOf(file) {
    const folder = path.dirname(file);
    return folder === "." || folder === "core" ? file : folder;
}
function graphs() {
    const files = new Map();
    const folders = new Map();
    for (const file of sourceFiles(SRC)) {
        const from = path.relative(SRC, file);
        const targets = new Set(importsOf(file).map((target) => path.relative(SRC, target)));
        files.set(from, targets);
        const unit = unitOf(from);
        const unitTargets = folders.get(unit) ?? new Set();
        for (const target of importsOf(file, { valuesOnly: true }).map((t) => path.relative(SRC, t))) {
            if (unitOf(target) !== unit)
                unitTargets.add(unitOf(target));
        }
        folders.set(unit, unitTargets);
    }
    return { files, folders };
}
describe("import graph of src/", () => {
    test("the scan sees the imports (a sanity check, so that an empty graph cannot pass)", () => {
        const { files } = graphs();
        expect(files.get(path.join("core", "auth.ts"))).toContain(path.join("core", "context.ts"));
        expect(findCycles(new Map([["a", new Set(["b"])], ["b", new Set(["a"])]]))).toEqual([["a", "b", "a"]]);
        expect(isTypeOnly('import type { A } from')).toBe(true);
        expect(isTypeOnly('import { type A, type B } from')).toBe(true);
        expect(isTypeOnly('import { type A, b } from')).toBe(false);
        expect(isTypeOnly('import * as x from')).toBe(false);
        expect(isTypeOnly('export { a } from')).toBe(false);
    });
    test("no file imports itself back through others", () => {
        expect(findCycles(graphs().files)).toEqual([]);
    });
    test("no folder's code loads itself back through other folders", () => {
        expect(findCycles(graphs().folders)).toEqual([]);
    });
});
