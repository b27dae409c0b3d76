import Credentials from "sesame-auth/providers/credentials";
export const config = {
    providers: [Credentials({ authorize: () => ({ id: "1", role: "admin" }) })],
    callbacks: {
        session: ({ session, token }) => ({ ...session, accessToken: String(token.accessToken) }),
    },
};
export const role = {}.user?.role;
export const accessToken = {}.accessToken;
