// Extracts what the code defines and the docs must name: stored tables (and their columns), HTTP endpoints, metrics.
import { sourceFiles, read, rel, stripCsComments } from './lib.mjs';

const CONSTRAINT_WORDS = new Set(['primary', 'unique', 'constraint', 'foreign', 'check', 'exclude', 'key', 'index', 'like']);

/** The text between the parenthesis at `open` and its match. */
function parenBody(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return '';
}

function splitTopLevel(body) {
  const parts = [];
  let depth = 0;
  let cur = '';
  for (const ch of body) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts;
}

/** Tables created by SQL text (CREATE TABLE, ALTER TABLE ... ADD COLUMN), temporary tables excepted. */
export function tablesIn(text, file = '(text)', into = new Map()) {
  const create = /CREATE\s+(UNLOGGED\s+|TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:[\w"]+\.)?["`[]?([A-Za-z_][A-Za-z0-9_]*)["`\]]?\s*\(/gi;
  const addColumn = /ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?["`[]?([A-Za-z_][A-Za-z0-9_]*)["`\]]?\s+ADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?["`[]?([A-Za-z_][A-Za-z0-9_]*)/gi;
  const temporary = new Set();
  for (const m of text.matchAll(create)) {
    const name = m[2];
    if (/^temp/i.test(m[1] ?? '')) {
      temporary.add(name);
      continue;
    }
    const body = parenBody(text, m.index + m[0].length - 1);
    const columns = splitTopLevel(body)
      .map((p) => /^\s*["`[]?([A-Za-z_][A-Za-z0-9_]*)/.exec(p)?.[1])
      .filter((c) => c && !CONSTRAINT_WORDS.has(c.toLowerCase()));
    const entry = into.get(name) ?? { table: name, columns: new Set(), file };
    columns.forEach((c) => entry.columns.add(c));
    into.set(name, entry);
  }
  for (const m of text.matchAll(addColumn)) {
    if (temporary.has(m[1]) || CONSTRAINT_WORDS.has(m[2].toLowerCase()) || m[2].toLowerCase() === 'constraint') continue;
    const entry = into.get(m[1]) ?? { table: m[1], columns: new Set(), file };
    entry.columns.add(m[2]);
    into.set(m[1], entry);
  }
  return into;
}

/** Tables created by SQL in .sql files or C# strings of the project: [{ table, columns: [...], file }]. */
export function tables() {
  const into = new Map();
  for (const file of sourceFiles(['.sql', '.cs'])) {
    const text = file.endsWith('.cs') ? stripCsComments(read(file)) : read(file).replace(/--.*$/gm, '');
    tablesIn(text, rel(file), into);
  }
  return [...into.values()].map((e) => ({ ...e, columns: [...e.columns] }));
}

/** Routes mapped with MapGet/MapPost/MapPut/MapDelete/MapPatch/MapMethods("...") in C#. */
export function endpoints() {
  const found = new Map();
  const constants = stringConstants();
  const map = /\.Map(Get|Post|Put|Delete|Patch|Methods)\s*\(\s*(?:@?"([^"]*)"|([A-Za-z_][A-Za-z0-9_.]*)\s*,)/g;
  for (const file of sourceFiles(['.cs'])) {
    const text = stripCsComments(read(file));
    for (const m of text.matchAll(map)) {
      const raw = m[2] ?? constants.get(m[3].split('.').at(-1));
      if (raw === undefined || !raw.startsWith('/')) continue;
      const route = normalizeRoute(raw);
      if (route === '' || route === '/') continue;
      if (!found.has(route)) found.set(route, { route, method: m[1].toUpperCase(), file: rel(file) });
    }
  }
  return [...found.values()];
}

/** Every `const string Name = "value"` in the code, by name. */
export function stringConstants() {
  const constants = new Map();
  for (const file of sourceFiles(['.cs'])) {
    for (const m of stripCsComments(read(file)).matchAll(/const\s+string\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"([^"]*)"/g)) constants.set(m[1], m[2]);
  }
  return constants;
}

/** {id:guid} -> {id}, {*rest} / {**rest} -> {rest}, no trailing slash. */
export function normalizeRoute(route) {
  return route.replace(/\{\*{0,2}([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\??\}/g, '{$1}').replace(/\/$/, '');
}

/** Group prefixes from MapGroup("...") calls, to recognise a documented full path. */
export function groupPrefixes() {
  const prefixes = new Set();
  for (const file of sourceFiles(['.cs'])) {
    for (const m of stripCsComments(read(file)).matchAll(/\.MapGroup\s*\(\s*@?"([^"]*)"/g)) prefixes.add(normalizeRoute(m[1]));
  }
  return [...prefixes];
}

/** Instrument names (resolved through string constants) and hand-written Prometheus names (llmops_*). */
export function metrics() {
  const constants = stringConstants();
  const texts = sourceFiles(['.cs']).map((f) => ({ file: f, text: stripCsComments(read(f)) }));
  const found = new Map();
  const create = /\.Create(?:Counter|Histogram|UpDownCounter|Gauge|ObservableGauge|ObservableCounter|ObservableUpDownCounter)\s*(?:<[^>]*>)?\s*\(\s*(?:name\s*:\s*)?([^,)]+)/g;
  for (const { file, text } of texts) {
    for (const m of text.matchAll(create)) {
      const arg = m[1].trim();
      let name = null;
      const literal = /^@?"([^"]*)"$/.exec(arg);
      if (literal) name = literal[1];
      else {
        const id = arg.split('.').at(-1);
        if (constants.has(id)) name = constants.get(id);
      }
      if (name && !found.has(name)) found.set(name, { name, file: rel(file) });
    }
    // Prometheus names written by hand, kept as string constants (e.g. const string SpansTotal = "llmops_spans_total").
    for (const m of text.matchAll(/const\s+string\s+[A-Za-z_][A-Za-z0-9_]*\s*=\s*"(llmops_[a-z0-9_]*[a-z0-9])"/g)) {
      if (!found.has(m[1])) found.set(m[1], { name: m[1], file: rel(file) });
    }
  }
  return [...found.values()];
}

/** The Prometheus form of an OpenTelemetry instrument name (units and _total suffixes may follow). */
export const prometheusName = (name) => name.replace(/[^A-Za-z0-9_:]/g, '_');
