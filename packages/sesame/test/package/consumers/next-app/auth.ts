// The README's Next.js quickstart, as an app that installed the package writes it.
import Sesame from "sesame-auth/next";
import Credentials from "sesame-auth/providers/credentials";

export const { handlers, auth, signIn, signOut } = Sesame({
  providers: [
    Credentials({
      credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
      authorize: ({ username, password }) => (username === "alice" && password === "wonderland" ? { id: "1", name: "Alice", email: "alice@example.com" } : null),
    }),
  ],
});
