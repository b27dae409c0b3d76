/**
 * Every duration option is in seconds (issue 29 item 7). The options that were in milliseconds got new names
 * that say so (`tokens.timeoutSeconds`, `adapterTimeoutSeconds`, a provider's `timeoutSeconds`); the old
 * names still work, converted, with one deprecation warning per config; both set is a configuration error.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { resolveConfig } from "../../../src/core/config/resolve.js";
import { AdapterError, InvalidConfiguration } from "../../../src/index.js";
import { MemoryAdapter } from "../../../src/adapters/memory.js";
import OIDC from "../../../src/providers/oidc.js";
import { config } from "../../support/helpers.js";
afterEach(() => {
    vi.restoreAllMocks();
});
function withWarnings(overrides) {
    const warn = vi.fn();
    return { appConfig: config({ ...overrides, logger: { warn } }), warn };
}
const oidc = (options) => OIDC({ id: "op", issuer: "https://op.example.com", clientId: "client", clientSecret: "secret", ...options });
/** The resolved provider's time-out, as server.ts reads it. */
const providerTimeout = (appConfig) => {
    const provider = resolveConfig(appConfig).providers.get("op");
    return provider && "timeoutSeconds" in provider ? { timeoutSeconds: provider.timeoutSeconds, timeout: provider.timeout } : undefined;
};
describe("durations in seconds", () => {
    test("defaults, resolved with their unit in the name", () => {
        const { tokens, session } = resolveConfig(config());
        expect(tokens).toMatchObject({ refreshBufferSeconds: 60, graceWindowSeconds: 60, timeoutMs: 10_000 });
        expect(session).toMatchObject({ maxAgeSeconds: 30 * 24 * 3600, updateAgeSeconds: 24 * 3600 });
    });
    test("the new names: no warning", () => {
        const { appConfig, warn } = withWarnings({ tokens: { timeoutSeconds: 5, refreshBuffer: 10, graceWindow: 30 }, providers: [oidc({ timeoutSeconds: 2 })] });
        expect(resolveConfig(appConfig).tokens).toMatchObject({ timeoutMs: 5_000, refreshBufferSeconds: 10, graceWindowSeconds: 30 });
        expect(providerTimeout(appConfig)).toEqual({ timeoutSeconds: 2, timeout: undefined });
        expect(warn).not.toHaveBeenCalled();
    });
    test("adapterTimeoutSeconds limits every adapter call", async () => {
        const adapter = { ...MemoryAdapter(), getUser: () => new Promise(() => { }) };
        const guarded = resolveConfig(config({ adapter, adapterTimeoutSeconds: 0.05 })).adapter;
        const started = performance.now();
        await expect(guarded.getUser("1")).rejects.toBeInstanceOf(AdapterError);
        expect(performance.now() - started).toBeLessThan(1_000);
    });
    test.each([
        ["tokens.timeoutSeconds", { tokens: { timeoutSeconds: 0 } }],
        ["adapterTimeoutSeconds", { adapterTimeoutSeconds: -1 }],
        ["tokens.refreshBuffer", { tokens: { refreshBuffer: Number.NaN } }],
        ["providers.op.timeoutSeconds", { providers: [oidc({ timeoutSeconds: Number.POSITIVE_INFINITY })] }],
    ])("a bad %s is a configuration error", (name, overrides) => {
        expect(() => resolveConfig(config(overrides))).toThrow(InvalidConfiguration);
        expect(() => resolveConfig(config(overrides))).toThrow(`\`${name}\``);
    });
});
describe("the old millisecond names", () => {
    test.each([
        ["tokens.timeout", { tokens: { timeout: 2_500 } }, (appConfig) => resolveConfig(appConfig).tokens.timeoutMs, 2_500],
        ["providers.op.timeout", { providers: [oidc({ timeout: 1_500 })] }, (appConfig) => providerTimeout(appConfig), { timeoutSeconds: 1.5, timeout: undefined }],
    ])("%s still works, converted, and warns once", (name, overrides, read, expected) => {
        const { appConfig, warn } = withWarnings(overrides);
        expect(read(appConfig)).toEqual(expected);
        expect(read(appConfig)).toEqual(expected);
        expect(warn).toHaveBeenCalledTimes(1);
        expect(warn.mock.calls[0]?.[0]).toBe("DeprecatedOption");
        expect(warn.mock.calls[0]?.[1]).toContain(`\`${name}\` is in milliseconds and deprecated`);
    });
    test("adapterTimeout still limits adapter calls (in ms), and warns once", async () => {
        const adapter = { ...MemoryAdapter(), getUser: () => new Promise(() => { }) };
        const { appConfig, warn } = withWarnings({ adapter, adapterTimeout: 50 });
        const started = performance.now();
        await expect(resolveConfig(appConfig).adapter.getUser("1")).rejects.toThrow("within 50 ms");
        await expect(resolveConfig(appConfig).adapter.getUser("1")).rejects.toBeInstanceOf(AdapterError);
        expect(performance.now() - started).toBeLessThan(2_000);
        expect(warn).toHaveBeenCalledTimes(1);
        expect(warn.mock.calls[0]?.[1]).toContain("`adapterTimeoutSeconds`");
    });
    test.each([
        ["tokens.timeoutSeconds", { tokens: { timeout: 5_000, timeoutSeconds: 5 } }],
        ["adapterTimeoutSeconds", { adapterTimeout: 5_000, adapterTimeoutSeconds: 5 }],
        ["providers.op.timeoutSeconds", { providers: [oidc({ timeout: 5_000, timeoutSeconds: 5 })] }],
    ])("both %s and the old name: a configuration error, not a silent pick", (name, overrides) => {
        expect(() => resolveConfig(config(overrides))).toThrow(InvalidConfiguration);
        expect(() => resolveConfig(config(overrides))).toThrow(`keep \`${name}\` only`);
    });
});
