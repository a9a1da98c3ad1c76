// Shared helpers of the delivery tests: repository paths, file walking, HCL parsing, docs text.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseHcl } from '@cdktf/hcl2json';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const SKIP_DIRS = new Set(['.git', 'node_modules', 'bin', 'obj', '.terraform', 'TestResults', 'BenchmarkDotNet.Artifacts', 'artifacts']);

/** Files under `dir` (absolute) whose name passes `accept`, skipping build output and dependencies. */
export function walk(dir, accept) {
  const found = [];
  if (!existsSync(dir)) return found;
  const visit = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) visit(join(d, entry.name));
      } else if (entry.isFile() && accept(entry.name, join(d, entry.name))) {
        found.push(join(d, entry.name));
      }
    }
  };
  visit(dir);
  return found.sort();
}

export const rel = (p) => relative(repoRoot, p).split(sep).join('/');
export const read = (p) => readFileSync(p, 'utf8');
export const isDir = (p) => existsSync(p) && statSync(p).isDirectory();

/** Parses one .tf file to hcl2json's JSON shape; throws with the file name on a syntax error. */
export async function parseTf(file) {
  try {
    return await parseHcl(rel(file), read(file));
  } catch (err) {
    throw new Error(`${rel(file)}: HCL parse error: ${err?.message ?? err}`);
  }
}

/** Terraform module folders (folders directly holding .tf files) under terraform/, with their parsed files. */
export async function terraformModules() {
  const files = walk(join(repoRoot, 'terraform'), (n) => n.endsWith('.tf'));
  const byDir = new Map();
  for (const f of files) {
    const d = dirname(f);
    if (!byDir.has(d)) byDir.set(d, []);
    byDir.get(d).push({ file: f, json: await parseTf(f) });
  }
  return [...byDir.entries()].map(([dir, parsed]) => {
    const variables = {};
    const outputs = {};
    const modules = {};
    for (const { file, json } of parsed) {
      for (const [name, blocks] of Object.entries(json.variable ?? {})) variables[name] = { ...blocks[0], file };
      for (const [name, blocks] of Object.entries(json.output ?? {})) outputs[name] = { ...blocks[0], file };
      for (const [name, blocks] of Object.entries(json.module ?? {})) modules[name] = { ...blocks[0], file };
    }
    return { dir, parsed, variables, outputs, modules };
  });
}

/** Every Markdown file under docs/ (recursively), concatenated. Empty string when there is none. */
export function docsText() {
  return walk(join(repoRoot, 'docs'), (n) => n.endsWith('.md')).map(read).join('\n');
}

/** The project's own source files (not tests, not build output). */
export function sourceFiles(extensions) {
  const roots = ['collector', 'processors', 'sdk'].map((d) => join(repoRoot, d));
  return roots.flatMap((r) => walk(r, (n) => extensions.some((e) => n.endsWith(e))));
}

/** Strips C# line and block comments (keeps strings intact well enough for the extractors). */
export function stripCsComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:"])\/\/.*$/gm, '$1');
}
