import type { AppProps } from "next/app";
import { SessionProvider } from "sesame-auth/react";

export default function App({ Component, pageProps: { session, ...pageProps } }: AppProps) {
  return (
    <SessionProvider session={session} baseUrl={process.env.NEXTAUTH_URL} basePath="/api/auth">
      <Component {...pageProps} />
    </SessionProvider>
  );
}
