// Docs name everything the code defines: every stored table and column, every HTTP endpoint, every metric. Each
// check skips (saying why) only while the code defines nothing of that kind yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { repoRoot, docsText, read } from './lib.mjs';
import { tables, tablesIn, endpoints, metrics, prometheusName, groupPrefixes, normalizeRoute } from './extract.mjs';

const docs = docsText();
const mentions = (word) => new RegExp(`(^|[^A-Za-z0-9_])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_])`).test(docs);

test('docs name every stored table and its columns', (t) => {
  const found = tables();
  if (found.length === 0) {
    t.skip('no CREATE TABLE in collector/, processors/ or sdk/ yet: nothing to check');
    return;
  }
  const missing = [];
  for (const { table, columns, file } of found) {
    if (!mentions(table)) missing.push(`table ${table} (${file})`);
    for (const c of columns) if (!mentions(c)) missing.push(`column ${table}.${c} (${file})`);
  }
  assert.deepEqual(missing, [], `docs/*.md must name these (data dictionary):\n${missing.join('\n')}`);
});

test('docs name every HTTP endpoint', (t) => {
  const found = endpoints();
  if (found.length === 0) {
    t.skip('no Map{Get,Post,Put,Delete,Patch}("...") routes in the code yet: nothing to check');
    return;
  }
  const prefixes = groupPrefixes();
  const missing = found.filter(({ route }) => !docs.includes(route) && !prefixes.some((p) => docs.includes(p + route)));
  assert.deepEqual(missing.map((e) => `${e.method} ${e.route} (${e.file})`), [], 'docs/*.md must name these endpoints');
});

test('docs name every metric (OpenTelemetry or Prometheus form)', (t) => {
  const found = metrics();
  if (found.length === 0) {
    t.skip('no metric instruments or llmops_* metric names in the code yet: nothing to check');
    return;
  }
  const missing = found.filter(({ name }) => !docs.includes(name) && !docs.includes(prometheusName(name)));
  assert.deepEqual(missing.map((m) => `${m.name} (${m.file})`), [], 'docs/*.md must name these metrics');
});

test('every top-level docs page is linked from the README', (t) => {
  const readme = join(repoRoot, 'README.md');
  if (!existsSync(readme)) {
    t.skip('README.md does not exist yet');
    return;
  }
  const text = read(readme);
  const pages = readdirSync(join(repoRoot, 'docs')).filter((n) => n.endsWith('.md'));
  const unlinked = pages.filter((p) => !new RegExp(`\\]\\((\\./)?docs/${p.replace('.', '\\.')}(#[^)]*)?\\)`).test(text));
  assert.deepEqual(unlinked, [], 'README.md must link these docs pages');
});

test('the extractors find what they look for (the checks can fail)', () => {
  const sql = `CREATE TABLE IF NOT EXISTS spans (trace_id BLOB NOT NULL, span_id BLOB, attrs TEXT CHECK (length(attrs) > 0),
    PRIMARY KEY (trace_id, span_id)); CREATE TEMP TABLE scratch (x INT); ALTER TABLE spans ADD COLUMN cost_usd REAL;`;
  const found = [...tablesIn(sql).values()];
  assert.deepEqual(found.map((t) => t.table), ['spans']);
  assert.deepEqual([...found[0].columns], ['trace_id', 'span_id', 'attrs', 'cost_usd']);
  assert.equal(normalizeRoute('/api/v1/traces/{traceId:regex(^[0-9a-f]+$)}/'), '/api/v1/traces/{traceId}');
  assert.equal(prometheusName('llmops.collector.received'), 'llmops_collector_received');
});
