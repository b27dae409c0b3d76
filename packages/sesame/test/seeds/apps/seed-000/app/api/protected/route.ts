// §3: "在 /api/protected/route.ts 里你只需要写 getServerSession(authOptions)".
import { getServerSession } from "next-auth";
import { authOptions } from "../auth/[...nextauth]/route";
import { NextResponse } from "next/server";

export async function GET() {
  const session = await getServerSession(authOptions);
  // (glue) what the article does with it is left open: answer it.
  return NextResponse.json({ session });
}
