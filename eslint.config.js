// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.next/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { console: "readonly", process: "readonly", crypto: "readonly" } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["packages/sesame/src/**/*.ts"],
    ignores: ["packages/sesame/src/cli/**"],
    rules: {
      // The core runs on Edge runtimes and Workers: Node built-ins are allowed only behind adapters or the CLI.
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:*"], message: "The core uses Web APIs only." }] }],
    },
  },
);
