/**
 * The frame of the built-in pages: self-contained HTML (no external assets, and no script but the sign-in
 * page's passkey script, allowed by its nonce), readable in light and dark schemes, with every interpolated
 * value escaped.
 */
import type { Theme } from "../config/options.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for use in HTML content and quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Tagged template that escapes every interpolation unless it is already `SafeHtml`. */
export function h(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    const text = Array.isArray(value)
      ? value.map((v) => (v instanceof SafeHtml ? v.html : escapeHtml(v))).join("")
      : value instanceof SafeHtml
        ? value.html
        : escapeHtml(value);
    out += text + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

export class SafeHtml {
  constructor(readonly html: string) {}
}

const CSS_COLOR = /^(#[0-9a-f]{3,8}|[a-z]+|rgb\([\d\s,.%]+\)|hsl\([\d\s,.%deg]+\))$/i;

export function page(title: string, theme: Theme, body: SafeHtml): string {
  const brand = theme.brandColor && CSS_COLOR.test(theme.brandColor) ? theme.brandColor : "#3454d1";
  const scheme = theme.colorScheme === "light" || theme.colorScheme === "dark" ? theme.colorScheme : "light dark";
  const logo = theme.logo && /^https:|^data:image\//.test(theme.logo) ? h`<img class="logo" src="${theme.logo}" alt="">` : "";
  return h`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
:root { color-scheme: ${scheme}; --brand: ${brand}; }
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; min-height: 100vh; display: grid; place-items: center;
  background: light-dark(#f4f5f7, #16181d); color: light-dark(#1b1d22, #eceef2); }
main { width: min(24rem, 92vw); padding: 2rem; border-radius: .75rem; background: light-dark(#fff, #22252c);
  box-shadow: 0 1px 3px rgb(0 0 0 / .15); }
h1 { font-size: 1.35rem; margin: 0 0 1.25rem; }
.logo { display: block; max-height: 3rem; margin: 0 auto 1rem; }
form + form, .provider + .provider { margin-top: 1rem; }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
input { box-sizing: border-box; width: 100%; padding: .6rem .7rem; font: inherit; border-radius: .4rem;
  border: 1px solid light-dark(#8a8f99, #6b707a); background: transparent; color: inherit; }
button, .button { display: block; box-sizing: border-box; width: 100%; margin-top: 1rem; padding: .65rem; font: inherit;
  font-weight: 600; text-align: center; text-decoration: none; border: 0; border-radius: .4rem; background: var(--brand);
  color: #fff; cursor: pointer; }
:focus-visible { outline: 3px solid var(--brand); outline-offset: 2px; }
.error { padding: .75rem; border-radius: .4rem; background: light-dark(#fde8e8, #4a1d1d); color: light-dark(#8a1111, #ffd5d5); }
hr { border: 0; border-top: 1px solid light-dark(#dde0e5, #3a3e47); margin: 1.5rem 0; }
</style>
</head>
<body>
<main>
${logo}
${body}
</main>
</body>
</html>`.html;
}
