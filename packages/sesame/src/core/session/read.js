import { readDatabaseSession } from "./database-session.js";
import { readJwtSession } from "./jwt-session.js";
export function readSession(context, options = {}) {
    return context.config.session.strategy === "database" ? readDatabaseSession(context, options) : readJwtSession(context, options);
}
