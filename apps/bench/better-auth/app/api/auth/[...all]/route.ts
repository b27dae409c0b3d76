import { getAuth } from "../../../../auth";

export const GET = (request: Request) => getAuth().handler(request);
export const POST = GET;
