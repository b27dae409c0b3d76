// NextAuth v4's custom sign-in page: the CSRF token and the providers fetched in getServerSideProps.
import type { GetServerSidePropsContext } from "next";
import { getCsrfToken, getProviders } from "sesame-auth/react";

export async function getServerSideProps(context: GetServerSidePropsContext) {
  const csrfToken = (await getCsrfToken(context)) ?? null;
  const providers = await getProviders();
  return { props: { csrfToken, providers } };
}

export default function Login({ csrfToken, providers }: { csrfToken: string | null; providers: Record<string, { id: string; type: string }> | null }) {
  return (
    <form method="post" action="/api/auth/callback/credentials">
      <input id="csrf" name="csrfToken" type="hidden" defaultValue={csrfToken ?? ""} />
      <pre id="providers">{JSON.stringify(providers)}</pre>
      <input name="username" />
      <input name="password" type="password" />
    </form>
  );
}
