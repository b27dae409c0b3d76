/**
 * The sample backend (`examples/backend`) as seeds 001 and 002 use it: `POST /login` answers an access and
 * a refresh JWT, `POST /refresh` rotates them, `GET /me` needs the access token.
 */
import type { IssuedTokens, SignInUser } from "sesame-auth";

export const backendUrl = process.env.BACKEND_URL ?? "http://127.0.0.1:4000";

const post = (path: string, body: unknown) =>
  fetch(`${backendUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export async function loginToBackend(username: string, password: string): Promise<SignInUser | null> {
  const response = await post("/login", { username, password });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`The backend answered ${response.status} to /login.`);
  const tokens = (await response.json()) as { access: string; refresh: string };
  const me = await fetch(`${backendUrl}/me`, { headers: { authorization: `Bearer ${tokens.access}` } });
  if (!me.ok) throw new Error(`The backend answered ${me.status} to /me.`);
  const profile = (await me.json()) as { id: number; name: string; email: string; role: "admin" | "user" };
  return { id: String(profile.id), name: profile.name, email: profile.email, role: profile.role, tokens };
}

export async function refreshWithBackend(refreshToken: string): Promise<IssuedTokens> {
  const response = await post("/refresh", { refresh: refreshToken });
  if (!response.ok) throw new Error(`The backend refused the refresh: ${response.status}.`);
  return (await response.json()) as IssuedTokens;
}
