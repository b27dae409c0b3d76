/**
 * The password policy (`core/accounts/password-policy.ts`): the length rules in code points, the 1024 bound
 * the hashing module shares, and the breached-password check against a real HTTP server on loopback that
 * answers like Have I Been Pwned's range API (padding, CRLF, mixed case) — or like a broken or hostile one.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import {
  BreachCheckUnavailable,
  checkPassword,
  pwnedPasswords,
  type BreachedPasswordCheck,
} from "../../src/core/accounts/password-policy.js";
import { hashPassword } from "../../src/password.node.js";

const BREACHED = "password1";
const SEEN_THREE_TIMES = "seen-three-times";
const PADDING_ONLY = "only-in-the-padding";
const FRESH = "correct horse battery staple";

function sha1(password: string): string {
  return createHash("sha1").update(password, "utf8").digest("hex").toUpperCase();
}

/** The breach corpus the server knows: full SHA-1 → count. */
const CORPUS = new Map([
  [sha1(BREACHED), 2_413_945],
  [sha1(SEEN_THREE_TIMES), 3],
]);

interface Recorded {
  method: string;
  url: string;
  rawHeaders: string[];
}

let server: Server;
let endpoint: string;
const requests: Recorded[] = [];
/** Replaces the range API's answer for one test. */
let respond: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;

/** A deterministic fake suffix: 35 hex digits that match none of the test passwords. */
function decoy(i: number): string {
  return createHash("sha1").update(`decoy ${i}`).digest("hex").slice(0, 35);
}

/** What the range API answers for `prefix`: the corpus's suffixes, decoys with counts, padding with count 0. */
function rangeBody(prefix: string): string {
  const lines: string[] = [];
  for (let i = 0; i < 40; i++) lines.push(`${decoy(i).toUpperCase()}:${i + 1}`);
  for (const [hash, count] of CORPUS) {
    // Lower case and stray whitespace: the parser must tolerate both.
    if (hash.startsWith(prefix)) lines.push(`${hash.slice(5).toLowerCase()} : ${count} `);
  }
  // Padding: a suffix the client asks about may appear here with count 0, and must not count.
  if (sha1(PADDING_ONLY).startsWith(prefix)) lines.push(`${sha1(PADDING_ONLY).slice(5)}:0`);
  for (let i = 40; i < 80; i++) lines.push(`${decoy(i).toUpperCase()}:0`);
  return lines.join("\r\n");
}

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push({ method: request.method ?? "", url: request.url ?? "", rawHeaders: [...request.rawHeaders] });
    if (respond) return respond(request, response);
    const match = /^\/range\/([0-9A-F]{5})$/.exec(request.url ?? "");
    if (!match) {
      response.writeHead(404).end("Not found");
      return;
    }
    response.writeHead(200, { "content-type": "text/plain" }).end(rangeBody(match[1]!));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/range/`;
});

afterEach(() => {
  requests.length = 0;
  respond = undefined;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The rejection of `promise`, which must reject. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error,
  );
}

/** Asserts the breach check refuses (fails closed) with a BreachCheckUnavailable that leaks nothing. */
async function expectUnavailable(password: string, options: Parameters<typeof pwnedPasswords>[0] = {}): Promise<BreachCheckUnavailable> {
  const error = await rejection(pwnedPasswords({ endpoint, ...options }).isBreached(password));
  expect(error).toBeInstanceOf(BreachCheckUnavailable);
  const unavailable = error as BreachCheckUnavailable;
  expect(unavailable.name).toBe("BreachCheckUnavailable");
  expect(unavailable.cause).toBeDefined();
  expect(unavailable.message).toContain(endpoint);
  for (const secret of [password, sha1(password), sha1(password).slice(0, 5)]) expect(unavailable.message).not.toContain(secret);
  return unavailable;
}

describe("pwnedPasswords: what is sent", () => {
  test("only the 5-hex-digit prefix leaves the process: not the password, not the hash, not the suffix", async () => {
    for (const password of [BREACHED, FRESH, "🔑 pässwörd"]) {
      requests.length = 0;
      await pwnedPasswords({ endpoint }).isBreached(password);
      const hash = sha1(password);
      expect(requests).toHaveLength(1);
      const [request] = requests;
      expect(request!.method).toBe("GET");
      expect(request!.url).toBe(`/range/${hash.slice(0, 5)}`);
      const wire = [request!.url, ...request!.rawHeaders].join("\n");
      for (const secret of [password, encodeURIComponent(password), hash, hash.toLowerCase(), hash.slice(5), hash.slice(5).toLowerCase()]) {
        expect(wire).not.toContain(secret);
      }
    }
  });

  test("asks for padding (Add-Padding: true)", async () => {
    await pwnedPasswords({ endpoint }).isBreached(FRESH);
    const headers = requests[0]!.rawHeaders;
    const at = headers.findIndex((name, i) => i % 2 === 0 && name.toLowerCase() === "add-padding");
    expect(at).toBeGreaterThanOrEqual(0);
    expect(headers[at + 1]).toBe("true");
  });

  test("the `fetch` option is used, and the default endpoint is Have I Been Pwned's", async () => {
    const urls: string[] = [];
    const check = pwnedPasswords({
      fetch: async (input) => {
        urls.push(String(input));
        return new Response(`${sha1(BREACHED).slice(5)}:12\r\n${decoy(1)}:0\r\n`);
      },
    });
    expect(await check.isBreached(BREACHED)).toBe(true);
    expect(urls).toEqual([`https://api.pwnedpasswords.com/range/${sha1(BREACHED).slice(0, 5)}`]);
    expect(requests).toHaveLength(0); // nothing reached the local server
  });
});

