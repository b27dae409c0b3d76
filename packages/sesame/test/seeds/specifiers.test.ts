/**
 * The seed apps' Sesame copies differ from the articles' code in their import specifiers and nothing else:
 * the rewrite touches only module specifiers, maps every next-auth module to the one docs/migration.md names,
 * and refuses a module it has no row for rather than guess.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { nextAuthSpecifiers, sesameSpecifier, withSesameSpecifiers } from "./harness.js";

const apps = fileURLToPath(new URL("./apps", import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? (name === ".next" || name === "node_modules" ? [] : sources(path)) : /\.tsx?$/.test(name) ? [path] : [];
  });

describe("the specifier rewrite", () => {
  test("maps next-auth's modules to Sesame's, and refuses one it does not know", () => {
    expect(sesameSpecifier("next-auth")).toBe("sesame-auth/next");
    expect(sesameSpecifier("next-auth/react")).toBe("sesame-auth/react");
    expect(sesameSpecifier("next-auth/jwt")).toBe("sesame-auth/jwt");
    expect(sesameSpecifier("next-auth/middleware")).toBe("sesame-auth/middleware");
    expect(sesameSpecifier("next-auth/providers/google")).toBe("sesame-auth/providers/google");
    expect(() => sesameSpecifier("next-auth/adapters")).toThrow(/no Sesame module/);
  });

  test("changes import, export-from, dynamic import and declare module specifiers, and no other text", () => {
    const source = [
      `import NextAuth from "next-auth";`,
      `export { signIn } from 'next-auth/react';`,
      `const jwt = await import("next-auth/jwt");`,
      `declare module "next-auth" {}`,
      `const label = "next-auth"; // next-auth's name in a string or a comment stays`,
    ].join("\n");
    expect(withSesameSpecifiers(source)).toBe(
      [
        `import NextAuth from "sesame-auth/next";`,
        `export { signIn } from 'sesame-auth/react';`,
        `const jwt = await import("sesame-auth/jwt");`,
        `declare module "sesame-auth/next" {}`,
        `const label = "next-auth"; // next-auth's name in a string or a comment stays`,
      ].join("\n"),
    );
  });

  test.each(readdirSync(apps))("%s: every file of the Sesame copy is the article's with only the specifiers mapped", (seed) => {
    const files = sources(join(apps, seed));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      const copy = withSesameSpecifiers(source);
      const mapped = nextAuthSpecifiers(source).map(sesameSpecifier);
      // Put the next-auth specifiers back, in order: the result is the source again.
      let index = 0;
      const restored = copy.replace(/(["'])(sesame-auth\/[^"']+)\1/g, (whole, quote: string, specifier: string) => {
        if (specifier !== mapped[index]) return whole;
        return `${quote}${nextAuthSpecifiers(source)[index++]}${quote}`;
      });
      expect(index).toBe(mapped.length);
      expect(restored).toBe(source);
    }
  });
});
