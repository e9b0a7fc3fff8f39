import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The layering of DESIGN.md § Second wave, checked on the source: the provider SDK is a leaf (it
 * imports only itself and the error catalog, which imports nothing), src/ has no run-time import
 * cycle between its directories, and a provider folder imports only the SDK.
 */
const ROOT = path.join(__dirname, '../..');
const SRC = path.join(ROOT, 'src');
const SDK = path.join(SRC, 'provider-sdk');
const ERRORS = path.join(SRC, 'errors');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

interface Import { from: string; spec: string; typeOnly: boolean }

// `import … from '…'`, `export … from '…'` and bare `import '…'`; the clause is a default name, braces, or a star.
const IMPORT = /^\s*(import|export)\s+(type\s+)?((?:[\w$]+\s*,\s*)?(?:\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?|[\w$]+))\s+from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;

/** A file's imports; `typeOnly` when the statement (or every name in its braces) is `type`, so it is erased at run time. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[4] ?? m[5];
    const clause = m[3] ?? '';
    const braces = /^\{([^}]*)\}$/.exec(clause.trim());
    const names = braces ? braces[1].split(',').map((s) => s.trim()).filter(Boolean) : [];
    const typeOnly = m[2] !== undefined || (names.length > 0 && names.every((n) => n.startsWith('type ')));
    out.push({ from: file, spec, typeOnly });
  }
  return out;
}

/** The file a relative import points at (without extension), or null for a package. */
const target = (imp: Import): string | null => (imp.spec.startsWith('.') ? path.resolve(path.dirname(imp.from), imp.spec) : null);
const rel = (p: string): string => path.relative(ROOT, p).split(path.sep).join('/');
const isUnder = (p: string, dir: string): boolean => p === dir || p.startsWith(`${dir}${path.sep}`);
/** Files the build leaves out (tsconfig.build.json): tests and their support code. */
const isTestOnly = (file: string): boolean => /\.test\.ts$|\.contract\.ts$|[/\\]fixtures[/\\]|test-support\.ts$|[/\\]store[/\\]contract[/\\]/.test(file);

describe('import boundaries', () => {
  it('reads imports the way TypeScript writes them', () => {
    const sample = path.join(SDK, 'define-provider.ts');
    const found = importsOf(sample).map((i) => `${i.typeOnly ? 'type ' : ''}${i.spec}`);
    expect(found).toContain('type ./manifest');
    expect(importsOf(path.join(SDK, 'index.ts')).some((i) => i.spec === './sandbox-kit' && !i.typeOnly)).toBe(true);
  });

  it('the provider SDK imports nothing from provider-http, connections, sandbox or any other part of src/ but the error catalog', () => {
    const offenders = tsFiles(SDK).flatMap(importsOf)
      .filter((i) => { const t = target(i); return t !== null && !isUnder(t, SDK) && !isUnder(t, ERRORS); })
      .map((i) => `${rel(i.from)} → ${i.spec}`);
    expect(offenders).toEqual([]);
  });

  it('the error catalog the SDK re-exports is itself a leaf', () => {
    const offenders = tsFiles(ERRORS).flatMap(importsOf)
      .filter((i) => { const t = target(i); return t !== null && !isUnder(t, ERRORS); })
      .map((i) => `${rel(i.from)} → ${i.spec}`);
    expect(offenders).toEqual([]);
  });

  it('no run-time import cycle between the directories of src/', () => {
    const dirOf = (file: string): string => path.relative(SRC, file).split(path.sep)[0].replace(/\.ts$/, '');
    const edges = new Map<string, Map<string, string>>();
    for (const imp of tsFiles(SRC).filter((f) => !isTestOnly(f)).flatMap(importsOf)) {
      const t = imp.typeOnly ? null : target(imp);
      if (t === null || !isUnder(t, SRC)) continue;
      const a = dirOf(imp.from);
      const b = dirOf(t);
      if (a === b) continue;
      if (!edges.has(a)) edges.set(a, new Map());
      // One example import per edge, to name in the failure.
      if (!edges.get(a)!.has(b)) edges.get(a)!.set(b, `${rel(imp.from)} → ${imp.spec}`);
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (n: string): void => {
      state.set(n, 'open');
      stack.push(n);
      for (const [m, why] of edges.get(n) ?? []) {
        if (state.get(m) === 'open') {
          const loop = [...stack.slice(stack.indexOf(m)), m];
          const steps = loop.slice(1).map((to, i) => edges.get(loop[i])!.get(to));
          cycles.push(`${loop.join(' → ')}\n    ${steps.join('\n    ')}`);
        } else if (!state.has(m)) visit(m);
      }
      stack.pop();
      state.set(n, 'done');
    };
    for (const n of edges.keys()) if (!state.has(n)) visit(n);
    expect(cycles).toEqual([]);
  });

  it('a provider folder imports only the SDK, its own files and packages (its tests may also use test/helpers)', () => {
    const providersDir = path.join(ROOT, 'providers');
    const offenders: string[] = [];
    for (const id of readdirSync(providersDir).filter((d) => statSync(path.join(providersDir, d)).isDirectory())) {
      const own = path.join(providersDir, id);
      for (const imp of tsFiles(own).flatMap(importsOf)) {
        const t = target(imp);
        if (t === null || isUnder(t, own) || t === SDK || t === path.join(SDK, 'index')) continue;
        if (isTestOnly(imp.from) && isUnder(t, path.join(ROOT, 'test', 'helpers'))) continue;
        offenders.push(`${rel(imp.from)} → ${imp.spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
