/**
 * The kind of backend the seed articles sign in against: `POST /login` answers an access and a refresh JWT,
 * `POST /refresh` rotates them, `GET /me` needs a valid access token. Refresh tokens are single-use: a
 * rotated-out token presented again is treated as theft (reuse detection) and revokes the whole family,
 * as careful providers do. Counters let tests see exactly what happened.
 */
import { createServer } from "node:http";
import { SignJWT, jwtVerify } from "jose";
const DEFAULT_USERS = {
    alice: { password: "wonderland", id: 1, name: "Alice Example", email: "alice@example.com", role: "admin" },
    bob: { password: "builder", id: 2, name: "Bob Example", email: "bob@example.com", role: "user" },
};
export async function startBackend(options = {}) {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const users = options.users ?? DEFAULT_USERS;
    const accessTtl = options.accessTtl ?? 15 * 60;
    const refreshTtl = options.refreshTtl ?? 7 * 24 * 3600;
    const stats = { logins: 0, refreshes: 0, reuseDetections: 0, meCalls: 0 };
    /** Refresh token id → its family; a family is revoked as a whole. */
    const used = new Set();
    const revokedFamilies = new Set();
    let down = false;
    const issue = async (user, family) => {
        const now = Math.floor(Date.now() / 1000);
        const claims = { id: user.id, email: user.email, name: user.name, role: user.role };
        const access = await new SignJWT({ ...claims, type: "access" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt(now).setExpirationTime(now + accessTtl).sign(secret);
        const refresh = await new SignJWT({ ...claims, type: "refresh", family })
            .setProtectedHeader({ alg: "HS256" })
            .setJti(crypto.randomUUID())
            .setIssuedAt(now)
            .setExpirationTime(now + refreshTtl)
            .sign(secret);
        return { access, refresh };
    };
    const verify = async (token, type) => {
        const { payload } = await jwtVerify(token, secret, { algorithms: ["HS256"] });
        if (payload.type !== type)
            throw new Error(`not a ${type} token`);
        return payload;
    };
    async function handle(req, res) {
        const send = (status, body) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
        if (down)
            return send(503, { error: "unavailable" });
        let raw = "";
        for await (const chunk of req)
            raw += String(chunk);
        const body = raw ? JSON.parse(raw) : {};
        switch (`${req.method} ${req.url}`) {
            case "POST /login": {
                const user = users[body.username ?? ""];
                if (!user || user.password !== body.password)
                    return send(401, { error: "invalid_credentials" });
                stats.logins++;
                return send(200, await issue(user, crypto.randomUUID()));
            }
            case "POST /refresh": {
                stats.refreshes++;
                if (options.refreshDelay)
                    await new Promise((resolve) => setTimeout(resolve, options.refreshDelay));
                let claims;
                try {
                    claims = await verify(body.refresh ?? "", "refresh");
                }
                catch {
                    return send(401, { error: "invalid_refresh_token" });
                }
                const { family, jti } = claims;
                if (!family || !jti)
                    return send(401, { error: "invalid_refresh_token" });
                if (revokedFamilies.has(family))
                    return send(401, { error: "revoked" });
                if (used.has(jti)) {
                    // A rotated-out token again: someone else has it. End the whole family.
                    stats.reuseDetections++;
                    revokedFamilies.add(family);
                    return send(401, { error: "refresh_token_reused" });
                }
                used.add(jti);
                return send(200, await issue(claims, family));
            }
            case "GET /me": {
                stats.meCalls++;
                try {
                    const claims = await verify((req.headers.authorization ?? "").replace(/^Bearer /, ""), "access");
                    return send(200, { id: claims.id, email: claims.email, name: claims.name, role: claims.role });
                }
                catch {
                    return send(401, { error: "invalid_access_token" });
                }
            }
            default:
                return send(404, { error: "not_found" });
        }
    }
    const server = createServer((req, res) => {
        handle(req, res).catch(() => res.writeHead(400).end());
    });
    await new Promise((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
    return {
        url: `http://127.0.0.1:${server.address().port}`,
        stats,
        setDown(value) {
            down = value;
        },
        async close() {
            server.closeAllConnections();
            await new Promise((resolve) => server.close(resolve));
        },
    };
}
