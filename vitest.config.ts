import { fileURLToPath } from "node:url";
import type { RunnerTask, RunnerTestFile } from "vitest";
import { defineConfig } from "vitest/config";

function countResults(tasks: readonly RunnerTask[], counts = { passed: 0, failed: 0, skipped: 0 }) {
  for (const task of tasks) {
    if (task.type === "suite") countResults(task.tasks, counts);
    else if (task.result?.state === "pass") counts.passed++;
    else if (task.result?.state === "fail") counts.failed++;
    else counts.skipped++;
  }
  return counts;
}

export default defineConfig({
  resolve: {
    // Tests run on Node, so the sources use the Node variant, as the built package does under the `node` condition.
    alias: {
      "#jwe": fileURLToPath(new URL("packages/sesame/src/core/token/jwe.node.ts", import.meta.url)),
      "#digest": fileURLToPath(new URL("packages/sesame/src/core/digest.node.ts", import.meta.url)),
    },
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "compat/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts", "bench/test/**/*.test.ts", "e2e/**/*.test.ts"],
    testTimeout: 20_000,
    reporters: [
      "default",
      {
        // One plain closing line, the same whatever the terminal: "N passed, N failed, N skipped".
        onFinished(files: RunnerTestFile[] = []) {
          const { passed, failed, skipped } = countResults(files);
          console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
        },
      },
    ],
  },
});
