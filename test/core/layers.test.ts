import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The core's folders, bottom first. A folder may import only folders of a lower layer, so
 * the layers can never form a cycle and conversion rules sit below everything that uses them.
 * A new folder must be placed here before it can import anything.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['types', 'hash', 'version', 'regexLinear'],
  ['convert', 'regex'],
  ['schema', 'csv'],
  ['expr', 'validate'],
  ['mapping'],
  ['transform'],
  ['batch', 'suggest'],
  ['identity'],
];

const CORE = resolve(import.meta.dirname, '../../src/core');
const layerOf = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i] as const)));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });
}

/** The top folder of the core a file belongs to; a file directly in the core is its own. */
const folderOf = (core: string, file: string): string =>
  relative(core, file)
    .split('/')[0]!
    .replace(/\.tsx?$/, '');

interface Import {
  file: string;
  spec: string;
}

/** Every module specifier a file imports or re-exports, comments removed first. */
function importsOf(core: string, file: string): Import[] {
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const specs = [
    ...text.matchAll(/(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specs.map((spec) => ({ file: relative(core, file), spec }));
}

/** What a file's imports break: purity (no React, DOM or Node) and the layer order. */
function layerViolations(core: string, files: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    const from = folderOf(core, f);
    const mine = layerOf.get(from);
    if (mine === undefined) out.push(`${relative(core, f)}: folder "${from}" has no layer in LAYERS`);
    const text = readFileSync(f, 'utf8');
    // Comments and string literals (module paths such as './document') are not code.
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(/(['"])(?:\\.|(?!\1)[^\\\n])*\1/g, "''");
    if (/\b(window|document|localStorage|sessionStorage|navigator)\s*\./.test(code)) out.push(`${relative(core, f)} uses a DOM global`);
    for (const { file, spec } of importsOf(core, f)) {
      if (/^(node:|fs$|path$|child_process$|stream$|os$|crypto$|worker_threads$|url$|util$)/.test(spec)) out.push(`${file} imports the Node module ${spec}`);
      if (/^(react|react-dom|@xyflow\/react|zustand)(\/|$)/.test(spec)) out.push(`${file} imports ${spec}`);
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(f), spec);
      if (!target.startsWith(core)) {
        out.push(`${file} imports ${spec}, outside src/core`);
        continue;
      }
      const to = folderOf(core, target);
      if (to === from) continue;
      const theirs = layerOf.get(to);
      if (mine !== undefined && (theirs === undefined || theirs >= mine))
        out.push(`${file} (${from}, layer ${mine}) imports ${spec} (${to}, layer ${theirs ?? '?'})`);
    }
  }
  return out;
}

describe('src/core layers', () => {
  it('imports only lower layers, and nothing of React, the DOM or Node', () => {
    const files = sources(CORE);
    expect(files.length).toBeGreaterThan(40);
    expect(layerViolations(CORE, files)).toEqual([]);
  });

  it('keeps every file to one job: none over 400 lines', () => {
    const long = sources(CORE)
      .map((f) => ({ file: relative(CORE, f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((x) => x.lines > 400);
    expect(long).toEqual([]);
  });

  it('catches an import that goes up a layer, a Node or React import, a DOM global and an unplaced folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'layers-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('convert/a.ts', "import { x } from '../transform/b';\nexport const a = x;\n");
    write('transform/b.ts', "import { a } from '../convert/a';\nexport const x = a;\n");
    write('csv/c.ts', "import { readFileSync } from 'node:fs';\nexport const c = readFileSync;\n");
    write('expr/d.tsx', "import { useState } from 'react';\nexport const d = () => document.title + useState;\n");
    write('gadgets/e.ts', 'export const e = 1;\n');
    try {
      const found = layerViolations(root, sources(root)).join('\n');
      expect(found).toContain('convert/a.ts (convert, layer 1) imports ../transform/b');
      expect(found).not.toContain('transform/b.ts');
      expect(found).toContain('csv/c.ts imports the Node module node:fs');
      expect(found).toContain('expr/d.tsx imports react');
      expect(found).toContain('expr/d.tsx uses a DOM global');
      expect(found).toContain('folder "gadgets" has no layer');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
