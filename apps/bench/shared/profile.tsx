// The protected page of every app in the HTTP benchmark: the same markup, so only the auth library differs.
export interface Viewer {
  name?: string | null;
  email?: string | null;
}

export function Profile({ viewer }: { viewer: Viewer }) {
  return (
    <main>
      <h1>Dashboard</h1>
      <p>
        Signed in as {viewer.name} ({viewer.email})
      </p>
    </main>
  );
}

export function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
