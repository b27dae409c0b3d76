/**
 * The migration guide's tables (docs/migration.md) are true and complete (issue 30): every export of
 * next-auth 4.24 and next-auth 5 (beta), read from the installed packages, and every key of their
 * configuration types has a row; a "same" or "renamed" row's name is exported by the Sesame module it names;
 * a "not supported" export is indeed absent; a refused option fails with the very message the row shows; and
 * every test a row cites exists.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { resolveConfig } from "../../src/core/config/resolve.js";
import { InvalidConfiguration, SesameError, CredentialsSignin as RootCredentialsSignin, type SesameConfig } from "../../src/index.js";
import { AuthError, CredentialsSignin } from "../../src/next/index.js";
import { config } from "../support/helpers.js";
import { ROOT, sesameExports, sesameOptionKeys, sesameSource, surfaceOf, V4, V5, type Generation } from "./migration-surface.js";

const TESTS = join(ROOT, "packages/sesame/test");
const doc = readFileSync(join(ROOT, "docs/migration.md"), "utf8");

/** The rows of the table under `## heading`, as trimmed cells (`\|` inside a cell is a literal pipe). */
function table(heading: string): string[][] {
  const section = doc.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  if (!section) throw new Error(`docs/migration.md has no "## ${heading}"`);
  const lines = section.split("\n").filter((line) => line.startsWith("|"));
  return lines.slice(2).map((line) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replaceAll("\\|", "|")),
  );
}

const code = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
const generations = (cell: string): string[] => cell.split(/\s+/).filter((word) => word === "v4" || word === "v5");

const exportRows = table("Exports").map(([entry, name, inGen, sesame, cited]) => ({ entry: code(entry!)[0]!, name: code(name!)[0]!, in: generations(inGen!), sesame: sesame!, cited: cited! }));
const providerRows = table("Providers").map(([ids, inGen, sesame, cited]) => ({ ids: code(ids!), in: generations(inGen!), sesame: sesame!, cited: cited! }));
const optionRows = table("Options").map(([key, inGen, status, behaviour, cited]) => ({ key: code(key!)[0]!, in: generations(inGen!), status: status!, behaviour: behaviour!, cited: cited! }));

const surfaces = { v4: surfaceOf(V4), v5: surfaceOf(V5) };

/** The Sesame module a next-auth entry point's code moves to when only the specifier changes. */
const COUNTERPART: Record<string, string | undefined> = {
  "next-auth": "sesame-auth/next",
  "next-auth/next": "sesame-auth/next",
  "next-auth/react": "sesame-auth/react",
  "next-auth/jwt": "sesame-auth/jwt",
  "next-auth/middleware": "sesame-auth/middleware",
  "next-auth/adapters": "sesame-auth",
  "next-auth/webauthn": undefined,
};

/** `same: \`module\`` or `renamed: \`Name\` from \`module\``: the name and module Sesame has it under; undefined when not supported. */
function sesameName(row: { name: string; sesame: string }): { name: string; module: string } | undefined {
  const same = /^same: `([^`]+)`/.exec(row.sesame);
  if (same) return { name: row.name, module: same[1]! };
  const renamed = /^renamed: `([^`]+)` from `([^`]+)`/.exec(row.sesame);
  if (renamed) return { name: renamed[1]!, module: renamed[2]! };
  expect(row.sesame, `${row.name}: same / renamed / not supported`).toMatch(/^not supported: \S/);
  return undefined;
}

const sesameModules = [...new Set([...Object.values(COUNTERPART).filter((m) => m !== undefined), ...exportRows.flatMap((row) => sesameName(row)?.module ?? [])])];
const sesame = sesameExports(sesameModules);

describe("the exports table", () => {
  for (const generation of [V4, V5] as Generation[]) {
    test(`lists every export of next-auth ${generation.label}'s entry points, in the generation it names`, () => {
      const listed = new Set(exportRows.filter((row) => row.in.includes(generation.label)).map((row) => `${row.entry} ${row.name}`));
      const actual = [...surfaces[generation.label].exports].flatMap(([entry, names]) => [...names.keys()].map((name) => `${entry} ${name}`));
      expect(actual.filter((key) => !listed.has(key))).toEqual([]);
      expect([...listed].filter((key) => !actual.includes(key))).toEqual([]);
    });
  }

  test("next-auth 4's runtime exports are the ones its .d.ts declares (nothing untyped left out)", () => {
    const require = createRequire(import.meta.url);
    for (const [entry, names] of surfaces.v4.exports) {
      if (entry === "next-auth/adapters") continue; // types only: the package has no adapters.js
      const runtime = Object.keys(require(entry) as object).filter((name) => name !== "__esModule");
      expect(runtime.filter((name) => names.get(name) !== "value"), entry).toEqual([]);
    }
  });

  test("every same or renamed export is exported by the Sesame module the table names, a value where next-auth's is one", async () => {
    for (const row of exportRows) {
      const target = sesameName(row);
      if (!target) continue;
      const kind = sesame.get(target.module)?.get(target.name);
      expect(kind, `${row.entry} ${row.name} → ${target.module} ${target.name}`).toBeDefined();
      const value = row.in.some((label) => surfaces[label as "v4" | "v5"].exports.get(row.entry)?.get(row.name) === "value");
      if (!value) continue;
      expect(kind, `${target.module} ${target.name} is a value`).toBe("value");
      const module = (await import(sesameSource(target.module))) as Record<string, unknown>;
      expect(module[target.name], `${target.module} ${target.name} at run time`).toBeDefined();
    }
  });

  test("every export marked not supported is indeed absent from the module the specifier moves to", () => {
    for (const row of exportRows.filter((row) => !sesameName(row))) {
      const counterpart = COUNTERPART[row.entry];
      if (counterpart) expect(sesame.get(counterpart)!.has(row.name), `${counterpart} ${row.name}`).toBe(false);
    }
  });

  test("AuthError and CredentialsSignin are the errors Sesame throws", () => {
    expect(AuthError).toBe(SesameError);
    expect(CredentialsSignin).toBe(RootCredentialsSignin);
    const error: unknown = new CredentialsSignin();
    expect(error instanceof AuthError && error.type).toBe("CredentialsSignin");
  });
});

