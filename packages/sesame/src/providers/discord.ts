/**
 * Discord (OAuth 2.0). The avatar URL is built from the user's avatar hash, or the default avatar. The
 * email is kept only when Discord says `verified` (the user confirmed it), and then counts as verified.
 */
import type { Profile } from "../core/types.js";
import { preset } from "./preset.js";

/** Discord's `/users/@me` answer. */
export interface DiscordProfile extends Profile {
  id: string;
  username: string;
  global_name: string | null;
  email: string | null;
  verified: boolean;
  avatar: string | null;
  discriminator: string;
}

/**
 * The avatar URL of a Discord user: their avatar (animated as GIF), else the default avatar for their id.
 * The preset's `profile` uses it; reuse it in your own `profile`.
 *
 * @example
 * ```ts
 * Discord({ profile: (p) => ({ id: p.id, name: p.username, email: null, image: discordAvatar(p) }) })
 * ```
 */
export function discordAvatar(p: DiscordProfile): string {
  if (p.avatar) return `https://cdn.discordapp.com/avatars/${p.id}/${p.avatar}.${p.avatar.startsWith("a_") ? "gif" : "png"}`;
  // New usernames have discriminator "0": their default avatar is chosen from the id.
  const index = p.discriminator === "0" ? Number((BigInt(p.id) >> 22n) % 6n) : Number(p.discriminator) % 5;
  return `https://cdn.discordapp.com/embed/avatars/${index}.png`;
}

/**
 * The Discord provider (id `"discord"`, scopes `identify email`). Client id and secret default to `AUTH_DISCORD_ID` / `AUTH_DISCORD_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Discord from "sesame-auth/providers/discord";
 * export const { handlers, auth } = Sesame({ providers: [Discord()] }); // AUTH_DISCORD_ID, AUTH_DISCORD_SECRET
 * ```
 */
export default preset<DiscordProfile>({
  id: "discord",
  name: "Discord",
  type: "oauth",
  authorization: { url: "https://discord.com/api/oauth2/authorize", params: { scope: "identify email" } },
  token: "https://discord.com/api/oauth2/token",
  userinfo: "https://discord.com/api/users/@me",
  profile: (p) => {
    const email = p.verified === true ? p.email : null;
    return { id: p.id, name: p.global_name ?? p.username, email, emailVerified: email !== null, image: discordAvatar(p) };
  },
  docs: { refresh: true, emailVerified: "when Discord says `verified` (else no email)" },
});
