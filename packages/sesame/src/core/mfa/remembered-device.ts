/**
 * Devices a user asked to be remembered after a second factor: the browser keeps a random token in an
 * HttpOnly cookie, the database a factor of kind `device` whose id is the token's hash, bound to the user,
 * with an expiry. A sign-in of that user from that browser skips the second factor until the device
 * expires or is forgotten (from the security page, or all at once when the second factor is turned off).
 * The token proves nothing on its own: it never stands in for the first factor, and it counts only for the
 * user it was made for.
 */
import { sha256 } from "#digest";
import type { AdapterFactor, FactorAdapter } from "../adapter.js";
import type { RequestContext } from "../context.js";
import { serializeCookie } from "../cookies/serialize.js";
import { randomString } from "../random.js";

const TOKEN_LENGTH = 43;
const TOKEN_FORM = /^[\w-]{43}$/;

async function deviceId(token: string): Promise<string> {
  return sha256(`device\n${token}`);
}

/** A short name for the device from its User-Agent ("Chrome on macOS"), for the list of remembered devices. */
export function deviceName(userAgent: string | null): string {
  const ua = userAgent ?? "";
  const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /Chrome\//.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : "A browser";
  const system = /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : /Mac OS X/.test(ua) ? "macOS" : /Windows/.test(ua) ? "Windows" : /Linux/.test(ua) ? "Linux" : undefined;
  return system ? `${browser} on ${system}` : browser;
}

/** Remembers this browser for the user; returns the cookie to set. */
export async function rememberDevice(context: RequestContext, adapter: FactorAdapter, userId: string, maxAgeSeconds: number): Promise<string> {
  const token = randomString(TOKEN_LENGTH);
  const now = new Date();
  await adapter.createFactors([
    {
      id: await deviceId(token),
      userId,
      kind: "device",
      name: deviceName(context.head.headers.get("user-agent")),
      data: "{}",
      createdAt: now,
      lastUsedAt: now,
      expires: new Date(now.getTime() + maxAgeSeconds * 1000),
    },
  ]);
  const { name, options } = context.jar.rememberedDevice;
  return serializeCookie(name, token, { ...options, maxAge: maxAgeSeconds });
}

/** The id of the device factor this browser's cookie would name, if it has one. */
export async function thisDeviceId(context: RequestContext): Promise<string | undefined> {
  const token = context.cookies.get(context.jar.rememberedDevice.name);
  return token && TOKEN_FORM.test(token) ? deviceId(token) : undefined;
}

/** The device factor this browser's cookie names, when it is the user's and has not expired. */
export async function recognisedDevice(context: RequestContext, adapter: FactorAdapter, userId: string): Promise<AdapterFactor | undefined> {
  const id = await thisDeviceId(context);
  if (!id) return undefined;
  const device = await adapter.getFactor(id);
  if (!device || device.kind !== "device" || device.userId !== userId) return undefined;
  if (device.expires && device.expires.getTime() <= Date.now()) return undefined;
  return device;
}
