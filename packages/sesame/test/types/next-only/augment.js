import { getServerSession } from "sesame-auth/next";
import Credentials from "sesame-auth/providers/credentials";
export const authOptions = {
    providers: [Credentials({ authorize: () => ({ id: "1", name: "Alice", role: "admin" }) })],
    callbacks: {
        jwt: ({ token, user }) => (user ? { ...token, role: user.role } : token),
        // `session.user` is not optional in the callback, and already has the augmented type.
        session: ({ session, token }) => {
            const name = session.user.name;
            void name;
            return { ...session, user: { ...session.user, id: token.sub ?? "", role: token.role === "admin" ? "admin" : "user" } };
        },
    },
};
export const v5Config = { providers: [], callbacks: { session: ({ session }) => session } };
export const missingId = ({ session }) => 
// @ts-expect-error the augmentation made `user.id` required: a session without it is refused
({ ...session, user: { name: session.user.name, role: "user" } });
export const wrongRole = ({ session }) => 
// @ts-expect-error `role` is "admin" | "user"
({ ...session, user: { ...session.user, role: "root" } });
export async function page() {
    const session = await getServerSession(authOptions);
    if (!session)
        return "signed out";
    // The augmented session as server code reads it: `user` required, `id` a string.
    const id = session.user.id;
    // @ts-expect-error `id` is a string, not a number
    const wrong = session.user.id;
    void wrong;
    return id;
}
// `DefaultSession["user"]` and `DefaultUser` are NextAuth's: name, email and image, each optional.
export const user = { name: "Alice", email: null };
export const defaultUser = { id: "1", image: null };
export const role = "admin";
// @ts-expect-error `DefaultSession` still needs `expires`
export const noExpiry = { user };
