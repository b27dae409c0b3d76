// NextAuth v4's one-call form, with Next.js's body parser off: the handler reads the request stream itself.
import type { NextApiRequest, NextApiResponse } from "next";
import NextAuth from "sesame-auth/next";
import { authOptions } from "../../../auth-options";

export const config = { api: { bodyParser: false } };

export default async function auth(req: NextApiRequest, res: NextApiResponse) {
  res.setHeader("set-cookie", "app-cookie=kept; Path=/");
  return await NextAuth(req, res, { ...authOptions, basePath: "/api/raw" });
}
