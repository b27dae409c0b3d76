export { queriesRoute as GET } from "../../../../../shared/query-count";
