/**
 * One app process for the multi-process tests: Sesame's `Auth()` on a plain node:http server, as
 * examples/web-standard/server.ts serves it, with that example's Request/Response conversions. Two configs
 * share the process, one per session strategy:
 *
 * - `/db/api/auth/*`: database sessions in PostgreSQL (schema `SESAME_PG_SCHEMA`);
 * - `/jwt/api/auth/*`: JWT sessions, revoked across processes through Redis;
 *
 * both with Redis rate limits and Redis refresh coordination under `SESAME_REDIS_PREFIX`, and a credentials
 * provider backed by the sample backend at `SESAME_BACKEND_URL`. `/<kind>/token` answers `getAccessToken`.
 * Prints `listening <port>` once it serves.
 */
import { createServer } from "node:http";
import { postgres } from "../../src/adapters/postgres.node.js";
import { RedisRateLimitStore, RedisRefreshCoordinator, RedisRevocationStore } from "../../src/adapters/redis.node.js";
import { SqlAdapter } from "../../src/adapters/sql.js";
import { Auth, getAccessToken } from "../../src/index.js";
import Credentials from "../../src/providers/credentials.js";
import { send, toRequest } from "../../../../examples/web-standard/node-http.js";
const env = (name) => {
    const value = process.env[name];
    if (!value)
        throw new Error(`${name} is not set`);
    return value;
};
const backendUrl = env("SESAME_BACKEND_URL");
const redis = { prefix: env("SESAME_REDIS_PREFIX") };
const db = postgres({ connectionString: env("SESAME_PG_URL"), options: `-c search_path=${env("SESAME_PG_SCHEMA")}`, max: 5 });
const post = async (path, body) => fetch(`${backendUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const backendProvider = Credentials({
    credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
    async authorize({ username, password }) {
        const response = await post("/login", { username, password });
        if (!response.ok)
            return null;
        const tokens = (await response.json());
        const me = (await (await fetch(`${backendUrl}/me`, { headers: { authorization: `Bearer ${tokens.access}` } })).json());
        return { id: String(me.id), name: me.name, email: me.email, tokens };
    },
    tokens: {
        async refresh({ refreshToken }) {
            const response = await post("/refresh", { refresh: refreshToken });
            if (!response.ok)
                throw new Error(`refresh failed: ${response.status}`);
            return (await response.json());
        },
    },
});
const shared = (kind) => ({
    secret: env("SESAME_SECRET"),
    trustHost: true,
    basePath: `/${kind}/api/auth`,
    providers: [backendProvider],
    rateLimit: { store: RedisRateLimitStore(redis), perIp: false, perIdentifier: { max: 5, window: 60 } },
    // Access tokens are due one second before they expire; a refresh (or the wait for another process's) may take 5 s.
    tokens: { coordinator: RedisRefreshCoordinator(redis), refreshBuffer: 1, timeoutSeconds: 5 },
    logger: { warn: () => { }, error: (error) => console.error(`[${process.pid}]`, error) },
});
const configs = {
    db: { ...shared("db"), adapter: SqlAdapter(db), session: { strategy: "database" } },
    jwt: { ...shared("jwt"), session: { strategy: "jwt" }, revocation: { store: RedisRevocationStore(redis) } },
};
async function handle(request) {
    const { pathname } = new URL(request.url);
    const [, kind = "", rest = ""] = /^\/([^/]+)(\/.*)?$/.exec(pathname) ?? [];
    const config = configs[kind];
    if (!config)
        return new Response("not found", { status: 404 });
    if (rest.startsWith("/api/auth/"))
        return Auth(request, config);
    if (rest === "/token") {
        const { accessToken, error, cookies } = await getAccessToken(request, config);
        const headers = new Headers({ "x-pid": String(process.pid) });
        for (const cookie of cookies)
            headers.append("set-cookie", cookie);
        return Response.json({ accessToken, error: error ?? null }, { headers });
    }
    return new Response("not found", { status: 404 });
}
const server = createServer((req, res) => {
    handle(toRequest(req))
        .then((response) => send(res, response))
        .catch((error) => {
        console.error(`[${process.pid}]`, error);
        res.statusCode = 500;
        res.end("Internal error");
    });
});
server.listen(0, "127.0.0.1", () => {
    console.log(`listening ${server.address().port}`);
});
process.on("SIGTERM", () => {
    server.closeAllConnections();
    server.close();
    void db.destroy().finally(() => process.exit(0));
});
