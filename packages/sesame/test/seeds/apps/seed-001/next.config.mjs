import { fileURLToPath } from "node:url";

export default {
  // The app lives inside the monorepo, whose node_modules are at the root: Turbopack must start there.
  turbopack: { root: fileURLToPath(new URL("../../../../../..", import.meta.url)) },
  // The article's `authorize` returns no `id` and its `jwt` callback returns `data` only on some paths: as
  // written, it does not type-check against next-auth's own types. The test runs `tsc` on both copies
  // instead and requires Sesame's types to report exactly next-auth's errors, at the same places.
  typescript: { ignoreBuildErrors: true },
};
