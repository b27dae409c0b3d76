// §3 "添加自定义头": the Server Component that reads the headers the middleware added.
import { headers } from 'next/headers';

// (glue, not a specifier) the article calls `headers()` synchronously (Next.js 14); since Next.js 15 it returns
// a Promise, and Next.js 16, which builds this app, has no synchronous form left: the page awaits it.
export default async function Page() {
  const userId = (await headers()).get('x-user-id');
  const userRole = (await headers()).get('x-user-role');

  return <div>User ID: {userId}</div>;
}
