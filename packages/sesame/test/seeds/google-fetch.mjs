/**
 * Preloaded into seed 003's `next start` (`NODE_OPTIONS=--import`): there is no internet here, and a local
 * oidc-provider plays Google. The app's outgoing requests to Google's hosts go to it: `globalThis.fetch` is
 * wrapped to rewrite only those https URLs to the OP's http address (SEED_GOOGLE_OP), each path to the OP's
 * endpoint, and to tell the OP, by forwarding headers, that it was asked as https://accounts.google.com (so
 * its issuer and the endpoints it advertises are Google's). Nothing else is touched.
 */
const op = process.env.SEED_GOOGLE_OP;
/** Google's endpoints → the OP's (oidc-provider's default paths). */
const routes = {
  "accounts.google.com": (path) => path,
  "oauth2.googleapis.com": (path) => (path === "/token" ? "/token" : path),
  "openidconnect.googleapis.com": (path) => (path === "/v1/userinfo" ? "/me" : path),
  "www.googleapis.com": (path) => (path === "/oauth2/v3/certs" ? "/jwks" : path),
};
const { Request, Headers, fetch: original } = globalThis;
globalThis.fetch = async function fetchViaLocalGoogle(input, init) {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const route = url.protocol === "https:" && op ? routes[url.hostname] : undefined;
  if (!route) return original(input, init);
  const target = new URL(route(url.pathname) + url.search, op);
  const headers = new Headers(request.headers);
  headers.set("x-forwarded-host", "accounts.google.com");
  headers.set("x-forwarded-proto", "https");
  // Which of Google's hosts the app asked, for the test to see whose request reached the OP.
  headers.set("x-seed-google-host", url.hostname);
  const body = request.body ? await request.arrayBuffer() : undefined;
  return original(target, { method: request.method, headers, body, redirect: request.redirect, signal: request.signal });
};
