/**
 * The credentials provider (id `"credentials"`): the app checks the form itself in `authorize`, returning
 * the user or `null`. Failed attempts are rate limited per IP and per account by default.
 *
 * @example
 * ```ts
 * Credentials({
 *   credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
 *   async authorize({ email, password }) {
 *     const user = await db.findUser(email);
 *     // Verify even without a user (no hash): an unknown email then takes as long as a wrong password.
 *     return (await verifyPassword(password, user?.hash)) ? user : null;
 *   },
 * })
 * ```
 */
export default function Credentials(options) {
    return {
        id: "credentials",
        name: "Credentials",
        credentials: {},
        ...options,
        type: "credentials",
    };
}
export { Credentials };
