// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import local from "./eslint-rules/require-example.js";

/**
 * The package's public surface: the files its `exports` point at, and the files those re-export from.
 * Documented on the symbol (hover) with an `@example`: see eslint-rules/require-example.js.
 */
const publicFiles = [
  "packages/sesame/src/index.ts",
  "packages/sesame/src/jwt.ts",
  "packages/sesame/src/password.node.ts",
  "packages/sesame/src/next/index.ts",
  "packages/sesame/src/next/v4.ts",
  "packages/sesame/src/next/middleware.ts",
  "packages/sesame/src/react/index.ts",
  "packages/sesame/src/react/client.ts",
  "packages/sesame/src/providers/*.ts",
  "packages/sesame/src/adapters/*.ts",
  "packages/sesame/src/adapters/sql/*.ts",
];

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "**/.next/**",
      "bench/results/**",
      "**/next-env.d.ts",
      // The seed articles' code as they write it (`as any` and all); `next build` type-checks it.
      "packages/sesame/test/seeds/apps/**",
      "packages/sesame/test/seeds/.build/**",
      // Prisma clients the compat tests generate for themselves.
      "compat/authjs/.generated/**",
    ],
  },
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
    files: publicFiles,
    plugins: { local },
    rules: {
      "local/require-example": [
        "error",
        {
          // The same files as `publicFiles`, as a pattern on the resolved path of a re-export's source.
          publicFiles: "/packages/sesame/src/(index|jwt|password\\.node|next/(index|v4|middleware)|react/(index|client)|providers/[^/]+|adapters/[^/]+|adapters/sql/[^/]+)\\.ts$",
          exampleTypes: ["SesameConfig", "OAuthProvider", "CredentialsOptions", "EmailOptions", "GitHubOptions", "PasswordHashOptions", "PostgresOptions", "MysqlOptions", "RedisOptions", "SessionProviderProps", "UseSessionOptions", "MigrateOptions"],
        },
      ],
    },
  },
  {
    // The layers: presets, adapters and the framework bindings depend on the core, never the reverse. The rules
    // every provider follows live in core/provider/; `providers/` only builds presets of them. (This block
    // replaces the rule above for these files, so the Web-APIs-only pattern is repeated here.)
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
  {
    // The framework bindings reach the core only through its integration surface (core/integration.ts) and
    // the data model (core/types.ts): the rest of the core can change without them noticing. (Again the
    // Web-APIs-only pattern is repeated, since this block replaces the rule for these files.)
    files: ["packages/sesame/src/next/**/*.ts", "packages/sesame/src/react/**/*.ts"],
    ignores: ["packages/sesame/src/**/*.node.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*"], message: "The core uses Web APIs only." },
            {
              regex: "^(\\.\\./)+core/(?!(integration|types)\\.js$)",
              message: "next/ and react/ reach the core only through core/integration.ts (and core/types.ts): export what they need there.",
            },
          ],
        },
      ],
    },
  },
);
