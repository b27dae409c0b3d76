import { fileURLToPath } from "node:url";

export default {
  // The app lives inside the monorepo, whose node_modules are at the root: Turbopack must start there.
  turbopack: { root: fileURLToPath(new URL("../../../../../..", import.meta.url)) },
  // §4 reads `data?.user?.token`, which next-auth's `Session` type does not have (the article augments
  // nothing): as written, it does not type-check against next-auth's own types. The test runs `tsc` on both
  // copies instead and compares their errors.
  typescript: { ignoreBuildErrors: true },
};