describe("the providers table", () => {
  test("lists every provider preset of both generations, in the generation it names", () => {
    for (const generation of [V4, V5]) {
      const listed = providerRows.filter((row) => row.in.includes(generation.label)).flatMap((row) => row.ids);
      expect(generation.providers.filter((id) => !listed.includes(id)), generation.label).toEqual([]);
    }
    for (const row of providerRows) {
      for (const id of row.ids) expect(row.in.some((label) => (label === "v4" ? V4 : V5).providers.includes(id)), id).toBe(true);
    }
  });

  test("a preset marked same (or differs) is Sesame's, with a default export; one marked not supported has no module", async () => {
    const presetFile = (id: string) => ["ts", "node.ts"].map((ext) => join(ROOT, "packages/sesame/src/providers", `${id}.${ext}`)).find(existsSync);
    for (const row of providerRows) {
      const same = /^(same|differs): `sesame-auth\/providers\/([^`]+)`/.exec(row.sesame)?.[2];
      if (same) {
        expect(row.ids).toEqual([same]);
        const module = (await import(sesameSource(`sesame-auth/providers/${same}`))) as { default?: unknown };
        expect(typeof module.default, same).toBe("function");
        continue;
      }
      expect(row.sesame).toMatch(/^not supported/);
      for (const id of row.ids) expect(presetFile(id), id).toBeUndefined();
    }
  });
});

/** What `resolveConfig` throws for a config carrying `key` (dotted) set, as a JavaScript app would pass it. */
function refusal(key: string): unknown {
  const [parent, child] = key.split(".") as [string, string | undefined];
  const extra = { [parent]: child === undefined ? true : { [child]: true } };
  try {
    resolveConfig({ ...config(), ...extra } as SesameConfig);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("the options table", () => {
  const sesameKeys = sesameOptionKeys();

  for (const generation of [V4, V5]) {
    test(`lists every key of next-auth ${generation.label}'s ${generation.config.name}, nested options included`, () => {
      const listed = optionRows.filter((row) => row.in.includes(generation.label)).map((row) => row.key);
      const actual = surfaces[generation.label].options;
      expect(actual.filter((key) => !listed.includes(key))).toEqual([]);
      expect(listed.filter((key) => !actual.includes(key))).toEqual([]);
    });
  }

  test("an option marked same or differs is one of Sesame's", () => {
    for (const row of optionRows.filter((row) => row.status === "same" || row.status === "differs")) {
      expect(sesameKeys, row.key).toContain(row.key);
    }
  });

  test("an option marked not supported is refused with the very message the table shows", () => {
    for (const row of optionRows.filter((row) => row.status !== "same" && row.status !== "differs")) {
      expect(row.status, row.key).toBe("not supported");
      expect(sesameKeys, row.key).not.toContain(row.key);
      const shown = /^InvalidConfiguration: (.+)$/.exec(row.behaviour)?.[1];
      if (!shown) {
        // An option refused only through its keys (`jwt`): those have their own rows.
        expect(optionRows.some((other) => other.key.startsWith(`${row.key}.`) && other.behaviour.startsWith("InvalidConfiguration: ")), row.key).toBe(true);
        continue;
      }
      const error = refusal(row.key);
      expect(error, row.key).toBeInstanceOf(InvalidConfiguration);
      expect((error as Error).message).toBe(shown);
    }
  });
});

test("every test a row cites exists, and so does the test name it quotes", () => {
  const cited = [...exportRows, ...providerRows, ...optionRows].map((row) => row.cited);
  expect(cited.length).toBeGreaterThan(100);
  for (const cell of cited) {
    const match = /^`([^`]+)`(?: › "(.+)")?$/.exec(cell);
    expect(match, cell).not.toBeNull();
    const file = join(TESTS, match![1]!);
    expect(existsSync(file), file).toBe(true);
    if (match![2]) expect(readFileSync(file, "utf8"), `${match![1]} › ${match![2]}`).toContain(match![2]);
  }
});
