// (glue) the route the §4/§5 config's `handlers` are mounted on (its basePath).
import { handlers } from "@/auth-details";
export const { GET, POST } = handlers;
