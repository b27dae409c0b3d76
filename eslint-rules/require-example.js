// @ts-check
/**
 * `local/require-example`: every public export carries documentation an editor shows on hover.
 *
 * Policy (the rule runs only on the package's public entry files: see eslint.config.js):
 * - `export function`, `export async function`, `export class`, `export const|let`, and `export default`
 *   of a function, class, call or local name: the nearest leading JSDoc comment (`/** … *\/`) must contain
 *   `@example`. Overloads are documented once, on the first signature.
 * - `export interface` / `export type` / `export enum`: a JSDoc comment must exist; for the names in the
 *   `exampleTypes` option (the main option interfaces, e.g. `SesameConfig`), it must contain `@example`.
 * - `export { x }` of a name declared in the same file: checked at that declaration.
 * - Re-exports (`export { x } from "./y.js"`, `export * from`, and `export { x }` of an imported name):
 *   when the source resolves to a file matching the `publicFiles` pattern, the declaration there is
 *   checked (when that file is linted) and the re-export is not. Otherwise (core internals) the export
 *   statement itself needs a JSDoc comment, with `@example` unless it re-exports types only: one comment
 *   per statement documents all the names it lists. (Editors show the declaration's comment on hover, not
 *   the re-export's: the statement's comment is the reference a reader of the entry file sees; document
 *   the declaration in core as well, which this rule does not check, since core is not a public folder.)
 * - A JSDoc comment with `@internal` exempts an export that a sibling module imports but no entry point
 *   re-exports (e.g. the React client's session cache).
 *
 * Options: `{ publicFiles?: string /* RegExp source, tested on the resolved path with "/" separators *\/,
 *            exampleTypes?: string[] }`.
 */
import path from "node:path";

/** @typedef {import("eslint").Rule.RuleModule} RuleModule */
/** @typedef {import("eslint").Rule.RuleContext} RuleContext */
/** @typedef {import("estree").Node & { parent?: any }} AnyNode */

