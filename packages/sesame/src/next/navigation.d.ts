// `next/navigation` without an extension is how bundlers must see it (see nextRedirect in index.ts); Next.js
// ships its types only as `next/navigation.js` for NodeNext resolution, so this names them.
declare module "next/navigation" {
  export { redirect } from "next/navigation.js";
}
