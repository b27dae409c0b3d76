/**
 * A map that holds at most `capacity` entries, keeping the recently used ones: entries live in a young and
 * an old generation; when the young one fills up it becomes the old one and the previous old one is
 * dropped whole. Every operation is O(1), with no per-entry bookkeeping and no scan to find what to evict.
 */
export class BoundedCache {
    young = new Map();
    old = new Map();
    generationSize;
    constructor(capacity) {
        this.generationSize = Math.max(1, Math.floor(capacity / 2));
    }
    get(key) {
        const value = this.young.get(key);
        if (value !== undefined)
            return value;
        const aging = this.old.get(key);
        // Used again: move it to the young generation so it survives the next turnover.
        if (aging !== undefined)
            this.set(key, aging);
        return aging;
    }
    set(key, value) {
        if (this.young.size >= this.generationSize) {
            this.old = this.young;
            this.young = new Map();
        }
        this.young.set(key, value);
    }
    delete(key) {
        this.young.delete(key);
        this.old.delete(key);
    }
}