describe("pwnedPasswords: reading the answer", () => {
  test("a password in the corpus is breached (its line is lower-case, space-padded, CRLF-separated); one not in it is not", async () => {
    const check = pwnedPasswords({ endpoint });
    expect(await check.isBreached(BREACHED)).toBe(true);
    expect(await check.isBreached(FRESH)).toBe(false);
    expect(await check.isBreached(BREACHED.toUpperCase())).toBe(false); // another password, another hash
  });

  test("LF-only bodies and a trailing newline are read the same", async () => {
    respond = (_request, response) => response.end(`${decoy(1)}:3\n${sha1(BREACHED).slice(5)}:9\n\n`);
    expect(await pwnedPasswords({ endpoint }).isBreached(BREACHED)).toBe(true);
  });

  test("minCount: seen 3 times is breached for minCount 1..3, not for 4", async () => {
    for (const minCount of [1, 2, 3]) expect(await pwnedPasswords({ endpoint, minCount }).isBreached(SEEN_THREE_TIMES)).toBe(true);
    expect(await pwnedPasswords({ endpoint, minCount: 4 }).isBreached(SEEN_THREE_TIMES)).toBe(false);
    expect(await pwnedPasswords({ endpoint, minCount: 1_000_000 }).isBreached(BREACHED)).toBe(true);
  });

  test("padding entries (count 0) are ignored, even when they carry the password's suffix", async () => {
    const check = pwnedPasswords({ endpoint });
    expect(await check.isBreached(PADDING_ONLY)).toBe(false);
    // The line really was in the answer: a range server that counts it once makes it breached.
    respond = (_request, response) => response.end(`${sha1(PADDING_ONLY).slice(5)}:1`);
    expect(await check.isBreached(PADDING_ONLY)).toBe(true);
  });
});

