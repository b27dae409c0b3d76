/**
 * Calls the sample backend with the user's access token. `getAccessToken` refreshes it first when it is
 * about to expire, once, however many tabs ask at the same moment. The page sees which token was used
 * (its issue time and a short fingerprint) and never the token itself.
 */
import { getAccessToken } from "sesame-auth";
import { authConfig, backendUrl } from "../../../auth";

async function fingerprint(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)));
  return Array.from(digest.slice(0, 4), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function claims(jwt: string): { iat?: number; exp?: number } {
  const payload = jwt.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString()) as { iat?: number; exp?: number };
}

export async function GET(request: Request) {
  const { accessToken, error, cookies } = await getAccessToken(request, authConfig(), { provider: "credentials" });
  const headers = new Headers();
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  if (!accessToken) {
    const body = error ? { error, message: "The backend refused to refresh the access token." } : { error: "Unauthorized", message: "Sign in with the sample backend first." };
    return Response.json(body, { status: error ? 502 : 401, headers });
  }
  const me = await fetch(`${backendUrl}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  const { iat, exp } = claims(accessToken);
  return Response.json(
    { me: me.ok ? await me.json() : null, backendStatus: me.status, token: { fingerprint: await fingerprint(accessToken), issuedAt: iat, expiresAt: exp } },
    { headers },
  );
}
