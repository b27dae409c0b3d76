// (glue) the article calls `login(credentials)`, `refreshToken(refresh)` and `jwtDecode(token)` without showing
// them: the backend API's two calls, and jwt-decode typed with the article's `DecodedJWT`.
import type { DecodedJWT } from "next-auth";
import decode from "jwt-decode";

export function login(credentials: Record<string, string> | undefined): Promise<Response> {
  return fetch(`${process.env.BACKEND_URL}/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: credentials?.username, password: credentials?.password }),
  });
}

export async function refreshToken(refresh: string): Promise<{ access: string }> {
  const response = await fetch(`${process.env.BACKEND_URL}/refresh`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ refresh }),
  });
  if (!response.ok) throw new Error(`refresh failed: ${response.status}`);
  return response.json() as Promise<{ access: string }>;
}

export const jwtDecode = (token: string): DecodedJWT => decode<DecodedJWT>(token);
