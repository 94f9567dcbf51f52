/**
 * The dependency rules of the source tree, read from the import lines themselves (type-only imports,
 * re-exports and dynamic imports included): the pure core never reaches into an adapter, and no two
 * source files import each other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

/** The pure core: conversation, records, rules, composer, library. */
const CORE = ['dialog', 'domain', 'rules', 'library', 'compose'];
/** The adapters at the edge (and the composition root that wires them). */
const ADAPTERS = ['store', 'channels', 'render', 'llm', 'cli', 'import', 'app.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Comments removed, so that an import named in a comment does not count (string contents are kept). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Every module specifier of a file: `import … from`, `import type … from`, `export … from`, `import '…'`, `import('…')`. */
export function specifiers(text: string): string[] {
  const code = withoutComments(text);
  const found: string[] = [];
  const patterns = [
    /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /(?:^|[\s;])import\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[1]!);
  return found;
}

/** Repository-relative path (`src/dialog/engine.ts`) of every relative import of `file`. */
function localImports(file: string): string[] {
  return specifiers(readFileSync(file, 'utf8'))
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(ROOT, resolve(dirname(file), s)).split('\\').join('/'));
}

/** `dialog`, `store`, … or `app.ts` for a path under src/. */
function area(path: string): string {
  return path.replace(/^src\//, '').split('/')[0]!;
}

const files = sourceFiles(SRC).map((f) => relative(ROOT, f).split('\\').join('/'));
const graph = new Map(files.map((f) => [f, localImports(join(ROOT, f))]));

describe('architecture', () => {
  it('reads the import lines it checks', () => {
    const sample = [
      "import type { A } from '../store/types.ts';",
      "import {\n  b,\n  c,\n} from './b.ts';",
      "export { d } from './d.ts';",
      "export * from './e.ts';",
      "import './f.ts';",
      "const g = await import('./g.ts');",
      "// import { h } from './h.ts';",
      "/* import { i } from './i.ts'; */",
    ].join('\n');
    expect(specifiers(sample)).toEqual(['../store/types.ts', './b.ts', './d.ts', './e.ts', './f.ts', './g.ts']);
    // The real tree: the engine imports its own folder's files, so the graph is not empty.
    expect(graph.get('src/dialog/engine.ts')?.some((p) => p.startsWith('src/dialog/'))).toBe(true);
    expect(files.length).toBeGreaterThan(50);
  });

  it('every relative import names a file that exists', () => {
    const known = new Set(files);
    const missing = [...graph].flatMap(([f, deps]) => deps.filter((d) => d.startsWith('src/') && !known.has(d)).map((d) => `${f} → ${d}`));
    expect(missing).toEqual([]);
  });

  it('the core (dialog, domain, rules, library, compose) imports no adapter, type-only imports included', () => {
    const outward = [...graph].flatMap(([f, deps]) =>
      CORE.includes(area(f)) ? deps.filter((d) => ADAPTERS.includes(area(d))).map((d) => `${f} → ${d}`) : [],
    );
    expect(outward).toEqual([]);
  });

  it('the shared helpers (src/util) import nothing outside src/util', () => {
    const out = [...graph].flatMap(([f, deps]) => (area(f) === 'util' ? deps.filter((d) => area(d) !== 'util').map((d) => `${f} → ${d}`) : []));
    expect(out).toEqual([]);
  });

  it('no two source files import each other', () => {
    const mutual: string[] = [];
    for (const [f, deps] of graph) {
      for (const d of new Set(deps)) if (f < d && graph.get(d)?.includes(f)) mutual.push(`${f} ⇄ ${d}`);
    }
    expect(mutual).toEqual([]);
  });
});
