"use client";
// (glue) the sign-in page (pages.signIn); the article does not show it.
import { signIn } from "next-auth/react";

export default function SignInPage() {
  async function submit(form: FormData) {
    const callbackUrl = new URLSearchParams(window.location.search).get("callbackUrl") ?? "/dashboard";
    await signIn("credentials", { username: form.get("username"), password: form.get("password"), callbackUrl });
  }
  return (
    <form id="signin" action={submit}>
      <input name="username" />
      <input name="password" type="password" />
      <button type="submit">Sign in</button>
    </form>
  );
}
