export { unprotectedRoute as GET } from "../../../../shared/unprotected";

export const dynamic = "force-dynamic";
