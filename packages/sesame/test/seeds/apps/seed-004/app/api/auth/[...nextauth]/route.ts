// (glue) the route the article's `handlers` are mounted on, as Auth.js documents it.
import { handlers } from "@/auth";
export const { GET, POST } = handlers;
