// Container image definition: multi-stage (SDK build, ASP.NET runtime), non-root, read-only root filesystem friendly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { repoRoot, read } from './lib.mjs';

const dockerfile = join(repoRoot, 'collector', 'Dockerfile');

/** Instructions of a Dockerfile with line continuations joined and comments dropped. */
function instructions(text) {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const m = /^(\w+)\s+([\s\S]*)$/.exec(l);
      return { op: m[1].toUpperCase(), args: m[2] };
    });
}

function stages() {
  const list = [];
  for (const ins of instructions(read(dockerfile))) {
    if (ins.op === 'FROM') list.push({ from: ins.args, body: [] });
    else if (list.length > 0) list.at(-1).body.push(ins);
  }
  return list;
}

test('collector/Dockerfile is multi-stage: SDK build stage, ASP.NET runtime final stage', () => {
  assert.ok(existsSync(dockerfile), 'collector/Dockerfile is missing');
  const s = stages();
  assert.ok(s.length >= 2, 'expected a build stage and a runtime stage');
  assert.match(s[0].from, /\$\{SDK_IMAGE\}|dotnet\/sdk/);
  const args = instructions(read(dockerfile)).filter((i) => i.op === 'ARG').map((i) => i.args).join('\n');
  // The base images are required build arguments (no registry host is named in the repository).
  assert.match(args, /^SDK_IMAGE$/m);
  assert.match(args, /^RUNTIME_IMAGE$/m);
  assert.match(read(dockerfile), /dotnet\/sdk:10\.0/);
  assert.match(read(dockerfile), /dotnet\/aspnet:10\.0/);
  assert.match(s.at(-1).from, /\$\{RUNTIME_IMAGE\}/);
  const copies = s.at(-1).body.filter((i) => i.op === 'COPY');
  assert.ok(copies.some((c) => c.args.includes('--from=build')), 'the runtime stage copies the published app from the build stage');
  assert.ok(!s.at(-1).body.some((i) => i.op === 'RUN' && /dotnet (build|publish|restore)/.test(i.args)), 'no SDK work in the runtime stage');
});

test('the final stage runs as a non-root numeric user with diagnostics off and state only in /data', () => {
  const final = stages().at(-1).body;
  const users = final.filter((i) => i.op === 'USER');
  assert.ok(users.length > 0, 'USER missing in the final stage');
  const user = users.at(-1).args.trim();
  const argUid = /APP_UID=(\d+)/.exec(final.filter((i) => i.op === 'ARG').map((i) => i.args).join(' '))?.[1];
  const uid = user.replace('${APP_UID}', argUid ?? '').split(':')[0];
  assert.match(uid, /^\d+$/, `USER must be numeric (Kubernetes runAsNonRoot checks it), got ${user}`);
  assert.notEqual(Number(uid), 0);
  const env = final.filter((i) => i.op === 'ENV').map((i) => i.args).join(' ');
  assert.match(env, /DOTNET_EnableDiagnostics=0/);
  // The youngest GC generation the runbook documents for a scoring collector, also what run.sh sets.
  const gen0 = /DOTNET_GCgen0size=(0x[0-9a-fA-F]+)/.exec(env)?.[1];
  assert.ok(gen0, 'DOTNET_GCgen0size missing from the image environment');
  assert.match(read(join(repoRoot, 'run.sh')), new RegExp(`DOTNET_GCgen0size-${gen0}\\b`));
  // Two malloc arenas (docs/runbook.md, "Memory"), in the image and in run.sh alike.
  const arenas = /MALLOC_ARENA_MAX=(\d+)/.exec(env)?.[1];
  assert.ok(arenas, 'MALLOC_ARENA_MAX missing from the image environment');
  assert.match(read(join(repoRoot, 'run.sh')), new RegExp(`MALLOC_ARENA_MAX-${arenas}\\b`));
  assert.match(final.filter((i) => i.op === 'VOLUME').map((i) => i.args).join(' '), /\/data/);
  const expose = final.filter((i) => i.op === 'EXPOSE').map((i) => i.args).join(' ');
  for (const port of ['4317', '4318', '8080']) assert.ok(expose.split(/\s+/).includes(port), `EXPOSE ${port}`);
  const entry = final.filter((i) => i.op === 'ENTRYPOINT').at(-1)?.args ?? '';
  assert.match(entry, /LlmOps\.Collector\.dll/);
});

test('the Kubernetes module runs the image with the Dockerfile user id', () => {
  const uid = /APP_UID=(\d+)/.exec(read(dockerfile))?.[1];
  const main = read(join(repoRoot, 'terraform/modules/llmops-collector/main.tf'));
  assert.match(main, new RegExp(`collector_uid\\s*=\\s*${uid}\\b`));
});

test('the build stage copies only folders that exist and that .dockerignore keeps', () => {
  const ignore = read(join(repoRoot, '.dockerignore')).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  for (const required of ['.git', '**/bin', '**/obj', '**/node_modules']) assert.ok(ignore.includes(required), `.dockerignore should exclude ${required}`);
  const build = stages()[0].body.filter((i) => i.op === 'COPY' && !i.args.includes('--from'));
  assert.ok(build.length > 0);
  for (const c of build) {
    const parts = c.args.split(/\s+/).filter((p) => !p.startsWith('--'));
    for (const src of parts.slice(0, -1)) {
      const clean = src.replace(/\/$/, '');
      assert.ok(existsSync(join(repoRoot, clean)), `COPY source ${src} does not exist`);
      assert.ok(!ignore.includes(clean) && !ignore.includes(clean.split('/')[0]), `COPY source ${src} is excluded by .dockerignore`);
    }
  }
});

test('the collector project publishes the assembly the image starts', () => {
  const csproj = read(join(repoRoot, 'collector/LlmOps.Collector/LlmOps.Collector.csproj'));
  assert.match(csproj, /<AssemblyName>LlmOps\.Collector<\/AssemblyName>/);
  assert.match(read(dockerfile), /dotnet publish collector\/LlmOps\.Collector\/LlmOps\.Collector\.csproj/);
});