describe("pwnedPasswords: an upstream that cannot answer fails closed", () => {
  test.each([404, 500, 503, 429])("HTTP %i → BreachCheckUnavailable", async (status) => {
    respond = (_request, response) => response.writeHead(status).end(`${sha1(BREACHED).slice(5)}:1`);
    const error = await expectUnavailable(FRESH);
    expect(error.message).toContain(`HTTP ${status}`);
  });

  test("a redirect is not followed: BreachCheckUnavailable, and the prefix goes nowhere else", async () => {
    respond = (request, response) => {
      if (request.url?.startsWith("/elsewhere")) response.end(`${decoy(1)}:1`);
      else response.writeHead(302, { location: "/elsewhere/" }).end();
    };
    await expectUnavailable(FRESH);
    expect(requests.map((r) => r.url)).toEqual([`/range/${sha1(FRESH).slice(0, 5)}`]);
  });

  test("connection refused → BreachCheckUnavailable with the network error as cause", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await rejection(pwnedPasswords({ endpoint: `http://127.0.0.1:${port}/range/` }).isBreached(FRESH));
    expect(error).toBeInstanceOf(BreachCheckUnavailable);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  test("a server that never answers → BreachCheckUnavailable once timeoutSeconds have passed", async () => {
    respond = () => undefined; // holds the request open
    const error = await expectUnavailable(FRESH, { timeoutSeconds: 0.2 });
    expect(error.message).toContain("no answer in time");
    expect((error.cause as Error).name).toBe("TimeoutError");
  });

  test("a server that sends the headers and then stalls the body → BreachCheckUnavailable after the timeout", async () => {
    respond = (_request, response) => {
      response.writeHead(200);
      response.write(`${decoy(1)}:1\r\n`);
    };
    const error = await expectUnavailable(FRESH, { timeoutSeconds: 0.2 });
    expect(error.message).toContain("no answer in time");
  });

  test("an endless body: the read stops past 2 MB, BreachCheckUnavailable, and the connection is dropped", async () => {
    let written = 0;
    let droppedBeforeEnd = false;
    respond = (_request, response) => {
      response.on("close", () => {
        droppedBeforeEnd = !response.writableFinished;
      });
      response.writeHead(200, { "content-type": "text/plain" });
      // Well-formed lines, so only the size can be what fails.
      const chunk = `${decoy(1)}:0\r\n`.repeat(1_000);
      const pump = () => {
        while (!response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
      };
      pump();
    };
    // A long timeout: the cap, not the clock, must end this.
    const error = await expectUnavailable(FRESH, { timeoutSeconds: 60 });
    expect(error.message).toContain(`larger than ${2 * 1024 * 1024} bytes`);
    await vi.waitFor(() => expect(droppedBeforeEnd).toBe(true), { timeout: 5_000 });
    expect(written).toBeGreaterThan(2 * 1024 * 1024);
  });

  test("a Content-Length over 2 MB is refused before reading", async () => {
    respond = (_request, response) => {
      response.writeHead(200, { "content-length": String(3 * 1024 * 1024) });
      response.write(`${decoy(1)}:1\r\n`);
    };
    const error = await expectUnavailable(FRESH, { timeoutSeconds: 60 });
    expect(error.message).toContain("larger than");
  });

  // Decision: a 200 whose body is not range-API lines is treated as unavailable, not as "not breached": it is
  // an error page, a captive portal or a wrong endpoint, and "not breached" would switch the check off silently.
  test.each([
    ["an HTML page", "<!doctype html><html><body>Sign in to the Wi-Fi</body></html>"],
    ["an empty body", ""],
    ["blank lines only", "\r\n\r\n  \n"],
    ["JSON", '{"suffix":"ABC","count":1}'],
    ["a good line, then garbage", `${decoy(1)}:1\r\nnot a line\r\n`],
    ["a 34-digit suffix", `${decoy(1).slice(1)}:1`],
    ["a full 40-digit hash", `${sha1(FRESH)}:1`],
    ["a non-hex suffix", `${"G".repeat(35)}:1`],
    ["a negative count", `${decoy(1)}:-1`],
    ["a fractional count", `${decoy(1)}:1.5`],
    ["two colons", `${decoy(1)}:1:2`],
    ["a missing count", `${decoy(1)}:`],
  ])("garbage body (%s) → BreachCheckUnavailable", async (_name, body) => {
    respond = (_request, response) => response.end(body);
    const error = await expectUnavailable(FRESH);
    expect(error.message).toMatch(/SUFFIX:COUNT/);
  });

  test("a body that is not UTF-8 → BreachCheckUnavailable", async () => {
    respond = (_request, response) => response.end(Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x3a, 0x31]));
    await expectUnavailable(FRESH);
  });

  test("attacker-shaped input is parsed in linear time (a megabyte line of near-misses)", async () => {
    // Would take forever under a backtracking pattern; split/indexOf plus anchored character classes do not.
    respond = (_request, response) => response.end(`${"a".repeat(1_000_000)}:${"1".repeat(500_000)}x`);
    await expectUnavailable(FRESH);
  });

  test('onUnavailable: "allow" treats every failure as not breached', async () => {
    const check = pwnedPasswords({ endpoint, onUnavailable: "allow", timeoutSeconds: 0.2 });
    for (const answer of [
      (_request: IncomingMessage, response: ServerResponse) => response.writeHead(500).end(),
      (_request: IncomingMessage, response: ServerResponse) => response.end("<html>"),
      () => undefined,
    ]) {
      respond = answer;
      expect(await check.isBreached(BREACHED)).toBe(false);
    }
    // …and a working answer is still honoured.
    respond = undefined;
    expect(await check.isBreached(BREACHED)).toBe(true);
  });

  test("the options are validated", () => {
    expect(() => pwnedPasswords({ minCount: 0 })).toThrow(RangeError);
    expect(() => pwnedPasswords({ minCount: 1.5 })).toThrow(/minCount must be a positive integer/);
    expect(() => pwnedPasswords({ timeoutSeconds: 0 })).toThrow(RangeError);
    expect(() => pwnedPasswords({ timeoutSeconds: Number.NaN })).toThrow(/timeoutSeconds/);
    expect(() => pwnedPasswords({ timeoutSeconds: -1 })).toThrow(RangeError);
    expect(() => pwnedPasswords({ endpoint: "ftp://example.com/range/" })).toThrow(/http\(s\) URL/);
    expect(() => pwnedPasswords({ endpoint: "not a url" })).toThrow(TypeError);
    expect(() => pwnedPasswords({ onUnavailable: "maybe" as "allow" })).toThrow(/"refuse" or "allow"/);
    expect(() => pwnedPasswords({ fetch: "fetch" as unknown as typeof fetch })).toThrow(TypeError);
    expect(() => pwnedPasswords()).not.toThrow();
  });
});

