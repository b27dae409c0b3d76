// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.next/**", "bench/results/**", "**/next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { console: "readonly", process: "readonly", crypto: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // Tests assert on values they have just checked exist; `!` keeps them short.
    files: ["**/test/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  {
    files: ["packages/sesame/src/**/*.ts"],
    ignores: ["packages/sesame/src/cli/**", "packages/sesame/src/**/*.node.ts"],
    rules: {
      // The core runs on Edge runtimes and Workers: Node built-ins only in the CLI and `*.node.ts` fast paths,
      // which package.json `imports` selects for the `node` condition alone.
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:*"], message: "The core uses Web APIs only." }] }],
    },
  },
  {
    // The layers: presets, adapters and the framework bindings depend on the core, never the reverse. The rules
    // every provider follows live in core/provider/; `providers/` only builds presets of them. (A later block
    // replaces the rule for these files, so the Web-APIs-only pattern is repeated here.)
    files: ["packages/sesame/src/core/**/*.ts"],
    ignores: ["packages/sesame/src/**/*.node.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*"], message: "The core uses Web APIs only." },
            {
              regex: "^(\\.\\./)+(providers|adapters|next|react)(/|$)",
              message: "core/ must not depend on providers/, adapters/, next/ or react/: they depend on the core. Move the shared contract into core/.",
            },
          ],
        },
      ],
    },
  },
);
