/** The types of auth.js, seed 001's code: what the test needs to wire it into a config. */
import type { CredentialsProvider, SesameConfig } from "../../../../src/index.js";

/** What the article leaves to the app: its backend's login and refresh calls, and a JWT decoder. */
export interface Seed001Helpers {
  login(credentials: Record<string, string | undefined>): Promise<Response>;
  refreshToken(refresh: string): Promise<{ access: string; refresh: string }>;
  jwtDecode(token: string): { id: number; email: string; exp: number };
}

export function seed001(helpers: Seed001Helpers): { provider: CredentialsProvider; callbacks: NonNullable<SesameConfig["callbacks"]> };
