import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Tests run on Node, so the sources use the Node variant, as the built package does under the `node` condition.
    alias: { "#jwe": fileURLToPath(new URL("packages/sesame/src/core/session/jwe.node.ts", import.meta.url)) },
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts"],
    testTimeout: 20_000,
  },
});
