// `pages.resetPassword`: without a link's query, ask for a reset link; with `email` and `token` (a mailed
// link, which `GET /api/auth/reset-password` forwards here), choose the new password.
import { RequestResetForm, NewPasswordForm } from "./forms";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPassword({ searchParams }: { searchParams: SearchParams }) {
  const { email, token } = await searchParams;
  if (typeof email === "string" && typeof token === "string") {
    return (
      <>
        <h1>Choose a new password</h1>
        <NewPasswordForm email={email} token={token} />
      </>
    );
  }
  return (
    <>
      <h1>Forgot your password?</h1>
      <RequestResetForm />
    </>
  );
}
