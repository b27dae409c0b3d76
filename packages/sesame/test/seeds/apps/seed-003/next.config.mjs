import { fileURLToPath } from "node:url";

// The app lives inside the monorepo, whose node_modules are at the root: Turbopack must start there.
export default { turbopack: { root: fileURLToPath(new URL("../../../../../..", import.meta.url)) } };