/** @type {RuleModule} */
const requireExample = {
  meta: {
    type: "suggestion",
    docs: { description: "Require a JSDoc comment (with @example for values and main option types) on public exports" },
    schema: [
      {
        type: "object",
        properties: { publicFiles: { type: "string" }, exampleTypes: { type: "array", items: { type: "string" } } },
        additionalProperties: false,
      },
    ],
    messages: {
      missingDoc: "Public export '{{name}}' needs a JSDoc comment.",
      missingExample: "Public export '{{name}}' needs a JSDoc comment with an @example.",
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const publicFiles = options.publicFiles ? new RegExp(options.publicFiles) : undefined;
    const exampleTypes = new Set(options.exampleTypes ?? []);
    const sourceCode = context.sourceCode;

    /** The JSDoc comment right before `node` (or before its `export` statement), if any. */
    function jsdocOf(/** @type {any} */ node) {
      let target = node;
      if (target.type === "VariableDeclarator") target = target.parent;
      if (target.parent && (target.parent.type === "ExportNamedDeclaration" || target.parent.type === "ExportDefaultDeclaration")) target = target.parent;
      const comments = sourceCode.getCommentsBefore(target);
      const last = comments[comments.length - 1];
      return last && last.type === "Block" && last.value.startsWith("*") ? last.value : undefined;
    }

    /** Reports `node` unless its JSDoc exists (and has `@example` when `example`). */
    function check(/** @type {any} */ node, /** @type {string} */ name, /** @type {boolean} */ example, /** @type {any} */ reportAt = node) {
      const doc = jsdocOf(node);
      if (doc?.includes("@internal")) return;
      if (!doc) context.report({ node: reportAt, messageId: example ? "missingExample" : "missingDoc", data: { name } });
      else if (example && !doc.includes("@example")) context.report({ node: reportAt, messageId: "missingExample", data: { name } });
    }

    /** Whether a module specifier points at a file this rule checks itself. */
    function isPublic(/** @type {string} */ source) {
      if (!publicFiles || !source.startsWith(".")) return false;
      const resolved = path.resolve(path.dirname(context.filename), source.replace(/\.js$/, ".ts")).split(path.sep).join("/");
      return publicFiles.test(resolved);
    }

    /** An overload after the first signature of the same function. */
    function isLaterOverload(/** @type {any} */ exportNode, /** @type {string} */ name) {
      const body = exportNode.parent.body;
      const previous = body[body.indexOf(exportNode) - 1];
      const declaration = previous?.type === "ExportNamedDeclaration" ? previous.declaration : undefined;
      return (declaration?.type === "TSDeclareFunction" || declaration?.type === "FunctionDeclaration") && declaration.id?.name === name;
    }

    function checkDeclaration(/** @type {any} */ declaration) {
      switch (declaration.type) {
        case "FunctionDeclaration":
        case "TSDeclareFunction": {
          const name = declaration.id?.name ?? "default";
          if (declaration.parent.type === "ExportNamedDeclaration" && isLaterOverload(declaration.parent, name)) return;
          return check(declaration, name, true);
        }
        case "ClassDeclaration":
          return check(declaration, declaration.id?.name ?? "default", true);
        case "VariableDeclaration":
          for (const declarator of declaration.declarations) check(declarator, declarator.id.name ?? "(pattern)", true);
          return;
        case "TSInterfaceDeclaration":
        case "TSTypeAliasDeclaration":
        case "TSEnumDeclaration":
        case "TSModuleDeclaration": {
          const name = declaration.id?.name ?? "(anonymous)";
          return check(declaration, name, exampleTypes.has(name));
        }
      }
    }

    /** `export { x }` / `export default x` of a local name: the import it comes from, or its declaration. */
    function resolveLocal(/** @type {any} */ node, /** @type {string} */ name) {
      const variable = sourceCode.getScope(node).set.get(name) ?? sourceCode.getScope(node).upper?.set.get(name);
      return variable?.defs[0];
    }

    function checkStatementDoc(/** @type {any} */ node, /** @type {string} */ names, /** @type {boolean} */ typesOnly) {
      const doc = jsdocOf(node);
      if (doc?.includes("@internal")) return;
      const needsExample = !typesOnly || names.split(", ").some((name) => exampleTypes.has(name));
      if (!doc) context.report({ node, messageId: needsExample ? "missingExample" : "missingDoc", data: { name: names } });
      else if (needsExample && !doc.includes("@example")) context.report({ node, messageId: "missingExample", data: { name: names } });
    }

    /** The exported names of `export { … }` that are defined outside the public files, and whether all are types. */
    function checkSpecifiers(/** @type {any} */ node) {
      /** @type {string[]} */
      const outside = [];
      let typesOnly = true;
      for (const specifier of node.specifiers) {
        const exported = specifier.exported.name ?? specifier.exported.value;
        const isType = node.exportKind === "type" || specifier.exportKind === "type";
        if (node.source) {
          if (isPublic(node.source.value)) continue;
        } else {
          const def = resolveLocal(node, specifier.local.name);
          if (!def) continue;
          if (def.type === "ImportBinding") {
            if (isPublic(def.parent.source.value)) continue;
          } else {
            // Declared here: checked at the declaration, unless that declaration is not itself exported.
            const declarationNode = def.node.type === "VariableDeclarator" ? def.node.parent : def.node;
            if (!declarationNode.parent?.type.startsWith("Export")) checkDeclarationLike(def.node, exported);
            continue;
          }
        }
        outside.push(exported);
        if (!isType) typesOnly = false;
      }
      if (outside.length > 0) checkStatementDoc(node, outside.join(", "), typesOnly);
    }

    function checkDeclarationLike(/** @type {any} */ node, /** @type {string} */ name) {
      const isType = node.type === "TSInterfaceDeclaration" || node.type === "TSTypeAliasDeclaration";
      check(node, name, !isType || exampleTypes.has(name));
    }

    return {
      ExportNamedDeclaration(/** @type {any} */ node) {
        if (node.declaration) checkDeclaration(node.declaration);
        else checkSpecifiers(node);
      },
      ExportAllDeclaration(/** @type {any} */ node) {
        if (isPublic(node.source.value)) return;
        const name = node.exported ? `* as ${node.exported.name}` : `* from "${node.source.value}"`;
        checkStatementDoc(node, name, node.exportKind === "type");
      },
      ExportDefaultDeclaration(/** @type {any} */ node) {
        const declaration = node.declaration;
        if (declaration.type === "Identifier") {
          const def = resolveLocal(node, declaration.name);
          if (!def) return;
          if (def.type === "ImportBinding") {
            if (!isPublic(def.parent.source.value)) check(node, "default", true);
            return;
          }
          const declarationNode = def.node.type === "VariableDeclarator" ? def.node.parent : def.node;
          // An exported declaration was checked where it stands.
          if (!declarationNode.parent?.type.startsWith("Export")) checkDeclarationLike(def.node, "default");
          return;
        }
        if (declaration.type === "FunctionDeclaration" || declaration.type === "ClassDeclaration" || declaration.type === "TSDeclareFunction") {
          return check(declaration, declaration.id?.name ?? "default", true);
        }
        if (declaration.type.startsWith("TS")) return check(node, "default", false);
        // A call, an arrow function, an object: documented on the statement.
        check(node, "default", true);
      },
    };
  },
};

/** The plugin, registered as `local` in eslint.config.js. */
const plugin = { meta: { name: "eslint-plugin-local" }, rules: { "require-example": requireExample } };

export default plugin;
