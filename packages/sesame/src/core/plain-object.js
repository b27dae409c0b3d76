/** The check every JSON value from outside passes before it is read as an object of named fields. */
/** Whether `value` is an object with named fields: not `null`, not an array. */
export function isPlainObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
