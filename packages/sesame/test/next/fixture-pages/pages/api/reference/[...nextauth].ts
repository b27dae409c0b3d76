// The reference: the real next-auth 4.24.13 serving the same options (its own import specifiers).
import NextAuth from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

export default NextAuth({
  providers: [
    CredentialsProvider({
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        if (credentials?.username !== "alice" || credentials.password !== "wonderland") return null;
        return { id: "u1", name: "alice", email: "alice@example.com" };
      },
    }),
  ],
  pages: { signIn: "/login" },
});
