// (glue) the session of a request, read through §4's "Token 过期" config (which exports only `auth`).
import { auth } from "@/auth-expiry";

export const GET = auth((req) => Response.json(req.auth));
