/**
 * The layer rule, the VS Code way: each layer lists what it MAY import (other layers by
 * name, packages by name, `node:*` for Node's built-ins); everything else is an error.
 * A list of what is allowed cannot be outgrown by a new package or folder the way a list
 * of forbidden ones is. Static imports, `export … from`, dynamic `import()` and `require()`
 * are all checked; a dynamic import whose path is not a literal is refused in a layer,
 * since nobody could tell what it reaches.
 *
 * Files outside every layer (tests, configuration) are not checked.
 */
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const BUILTINS = new Set(builtinModules);

/** The package an import names: `@scope/name` or `name` (Node's built-ins as `node:*`). */
function packageOf(spec) {
  if (spec.startsWith('node:') || BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0])) return 'node:*';
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function inFolder(path, folder) {
  return path === folder || path.startsWith(`${folder}/`);
}

/** The layer a repository path belongs to (the longest matching folder wins), or null. */
function layerOf(layers, path) {
  let best = null;
  for (const l of layers) for (const f of l.folders) if (inFolder(path, f) && (!best || f.length > best.folder.length)) best = { layer: l, folder: f };
  return best?.layer ?? null;
}

const describe = (layer) => [layer.name, ...layer.allow].join('、');

/** @type {import('eslint').Rule.RuleModule} */
export const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only what its entry in the layer list allows.' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, layers: { type: 'array' } },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      forbidden: '{{layer}} 层不得引用「{{spec}}」（{{what}}）：该层只允许引用 {{allowed}}。',
      typesOnly: '{{layer}} 层只能引用「{{spec}}」的类型（import type），不得引用其实现。',
      dynamic: '{{layer}} 层的动态 import() 须写明字面路径，才能检查它引用的层。',
    },
  },
  create(context) {
    const { root, layers } = context.options[0];
    const toRepo = (abs) => relative(root, abs).split(sep).join('/');
    const file = toRepo(context.filename);
    const layer = layerOf(layers, file);
    if (!layer) return {};

    /** `typeOnly`: the import brings in types only (erased from the build). */
    function check(node, spec, typeOnly) {
      let what;
      let name;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = toRepo(resolve(dirname(context.filename), spec));
        const to = layerOf(layers, target);
        name = to ? to.name : target;
        what = to ? `${to.name} 层` : '不属于任何层的文件';
      } else {
        name = packageOf(spec);
        what = name === 'node:*' ? 'Node 内置模块' : '依赖包';
      }
      if (name === layer.name || layer.allow.includes(name)) return;
      if ((layer.types ?? []).includes(name)) {
        if (typeOnly) return;
        context.report({ node, messageId: 'typesOnly', data: { layer: layer.name, spec } });
        return;
      }
      context.report({ node, messageId: 'forbidden', data: { layer: layer.name, spec, what, allowed: describe(layer) } });
    }

    const literal = (n) => (n?.type === 'Literal' && typeof n.value === 'string' ? n.value : n?.type === 'TemplateLiteral' && n.expressions.length === 0 ? n.quasis[0].value.cooked : null);
    const allTypes = (n) => n.importKind === 'type' || n.exportKind === 'type' || (n.specifiers?.length > 0 && n.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

    return {
      ImportDeclaration: (n) => check(n.source, n.source.value, allTypes(n)),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value, allTypes(n)),
      ExportAllDeclaration: (n) => check(n.source, n.source.value, n.exportKind === 'type'),
      ImportExpression(n) {
        const spec = literal(n.source);
        if (spec === null) context.report({ node: n, messageId: 'dynamic', data: { layer: layer.name } });
        else check(n.source, spec, false);
      },
      // `import('x')` inside a type position (`typeof import('x')`) is a type only.
      TSImportType(n) {
        const spec = literal(n.argument?.literal ?? n.argument);
        if (spec !== null) check(n, spec, true);
      },
      CallExpression(n) {
        if (n.callee.type !== 'Identifier' || n.callee.name !== 'require') return;
        const spec = literal(n.arguments[0]);
        if (spec !== null) check(n.arguments[0], spec, false);
      },
    };
  },
};

export default { rules: { 'layer-imports': layerImports } };
