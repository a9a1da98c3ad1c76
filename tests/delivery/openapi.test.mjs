// OpenAPI document (docs/api/openapi.json): valid OpenAPI 3, linted for the basics, and covering every /api route
// the code maps. Skips, saying so, until the document exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { repoRoot, read } from './lib.mjs';
import { endpoints, groupPrefixes, normalizeRoute } from './extract.mjs';

const documentPath = join(repoRoot, 'docs', 'api', 'openapi.json');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const missingDoc = 'docs/api/openapi.json does not exist yet (generated from the management API later): OpenAPI lint skipped';

test('the OpenAPI document is valid OpenAPI 3', async (t) => {
  if (!existsSync(documentPath)) {
    t.skip(missingDoc);
    return;
  }
  const api = await SwaggerParser.validate(JSON.parse(read(documentPath)));
  assert.match(String(api.openapi), /^3\./, 'expected an OpenAPI 3.x document');
});

test('the OpenAPI document passes the lint rules', (t) => {
  if (!existsSync(documentPath)) {
    t.skip(missingDoc);
    return;
  }
  const api = JSON.parse(read(documentPath));
  const problems = [];
  if (!api.info?.title) problems.push('info.title missing');
  if (!api.info?.version) problems.push('info.version missing');
  const operationIds = new Set();
  for (const [path, item] of Object.entries(api.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.operationId) problems.push(`${where}: operationId missing`);
      else if (operationIds.has(op.operationId)) problems.push(`${where}: duplicate operationId ${op.operationId}`);
      else operationIds.add(op.operationId);
      if (!op.summary && !op.description) problems.push(`${where}: summary or description missing`);
      const codes = Object.keys(op.responses ?? {});
      if (!codes.some((c) => /^[23]\d\d$/.test(c))) problems.push(`${where}: no success response`);
      if (['post', 'put', 'patch', 'delete'].includes(method) && path.startsWith('/api/') && !codes.some((c) => /^4\d\d$/.test(c))) {
        problems.push(`${where}: a mutating call should document its 4xx errors`);
      }
      for (const p of path.match(/\{[^}]+\}/g) ?? []) {
        const name = p.slice(1, -1);
        const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
        if (!params.some((q) => q.in === 'path' && q.name === name)) problems.push(`${where}: path parameter ${name} not declared`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('the OpenAPI document covers every /api route the code maps', (t) => {
  if (!existsSync(documentPath)) {
    t.skip(missingDoc);
    return;
  }
  const paths = Object.keys(JSON.parse(read(documentPath)).paths ?? {}).map(normalizeRoute);
  const prefixes = ['', ...groupPrefixes()];
  const missing = endpoints()
    .filter(({ route }) => prefixes.some((p) => (p + route).startsWith('/api/')))
    .filter(({ route }) => !prefixes.some((p) => paths.includes(p + route)));
  assert.deepEqual(missing.map((e) => `${e.method} ${e.route} (${e.file})`), []);
});
