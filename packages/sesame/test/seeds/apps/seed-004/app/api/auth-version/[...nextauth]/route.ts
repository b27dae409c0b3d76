// (glue) the route the §5 config's `handlers` are mounted on (its basePath).
import { handlers } from "@/auth-version";
export const { GET, POST } = handlers;
