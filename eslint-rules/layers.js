// Enforces the dependency rule of docs/architecture.md: each layer may import only the layers
// listed for it. Resolves relative imports to the file system path, so `../../app/x.ts` is caught
// wherever it is written.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** layer → layers it may import (itself included where listed). */
const allowed = {
  domain: ['domain'],
  app: ['domain', 'app'],
  contracts: ['contracts', 'domain'],
  store: ['store', 'app', 'domain'],
  bus: ['bus', 'app', 'domain'],
  voice: ['voice', 'app', 'domain'],
  channels: ['channels', 'app', 'domain'],
  connectors: ['connectors', 'app', 'domain'],
  api: ['api', 'app', 'domain', 'contracts'],
  cli: ['*'],
  main: ['*'],
  web: ['web', 'contracts'],
};

/** Packages (and node builtins) a layer must not import at all. */
const forbiddenPackages = {
  domain: (spec) => !spec.startsWith('.'),
  contracts: (spec) =>
    !spec.startsWith('.') && spec !== 'zod' && !spec.startsWith('@hono/zod-openapi'),
};

function layerOf(file) {
  const rel = path.relative(root, file).split(path.sep);
  if (rel[0] === 'web') return 'web';
  if (rel[0] !== 'src') return null;
  if (rel.length === 2 && rel[1].startsWith('main.')) return 'main';
  return rel[1] in allowed ? rel[1] : null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the layer dependency rule' },
    schema: [],
  },
  create(context) {
    const from = layerOf(context.filename);
    if (!from) return {};
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (!spec.startsWith('.')) {
        const bad = forbiddenPackages[from];
        if (bad && bad(spec))
          context.report({ node, message: `layer '${from}' must not import package '${spec}'` });
        return;
      }
      const target = layerOf(path.resolve(path.dirname(context.filename), spec));
      if (!target) return;
      const ok = allowed[from];
      if (!ok.includes('*') && !ok.includes(target))
        context.report({ node, message: `layer '${from}' must not import layer '${target}'` });
    }
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};
