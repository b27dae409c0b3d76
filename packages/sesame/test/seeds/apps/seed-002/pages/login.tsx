// (glue) the custom sign-in page of `pages.signIn`; the article does not show it.
import { signIn } from "next-auth/react";
import type { FormEvent } from "react";

export default function Login() {
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const callbackUrl = new URLSearchParams(window.location.search).get("callbackUrl") ?? "/";
    await signIn("credentials", { username: form.get("username"), password: form.get("password"), callbackUrl });
  }
  return (
    <form id="signin" onSubmit={submit}>
      <input name="username" />
      <input name="password" type="password" />
      <button type="submit">Sign in</button>
    </form>
  );
}
