// (glue) the route the app's `handlers` are mounted on, as Auth.js documents it.
import { handlers } from "@/auth";
export const { GET, POST } = handlers;
