// Runs the sample backend on its own: `npm start --workspace sesame-example-backend` (PORT, default 4000).
import { startBackend } from "./backend.js";

const backend = await startBackend({ port: Number(process.env.PORT ?? 4000), accessTtl: Number(process.env.ACCESS_TTL ?? 900) });
console.log(`Sample backend on ${backend.url}: POST /login {username, password}, POST /refresh {refresh}, GET /me`);
