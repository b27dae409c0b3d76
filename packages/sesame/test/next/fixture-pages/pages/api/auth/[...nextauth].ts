// Seed 002's last line: the whole auth API as a Pages Router API route.
import NextAuth from "sesame-auth/next";
import { authOptions } from "../../../auth-options";

export default NextAuth(authOptions);
