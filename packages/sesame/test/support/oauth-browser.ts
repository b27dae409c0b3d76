/**
 * A browser for OAuth round trips: requests to the app go through `Auth()`, requests to the OpenID Provider
 * over real HTTP, each origin with its own cookies. It logs in and consents on the provider's pages the way
 * a person would, by submitting the forms they render.
 */
import { Browser } from "./helpers.js";
import type { SesameConfig } from "../../src/index.js";
import { APP_ORIGIN } from "./op.js";

export interface SignInOptions {
  login?: string;
  callbackUrl?: string;
  /** Press "cancel" on the provider's login page instead of signing in. */
  abort?: boolean;
  /** Change the callback before the app sees it (attacks), or stop to keep it for later. */
  interceptCallback?: (url: URL) => URL | "stop" | Promise<URL>;
}

export interface FlowResult {
  /** The app's last answer: normally the redirect to the callback URL, or to the error page. */
  response: Response;
  /** The callback URL the provider sent the browser to. */
  callback?: URL;
}

export class OAuthBrowser extends Browser {
  readonly providerJar = new Map<string, string>();

  /** `callbackPath`: where the app's provider callbacks are (its basePath + `/callback/`). */
  constructor(
    config: SesameConfig,
    origin = APP_ORIGIN,
    private readonly callbackPath = "/api/auth/callback/",
  ) {
    super(config, origin);
  }

  /** GET or POST anywhere, without following redirects. */
  override async visit(url: URL, init: RequestInit = {}): Promise<Response> {
    if (url.origin === this.origin) return this.fetch(url.pathname + url.search, init);
    const headers = new Headers(init.headers);
    headers.set("cookie", [...this.providerJar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      if (/expires=Thu, 01 Jan 1970/i.test(cookie) || /max-age=0/i.test(cookie)) this.providerJar.delete(name);
      else this.providerJar.set(name, pair.slice(eq + 1));
    }
    return response;
  }

  /** A POST from another site: no cookie of the app comes with it. */
  async crossSitePost(url: URL, fields: URLSearchParams): Promise<Response> {
    const response = await this.fetch(url.pathname + url.search, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: "" },
      body: fields,
    });
    return response;
  }

  /** Starts the sign-in with `providerId` and follows it to the end. */
  async signInWith(providerId: string, options: SignInOptions = {}): Promise<FlowResult> {
    const start = await this.postForm(`/api/auth/signin/${providerId}`, {
      csrfToken: await this.csrf(),
      ...(options.callbackUrl && { callbackUrl: options.callbackUrl }),
    });
    return this.follow(start, options);
  }

  async follow(first: Response, options: SignInOptions = {}): Promise<FlowResult> {
    let response = first;
    let current = new URL(this.origin);
    let callback: URL | undefined;
    for (let step = 0; step < 25; step++) {
      const location = response.headers.get("location");
      if (location) {
        let next = new URL(location, current);
        if (next.origin === this.origin) {
          if (!next.pathname.startsWith(this.callbackPath)) return { response, callback };
          callback = next;
          const changed = await options.interceptCallback?.(next);
          if (changed === "stop") return { response, callback };
          if (changed) next = callback = changed;
        }
        current = next;
        response = await this.visit(next);
        continue;
      }
      if (current.origin === this.origin) return { response, callback };
      const html = await response.text();
      const form = /<form[^>]*method="post"[^>]*action="([^"]+)"|<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(html);
      const action = form?.[1] ?? form?.[2];
      if (!action) throw new Error(`The provider answered ${response.status} without a form: ${html.slice(0, 300)}`);
      const target = new URL(action.replaceAll("&amp;", "&"), current);
      if (target.origin === this.origin) {
        // response_mode=form_post: the provider's page posts the result to the app, cross-site, so the
        // browser sends none of the app's SameSite=Lax cookies with it.
        const fields = new URLSearchParams([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
        callback = target;
        current = target;
        response = await this.crossSitePost(target, fields);
        continue;
      }
      if (options.abort) {
        const abort = /href="([^"]*\/abort)"/.exec(html);
        if (!abort) throw new Error("no abort link on the provider's page");
        current = new URL(abort[1]!, current);
        response = await this.visit(current);
        continue;
      }
      const fields: Record<string, string> = html.includes('name="login"') ? { prompt: "login", login: options.login ?? "alice", password: "any" } : { prompt: "consent" };
      current = target;
      response = await this.visit(current, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });
    }
    throw new Error("the sign-in did not finish in 25 steps");
  }
}
