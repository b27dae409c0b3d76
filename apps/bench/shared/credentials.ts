/** The one account the benchmark signs in with, in every app. */
export const BENCH_USER = { id: "1", name: "Bench User", email: "bench@example.com" } as const;
export const BENCH_PASSWORD = "bench-password-0123456789";
export const BENCH_SECRET = process.env.BENCH_SECRET ?? "bench-secret-0123456789-abcdefghijklmnop";
