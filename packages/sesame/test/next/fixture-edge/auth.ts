// The Edge fixture: the same auth, used by middleware.ts, which Next.js runs on the Edge runtime.
import Sesame from "sesame-auth/next";
import Credentials from "sesame-auth/providers/credentials";

export const { handlers, auth } = Sesame({
  secret: "fixture-secret-0123456789-abcdefghijklmnop",
  trustHost: true,
  rateLimit: false,
  providers: [Credentials({ authorize: ({ username, password }) => (password === "pw" ? { id: "9", name: username ?? "" } : null) })],
  callbacks: {
    authorized: ({ auth, request }) => (new URL(request.url).pathname.startsWith("/dashboard") ? Boolean(auth) : true),
  },
});