describe("checkPassword", () => {
  test("not a string, empty, or a lone surrogate → not-well-formed", async () => {
    for (const password of [undefined, null, 12345678, ["password"], { length: 10 }]) {
      expect(await checkPassword(password as unknown as string)).toBe("not-well-formed");
    }
    expect(await checkPassword("")).toBe("not-well-formed");
    expect(await checkPassword("abcdefgh\uD800")).toBe("not-well-formed"); // high surrogate, unpaired
    expect(await checkPassword("\uDC00abcdefgh")).toBe("not-well-formed"); // low surrogate, unpaired
    expect(await checkPassword("abcd\uDC00\uD800efgh")).toBe("not-well-formed"); // a pair in the wrong order
    expect(await checkPassword("abcdefg\uD83D\uDD11")).toBeNull(); // the same units, paired: 🔑
  });

  test("the default minimum is 8 characters", async () => {
    expect(await checkPassword("1234567")).toBe("too-short");
    expect(await checkPassword("12345678")).toBeNull();
  });

  test("characters are code points: an emoji is one, not two", async () => {
    expect("🔑".repeat(7)).toHaveLength(14); // 14 UTF-16 units…
    expect(await checkPassword("🔑".repeat(7))).toBe("too-short"); // …but 7 characters
    expect(await checkPassword("🔑".repeat(8))).toBeNull();
  });

  test("the minimum counts the NFKC form, the one that is hashed: a combining accent is not a character of its own", async () => {
    const decomposed = "e\u0301".repeat(4); // "éééé" typed as e + combining acute: 8 code points
    expect(await checkPassword(decomposed)).toBe("too-short");
    expect(await checkPassword(decomposed, { minLength: 4 })).toBeNull();
  });

  test("minLength is honoured", async () => {
    expect(await checkPassword("a", { minLength: 1 })).toBeNull();
    expect(await checkPassword("abcdefghijk", { minLength: 12 })).toBe("too-short");
    expect(await checkPassword("abcdefghijkl", { minLength: 12 })).toBeNull();
    expect(await checkPassword("a".repeat(1023), { minLength: 1024 })).toBe("too-short");
    expect(await checkPassword("a".repeat(1024), { minLength: 1024 })).toBeNull();
  });

  test("more than 1024 characters → too-long, counted in code points", async () => {
    expect(await checkPassword("a".repeat(1024))).toBeNull();
    expect(await checkPassword("a".repeat(1025))).toBe("too-long");
    expect(await checkPassword("🔑".repeat(1024))).toBeNull(); // 2048 UTF-16 units
    expect(await checkPassword("🔑".repeat(1025))).toBe("too-long");
    expect(await checkPassword("a".repeat(10_000_000))).toBe("too-long");
  });

  test("the 1024 bound is the hashing module's: what checkPassword accepts hashes, what it calls too long does not", async () => {
    const FAST = { cost: 4 };
    for (const accepted of ["a".repeat(1024), "🔑".repeat(1024)]) {
      expect(await checkPassword(accepted)).toBeNull();
      await expect(hashPassword(accepted, FAST)).resolves.toMatch(/^\$scrypt\$/);
    }
    for (const refused of ["a".repeat(1025), "🔑".repeat(1025)]) {
      expect(await checkPassword(refused)).toBe("too-long");
      await expect(hashPassword(refused, FAST)).rejects.toThrow(/at most 1024/);
    }
  });

  test("the policy is validated, whatever the password", async () => {
    for (const minLength of [0, -1, 1025, 7.5, Number.NaN, Infinity, "8"]) {
      await expect(checkPassword(FRESH, { minLength: minLength as number })).rejects.toThrow(RangeError);
    }
    await expect(checkPassword("", { minLength: 0 })).rejects.toThrow(/minLength must be an integer from 1 to 1024, got 0/);
    await expect(checkPassword(FRESH, { breached: true as unknown as false })).rejects.toThrow(/pwnedPasswords\(\)/);
    await expect(checkPassword(FRESH, { breached: {} as BreachedPasswordCheck })).rejects.toThrow(TypeError);
    await expect(checkPassword(FRESH, null as unknown as undefined)).rejects.toThrow(/policy must be an object/);
  });

  test("the breach check: breached → breached; fresh → null; off by default and with breached: false", async () => {
    const policy = { breached: pwnedPasswords({ endpoint }) };
    expect(await checkPassword(BREACHED, policy)).toBe("breached");
    expect(await checkPassword(FRESH, policy)).toBeNull();
    expect(requests).toHaveLength(2);
    requests.length = 0;
    expect(await checkPassword(BREACHED)).toBeNull();
    expect(await checkPassword(BREACHED, { breached: false })).toBeNull();
    expect(requests).toHaveLength(0);
  });

  test("a password refused for its form or length is never sent to the breach check", async () => {
    const policy = { minLength: 12, breached: pwnedPasswords({ endpoint }) };
    expect(await checkPassword(BREACHED, policy)).toBe("too-short");
    expect(await checkPassword("a".repeat(1025), policy)).toBe("too-long");
    expect(await checkPassword("abcdefghijkl\uD800", policy)).toBe("not-well-formed");
    expect(requests).toHaveLength(0);
  });

  test("the breach check sees the NFKC form (what signs in) and the password as typed", async () => {
    const seen: string[] = [];
    const recording: BreachedPasswordCheck = {
      isBreached: async (password) => {
        seen.push(password);
        return false;
      },
    };
    expect(await checkPassword("ｐａｓｓｗｏｒｄ１", { breached: recording })).toBeNull();
    expect(seen).toEqual(["password1", "ｐａｓｓｗｏｒｄ１"]);
    // Against the range API: full-width "password1" signs in as "password1", which is breached.
    expect(await checkPassword("ｐａｓｓｗｏｒｄ１", { breached: pwnedPasswords({ endpoint }) })).toBe("breached");
  });

  test("when the breach check cannot answer, checkPassword rejects with BreachCheckUnavailable; with allow, it passes", async () => {
    respond = (_request, response) => response.writeHead(503).end();
    await expect(checkPassword(FRESH, { breached: pwnedPasswords({ endpoint }) })).rejects.toBeInstanceOf(BreachCheckUnavailable);
    expect(await checkPassword(FRESH, { breached: pwnedPasswords({ endpoint, onUnavailable: "allow" }) })).toBeNull();
  });
});
