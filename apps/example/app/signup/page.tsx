// `pages.signUp`: the app's own sign-up page (`GET /api/auth/signup` sends visitors here).
import SignUpForm from "./form";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUp({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl } = await searchParams;
  return (
    <>
      <h1>Create an account</h1>
      <SignUpForm callbackUrl={typeof callbackUrl === "string" && callbackUrl.startsWith("/") ? callbackUrl : "/security"} />
    </>
  );
}
