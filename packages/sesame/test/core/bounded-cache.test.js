import { expect, test } from "vitest";
import { BoundedCache } from "../../src/core/bounded-cache.js";
test("holds at most its capacity and keeps what is used", () => {
    const cache = new BoundedCache(4);
    for (let i = 0; i < 4; i++)
        cache.set(i, `v${i}`);
    expect(cache.get(0)).toBe("v0"); // used: survives the next turnover
    for (let i = 4; i < 6; i++)
        cache.set(i, `v${i}`);
    expect(cache.get(0)).toBe("v0");
    expect(cache.get(1)).toBeUndefined();
    const held = Array.from({ length: 100 }, (_, i) => cache.get(i)).filter((v) => v !== undefined);
    expect(held.length).toBeLessThanOrEqual(4);
});
test("delete removes from both generations", () => {
    const cache = new BoundedCache(2);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.delete("a");
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBe(2);
});
