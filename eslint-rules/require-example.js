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
 *   checked (when that file is linted) and the re-export is not. Otherwise (core internals) the rule
 *   follows the re-export to the declaration — reading and parsing the source file, through further
 *   re-exports — and checks the comment there, because that is the comment an editor shows on hover,
 *   not one on the export statement. A name it cannot follow (a missing file, a package) is reported.
 * - A JSDoc comment with `@internal` exempts an export that a sibling module imports but no entry point
 *   re-exports (e.g. the React client's session cache).
 *
 * Options: `{ publicFiles?: string /* RegExp source, tested on the resolved path with "/" separators *\/,
 *            exampleTypes?: string[] }`.
 */
import fs from "node:fs";
import path from "node:path";

/** @typedef {import("eslint").Rule.RuleModule} RuleModule */
/** @typedef {import("eslint").Rule.RuleContext} RuleContext */
/** @typedef {import("estree").Node & { parent?: any }} AnyNode */

/** Source files parsed to follow re-exports, by path: each is read once per lint run, however many entries re-export it. */
const parsedFiles = new Map();

/** The AST (with comments) of `file`, parsed with the parser that lints the entry, or `undefined` if it can't be read. */
function parseFile(/** @type {any} */ parser, /** @type {string} */ file) {
  if (parsedFiles.has(file)) return parsedFiles.get(file);
  let ast;
  try {
    const text = fs.readFileSync(file, "utf8");
    const options = { comment: true, loc: true, range: true, ecmaVersion: "latest", sourceType: "module", filePath: file };
    ast = parser.parseForESLint ? parser.parseForESLint(text, options).ast : parser.parse(text, options);
  } catch {
    ast = undefined;
  }
  parsedFiles.set(file, ast);
  return ast;
}

/** The file a relative module specifier names: sources import `./x.js` for `./x.ts`. */
function resolveModule(/** @type {string} */ fromFile, /** @type {string} */ source) {
  if (!source.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(fromFile), source);
  const candidates = [base.replace(/\.js$/, ".ts"), base.replace(/\.js$/, ".tsx"), base, path.join(base, "index.ts")];
  return candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
}

/** The names a declaration statement declares. */
function declaredNames(/** @type {any} */ declaration) {
  if (declaration.type === "VariableDeclaration") return declaration.declarations.map((/** @type {any} */ d) => d.id.name);
  return declaration.id?.name ? [declaration.id.name] : [];
}

const TYPE_DECLARATIONS = new Set(["TSInterfaceDeclaration", "TSTypeAliasDeclaration", "TSEnumDeclaration", "TSModuleDeclaration"]);

/**
 * Follows exported `name` of `file` to the statement that declares it: `{ file, ast, node, isType }`, where
 * `node` is the statement a JSDoc comment precedes (the first overload for functions), or `undefined`.
 */
function findDeclaration(/** @type {any} */ parser, /** @type {string | undefined} */ file, /** @type {string} */ name, seen = new Set()) {
  if (!file || seen.has(`${file}#${name}`)) return undefined;
  seen.add(`${file}#${name}`);
  const ast = parseFile(parser, file);
  if (!ast) return undefined;
  /** A statement of this file that declares or imports `local`, followed to its declaration. */
  const local = (/** @type {string} */ localName) => {
    for (const statement of ast.body) {
      const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
      if (declaration && declaredNames(declaration).includes(localName)) {
        return { file, ast, node: statement, isType: TYPE_DECLARATIONS.has(declaration.type) };
      }
      if (statement.type === "ImportDeclaration") {
        const specifier = statement.specifiers.find((/** @type {any} */ s) => s.local.name === localName);
        if (specifier) {
          const imported = specifier.type === "ImportSpecifier" ? (specifier.imported.name ?? specifier.imported.value) : "default";
          return findDeclaration(parser, resolveModule(file, statement.source.value), imported, seen);
        }
      }
    }
    return undefined;
  };
  for (const statement of ast.body) {
    if (statement.type === "ExportNamedDeclaration") {
      if (statement.declaration && declaredNames(statement.declaration).includes(name)) {
        return { file, ast, node: statement, isType: TYPE_DECLARATIONS.has(statement.declaration.type) };
      }
      for (const specifier of statement.specifiers ?? []) {
        if ((specifier.exported.name ?? specifier.exported.value) !== name) continue;
        const localName = specifier.local.name ?? specifier.local.value;
        return statement.source ? findDeclaration(parser, resolveModule(file, statement.source.value), localName, seen) : local(localName);
      }
    } else if (statement.type === "ExportDefaultDeclaration" && name === "default") {
      const declaration = statement.declaration;
      return declaration.type === "Identifier" ? local(declaration.name) : { file, ast, node: statement, isType: false };
    }
  }
  for (const statement of ast.body) {
    if (statement.type === "ExportAllDeclaration" && !statement.exported) {
      const found = findDeclaration(parser, resolveModule(file, statement.source.value), name, seen);
      if (found) return found;
    }
  }
  return undefined;
}

/** Every name `file` exports (for `export * from` of a core file). */
function exportedNames(/** @type {any} */ parser, /** @type {string | undefined} */ file, seen = new Set()) {
  const ast = file && !seen.has(file) ? parseFile(parser, file) : undefined;
  if (!file || !ast) return [];
  seen.add(file);
  /** @type {string[]} */
  const names = [];
  for (const statement of ast.body) {
    if (statement.type === "ExportNamedDeclaration") {
      if (statement.declaration) names.push(...declaredNames(statement.declaration));
      for (const specifier of statement.specifiers ?? []) names.push(specifier.exported.name ?? specifier.exported.value);
    } else if (statement.type === "ExportAllDeclaration" && !statement.exported) {
      names.push(...exportedNames(parser, resolveModule(file, statement.source.value), seen).filter((n) => n !== "default"));
    }
  }
  return [...new Set(names)];
}

/** The JSDoc comment directly before `node` in a parsed file (only whitespace between them), if any. */
function leadingJsdoc(/** @type {any} */ ast, /** @type {any} */ node) {
  let last;
  for (const comment of ast.comments ?? []) {
    if (comment.range[1] <= node.range[0]) last = comment;
    else break;
  }
  return last && last.type === "Block" && last.value.startsWith("*") && last.loc.end.line >= node.loc.start.line - 1 ? last.value : undefined;
}

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
      missingDocAt: "Public export '{{name}}' needs a JSDoc comment at its declaration in {{file}}.",
      missingExampleAt: "Public export '{{name}}' needs a JSDoc comment with an @example at its declaration in {{file}}.",
      unresolved: "Public export '{{name}}' re-exports from {{source}}, which the rule cannot follow to a declaration.",
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

    const parser = context.languageOptions?.parser;

    /**
     * Checks the declaration that re-exported `name` (named `exported` here) resolves to in core, reporting at
     * the re-export `node`. `typeOnly`: the re-export itself is `export type`.
     */
    function checkFollowed(/** @type {any} */ node, /** @type {string} */ exported, /** @type {string} */ source, /** @type {string} */ name, /** @type {boolean} */ typeOnly) {
      const found = findDeclaration(parser, resolveModule(context.filename, source), name);
      if (!found) {
        context.report({ node, messageId: "unresolved", data: { name: exported, source } });
        return;
      }
      const doc = leadingJsdoc(found.ast, found.node);
      if (doc?.includes("@internal")) return;
      const example = !(typeOnly || found.isType) || exampleTypes.has(exported) || exampleTypes.has(name);
      const file = path.relative(path.dirname(context.filename), found.file).split(path.sep).join("/");
      if (!doc) context.report({ node, messageId: example ? "missingExampleAt" : "missingDocAt", data: { name: exported, file } });
      else if (example && !doc.includes("@example")) context.report({ node, messageId: "missingExampleAt", data: { name: exported, file } });
    }

    /** `export { … }`: names from public files are checked there, names from core are followed to their declarations. */
    function checkSpecifiers(/** @type {any} */ node) {
      for (const specifier of node.specifiers) {
        const exported = specifier.exported.name ?? specifier.exported.value;
        const localName = specifier.local.name ?? specifier.local.value;
        const isType = node.exportKind === "type" || specifier.exportKind === "type";
        if (node.source) {
          if (!isPublic(node.source.value)) checkFollowed(node, exported, node.source.value, localName, isType);
          continue;
        }
        const def = resolveLocal(node, localName);
        if (!def) continue;
        if (def.type === "ImportBinding") {
          const source = def.parent.source.value;
          const imported = def.node.type === "ImportSpecifier" ? (def.node.imported.name ?? def.node.imported.value) : "default";
          if (!isPublic(source)) checkFollowed(node, exported, source, imported, isType || def.parent.importKind === "type");
        } else {
          // Declared here: checked at the declaration, unless that declaration is not itself exported.
          const declarationNode = def.node.type === "VariableDeclarator" ? def.node.parent : def.node;
          if (!declarationNode.parent?.type.startsWith("Export")) checkDeclarationLike(def.node, exported);
        }
      }
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
        const source = node.source.value;
        if (isPublic(source)) return;
        if (node.exported) {
          // A namespace object: documented on the statement, as an editor shows it for the namespace name.
          check(node, `* as ${node.exported.name ?? node.exported.value}`, node.exportKind !== "type");
          return;
        }
        const names = exportedNames(parser, resolveModule(context.filename, source)).filter((name) => name !== "default");
        if (names.length === 0) context.report({ node, messageId: "unresolved", data: { name: "*", source } });
        for (const name of names) checkFollowed(node, name, source, name, node.exportKind === "type");
      },
      ExportDefaultDeclaration(/** @type {any} */ node) {
        const declaration = node.declaration;
        if (declaration.type === "Identifier") {
          const def = resolveLocal(node, declaration.name);
          if (!def) return;
          if (def.type === "ImportBinding") {
            const source = def.parent.source.value;
            const imported = def.node.type === "ImportSpecifier" ? (def.node.imported.name ?? def.node.imported.value) : "default";
            if (!isPublic(source)) checkFollowed(node, "default", source, imported, false);
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
