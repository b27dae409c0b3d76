export { UnprotectedPage as default } from "../../../shared/unprotected";

export const dynamic = "force-dynamic";
