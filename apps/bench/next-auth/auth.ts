// next-auth v5 for the HTTP benchmark: credentials and its default, an encrypted JWT cookie.
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { BENCH_PASSWORD, BENCH_SECRET, BENCH_USER } from "../shared/credentials";

export const { handlers, auth } = NextAuth({
  secret: BENCH_SECRET,
  trustHost: true,
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: ({ email, password }) => (email === BENCH_USER.email && password === BENCH_PASSWORD ? { ...BENCH_USER } : null),
    }),
  ],
});
