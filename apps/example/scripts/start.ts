/**
 * `npm start` (and `npm run dev` with `--dev`): starts the sample backend, the OpenID Provider and the mail
 * catcher, migrates and seeds the database, builds and starts the Next.js app, and stops everything on Ctrl-C.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { startStack } from "../services/stack";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.AUTH_URL ?? `http://localhost:${port}`;
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

const stack = await startStack({ appUrl, accessTtl: Number(process.env.ACCESS_TTL ?? 60) });

function run(args: string[]) {
  return spawn(process.execPath, [nextBin, ...args], { env: { ...stack.env, NODE_ENV: dev ? "development" : "production" }, stdio: ["ignore", "pipe", "inherit"] });
}

async function stop(code: number): Promise<never> {
  await stack.close();
  process.exit(code);
}

if (!dev) {
  console.log("Building the app (next build)…");
  const build = run(["build"]);
  build.stdout.pipe(process.stdout);
  const code = await new Promise<number>((resolve) => build.on("exit", (exitCode) => resolve(exitCode ?? 1)));
  if (code !== 0) await stop(code);
}

const app = run([dev ? "dev" : "start", "-p", String(port)]);
let announced = false;
app.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (announced || !String(chunk).includes("Ready")) return;
  announced = true;
  console.log(`
  Sesame example: ${appUrl}

    sample backend  alice / wonderland (admin), bob / builder
    OpenID          carol or dave, any password (at ${stack.env.OIDC_ISSUER})
    magic link      any address; the mail shows at ${appUrl}/inbox
    storage         ${stack.env.DATABASE_URL ?? "SQLite (.data/sesame.db)"}${stack.env.REDIS_URL ? ` + Redis ${stack.env.REDIS_URL}` : ""}

  Ctrl-C stops everything.
`);
});
app.on("exit", (code) => void stop(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    app.kill(signal);
  });
}
