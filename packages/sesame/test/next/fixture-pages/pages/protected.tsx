// Behind the middleware: the session read three ways on the server, as NextAuth v4 apps do.
import type { GetServerSideProps } from "next";
import { getServerSession, unstable_getServerSession } from "sesame-auth/next";
import { getSession } from "sesame-auth/react";
import { authOptions } from "../auth-options";

export const getServerSideProps: GetServerSideProps = async (ctx) => {
  const server = await getServerSession(ctx.req, ctx.res, authOptions);
  const unstable = await unstable_getServerSession(ctx.req, ctx.res, authOptions);
  const client = await getSession(ctx);
  return { props: { reads: JSON.stringify({ server, unstable, client }) } };
};

export default function Protected({ reads }: { reads: string }) {
  return <pre id="reads">{reads}</pre>;
}
