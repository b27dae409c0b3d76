/**
 * What next-auth 4.24 and next-auth 5 (beta) offer, read from the installed packages themselves: the exports of
 * each entry point (types from its `.d.ts`, through the TypeScript checker, so re-exports and `export *` are
 * followed; values from importing it) and every key of their configuration types, nested options included.
 * The migration table (docs/migration.md) is checked against this, so a row can be missing only if the
 * package lacks the name too.
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";

const require = createRequire(import.meta.url);
export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "../../../..");
export const NEXT_AUTH_4 = dirname(require.resolve("next-auth"));
export const NEXT_AUTH_5 = join(ROOT, "apps/bench/next-auth/node_modules/next-auth");

/** One package's entry points (`next-auth/react`) and the `.d.ts` each declares its API in. */
export interface Generation {
  label: "v4" | "v5";
  dir: string;
  entries: Record<string, string>;
  /** `next-auth/providers/<id>` presets, from the files the package ships. */
  providers: string[];
  /** The configuration type and where it is declared. */
  config: { file: string; name: string };
}

function providerIds(dir: string): string[] {
  return readdirSync(join(dir, "providers"))
    .filter((file) => file.endsWith(".d.ts") && file !== "index.d.ts")
    .map((file) => file.slice(0, -".d.ts".length))
    .sort();
}

export const V4: Generation = {
  label: "v4",
  dir: NEXT_AUTH_4,
  entries: {
    "next-auth": "index.d.ts",
    "next-auth/react": "react/index.d.ts",
    "next-auth/jwt": "jwt/index.d.ts",
    "next-auth/next": "next/index.d.ts",
    "next-auth/middleware": "middleware.d.ts",
    "next-auth/adapters": "adapters.d.ts",
  },
  providers: providerIds(NEXT_AUTH_4),
  config: { file: "core/types.d.ts", name: "AuthOptions" },
};

export const V5: Generation = {
  label: "v5",
  dir: NEXT_AUTH_5,
  entries: {
    "next-auth": "index.d.ts",
    "next-auth/react": "react.d.ts",
    "next-auth/jwt": "jwt.d.ts",
    "next-auth/next": "next.d.ts",
    "next-auth/middleware": "middleware.d.ts",
    "next-auth/adapters": "adapters.d.ts",
    "next-auth/webauthn": "webauthn.d.ts",
  },
  providers: providerIds(NEXT_AUTH_5),
  config: { file: "lib/index.d.ts", name: "NextAuthConfig" },
};

/** The nested options whose keys are listed too (`session.maxAge`), as both generations nest them. */
export const NESTED_OPTIONS = ["session", "jwt", "pages", "callbacks", "events", "cookies", "theme", "logger", "experimental"] as const;

export interface Surface {
  /** `entry → export name → "value" | "type"`. */
  exports: Map<string, Map<string, "value" | "type">>;
  /** Option keys, nested ones dotted (`session.maxAge`). */
  options: string[];
}

function program(files: string[]): ts.Program {
  return ts.createProgram(files, {
    noEmit: true,
    skipLibCheck: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    jsx: ts.JsxEmit.ReactJSX,
    types: [],
  });
}

function exportsOf(checker: ts.TypeChecker, source: ts.SourceFile): Map<string, "value" | "type"> {
  const result = new Map<string, "value" | "type">();
  const module = checker.getSymbolAtLocation(source);
  if (!module) return result; // a file with no import or export: a script, exporting nothing
  for (const symbol of checker.getExportsOfModule(module)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    result.set(symbol.name, target.flags & ts.SymbolFlags.Value ? "value" : "type");
  }
  return result;
}

function optionKeys(checker: ts.TypeChecker, source: ts.SourceFile, name: string): string[] {
  const module = checker.getSymbolAtLocation(source)!;
  const symbol = checker.getExportsOfModule(module).find((s) => s.name === name);
  if (!symbol) throw new Error(`${source.fileName} does not export ${name}`);
  const type = checker.getDeclaredTypeOfSymbol(symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const keys: string[] = [];
  for (const property of checker.getPropertiesOfType(type)) {
    keys.push(property.name);
    if (!(NESTED_OPTIONS as readonly string[]).includes(property.name)) continue;
    const nested = checker.getNonNullableType(checker.getTypeOfSymbol(property));
    for (const child of checker.getPropertiesOfType(nested)) keys.push(`${property.name}.${child.name}`);
  }
  return keys.sort();
}

/** Reads one generation's API from its `.d.ts` files. */
export function surfaceOf(generation: Generation): Surface {
  const files = Object.values(generation.entries).map((file) => join(generation.dir, file));
  const configFile = join(generation.dir, generation.config.file);
  const built = program([...files, configFile]);
  const checker = built.getTypeChecker();
  const source = (file: string): ts.SourceFile => {
    const found = built.getSourceFile(file);
    if (!found) throw new Error(`not in the program: ${file}`);
    return found;
  };
  const exports = new Map<string, Map<string, "value" | "type">>();
  for (const [entry, file] of Object.entries(generation.entries)) exports.set(entry, exportsOf(checker, source(join(generation.dir, file))));
  return { exports, options: optionKeys(checker, source(configFile), generation.config.name) };
}

const SESAME = join(ROOT, "packages/sesame");

/** The source file behind a `sesame-auth/…` specifier, by the package's `exports` map (`dist/x.js` is built from `src/x.ts`). */
export function sesameSource(specifier: string): string {
  const exportsMap = (require(join(SESAME, "package.json")) as { exports: Record<string, string | { default: string }> }).exports;
  const subpath = `.${specifier.slice("sesame-auth".length)}`;
  for (const [pattern, target] of Object.entries(exportsMap)) {
    const built = typeof target === "string" ? target : target.default;
    const star = pattern.indexOf("*");
    const match = star < 0 ? (pattern === subpath ? "" : undefined) : subpath.startsWith(pattern.slice(0, star)) ? subpath.slice(star) : undefined;
    if (match === undefined || !built.startsWith("./dist/")) continue;
    return join(SESAME, "src", built.slice("./dist/".length).replace("*", match).replace(/\.js$/, ".ts"));
  }
  throw new Error(`sesame-auth does not export ${specifier}`);
}

/** Every key of `SesameConfig`, nested options dotted as in `surfaceOf`. */
export function sesameOptionKeys(): string[] {
  const file = join(SESAME, "src/core/config/options.ts");
  const built = program([file]);
  return optionKeys(built.getTypeChecker(), built.getSourceFile(file)!, "SesameConfig");
}

/** The exports of `sesame-auth` modules (by specifier), read by the TypeScript checker from the sources. */
export function sesameExports(specifiers: readonly string[]): Map<string, Map<string, "value" | "type">> {
  const files = new Map(specifiers.map((specifier) => [specifier, sesameSource(specifier)]));
  const built = program([...files.values()]);
  const checker = built.getTypeChecker();
  const result = new Map<string, Map<string, "value" | "type">>();
  for (const [specifier, file] of files) {
    const source = built.getSourceFile(file);
    if (!source) throw new Error(`${specifier}: ${file} does not exist`);
    result.set(specifier, exportsOf(checker, source));
  }
  return result;
}
