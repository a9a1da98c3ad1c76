// GitHub workflows: each one passes action-validator (schema), every action is pinned to a full commit SHA with a
// version comment, permissions are least-privilege, and the four required workflows do what the issue asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import yaml from 'js-yaml';
import { repoRoot, walk, rel, read } from './lib.mjs';

const workflowDir = join(repoRoot, '.github', 'workflows');
const workflows = walk(workflowDir, (n) => /\.ya?ml$/.test(n));
const validatorBin = join(repoRoot, 'tests', 'delivery', 'node_modules', '.bin', 'action-validator');

const validate = (file) => spawnSync(validatorBin, [file], { encoding: 'utf8' });
const load = (file) => yaml.load(read(file));
const byName = (name) => workflows.find((f) => f.endsWith(`/${name}`));

test('the required workflows exist', () => {
  for (const name of ['ci.yml', 'release-sdk.yml', 'image.yml', 'terraform.yml']) {
    assert.ok(byName(name), `.github/workflows/${name} is missing`);
  }
});

test('every workflow passes action-validator', () => {
  assert.ok(workflows.length > 0);
  for (const f of workflows) {
    const r = validate(f);
    assert.equal(r.status, 0, `${rel(f)} failed action-validator:\n${r.stdout}\n${r.stderr}`);
  }
});

test('action-validator rejects an invalid workflow (the check can fail)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'llmops-wf-'));
  try {
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'name: bad\non: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    stepz:\n      - run: echo\n');
    assert.notEqual(validate(bad).status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every action is pinned to a full commit SHA with a version comment', () => {
  const usesLine = /^\s*(?:-\s*)?uses:\s*(\S+)(.*)$/;
  let count = 0;
  for (const f of workflows) {
    for (const [i, line] of read(f).split('\n').entries()) {
      const m = usesLine.exec(line);
      if (!m) continue;
      count++;
      const [, ref, rest] = m;
      const where = `${rel(f)}:${i + 1}`;
      if (ref.startsWith('./')) continue;
      if (ref.startsWith('docker://')) {
        assert.match(ref, /@sha256:[0-9a-f]{64}$/, `${where}: docker actions must be pinned by digest`);
        continue;
      }
      assert.match(ref, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, `${where}: ${ref} is not pinned to a 40-hex commit SHA`);
      assert.match(rest, /#\s*v\d+/, `${where}: add a trailing "# vX.Y.Z" comment naming the pinned version`);
    }
  }
  assert.ok(count > 0, 'no uses: lines found');
});

test('top-level permissions are read-only; write scopes only on the jobs that need them', () => {
  const allowedWrites = { 'id-token': ['release-sdk.yml/publish'], packages: ['image.yml/push'] };
  for (const f of workflows) {
    const wf = load(f);
    const name = f.split('/').pop();
    assert.ok(wf.permissions !== undefined, `${rel(f)}: declare top-level permissions`);
    const top = typeof wf.permissions === 'string' ? { all: wf.permissions } : wf.permissions;
    for (const [scope, level] of Object.entries(top)) {
      assert.ok(['read', 'none', 'read-all', '{}'].includes(String(level)) || level === 'read', `${rel(f)}: top-level ${scope}: ${level} must be read or none`);
    }
    for (const [jobId, job] of Object.entries(wf.jobs ?? {})) {
      const perms = job.permissions ?? {};
      assert.notEqual(perms, 'write-all', `${rel(f)} job ${jobId}: write-all is not allowed`);
      for (const [scope, level] of Object.entries(typeof perms === 'object' ? perms : {})) {
        if (level !== 'write') continue;
        assert.ok((allowedWrites[scope] ?? []).includes(`${name}/${jobId}`), `${rel(f)} job ${jobId}: ${scope}: write is not expected here`);
      }
    }
  }
});

test('no workflow uses a stored secret other than the job token', () => {
  for (const f of workflows) {
    const secrets = [...read(f).matchAll(/secrets\.([A-Za-z0-9_]+)/g)].map((m) => m[1]);
    for (const s of secrets) assert.equal(s, 'GITHUB_TOKEN', `${rel(f)} uses secrets.${s}; use OIDC or the job token instead`);
  }
});

test('ci.yml runs .ci/run on pushes and pull requests', () => {
  const f = byName('ci.yml');
  const wf = load(f);
  assert.ok('push' in wf.on && 'pull_request' in wf.on);
  const runs = Object.values(wf.jobs).flatMap((j) => j.steps ?? []).map((s) => s.run ?? '').join('\n');
  assert.match(runs, /bash \.ci\/run/);
});

test('release-sdk.yml packs LlmOps.Sdk on sdk-v* tags and pushes with NuGet trusted publishing', () => {
  const f = byName('release-sdk.yml');
  const wf = load(f);
  assert.deepEqual(wf.on.push.tags, ['sdk-v*']);
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps ?? []);
  const runs = steps.map((s) => s.run ?? '').join('\n');
  assert.match(runs, /dotnet pack sdk\/LlmOps\.Sdk\/LlmOps\.Sdk\.csproj/);
  assert.match(runs, /dotnet nuget push/);
  const publish = wf.jobs.publish;
  assert.equal(publish.permissions['id-token'], 'write');
  const login = publish.steps.find((s) => (s.uses ?? '').startsWith('NuGet/login@'));
  assert.ok(login, 'the publish job must log in with NuGet/login (OIDC)');
  assert.ok(publish.steps.some((s) => (s.env?.NUGET_API_KEY ?? '').includes(`steps.${login.id}.outputs.NUGET_API_KEY`)), 'push with the key NuGet/login returns');
  for (const [jobId, job] of Object.entries(wf.jobs)) {
    if (jobId !== 'publish') assert.ok(!job.permissions || job.permissions['id-token'] !== 'write', `${jobId} must not get id-token: write`);
  }
});

test('image.yml builds collector/Dockerfile and terraform.yml runs fmt -check and validate', () => {
  const image = read(byName('image.yml'));
  assert.match(image, /file: collector\/Dockerfile/);
  assert.match(image, /--read-only/);
  const tf = read(byName('terraform.yml'));
  assert.match(tf, /terraform fmt -check/);
  assert.match(tf, /init -backend=false/);
  assert.match(tf, /validate/);
});
