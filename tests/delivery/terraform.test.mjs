// Terraform: every .tf file parses; variables and outputs are declared, typed, described, validated where a typo
// could break a deployment, and documented in the folder's README.md; no secret has a default or sits in code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { repoRoot, walk, rel, read, parseTf, terraformModules } from './lib.mjs';

const tfFiles = walk(join(repoRoot, 'terraform'), (n) => n.endsWith('.tf'));

// Free-form string/number inputs where no pattern is meaningful; every other string or number input is validated.
const FREE_FORM = new Set(['storage_class_name', 'grafana_dir', 'kube_context']);

const unwrap = (expr) => (typeof expr === 'string' ? expr.replace(/^\$\{([\s\S]*)\}$/, '$1').trim() : expr);

test('terraform/ holds the module and the example environment', () => {
  assert.ok(existsSync(join(repoRoot, 'terraform/modules/llmops-collector/main.tf')), 'module main.tf missing');
  assert.ok(existsSync(join(repoRoot, 'terraform/environments/example/main.tf')), 'example environment missing');
  assert.ok(tfFiles.length >= 8, `expected the module and environment files, found ${tfFiles.length}`);
});

test('every .tf file parses as HCL', async () => {
  for (const f of tfFiles) {
    const json = await parseTf(f);
    assert.equal(typeof json, 'object', `${rel(f)} did not parse to an object`);
  }
});

test('the HCL parser rejects broken HCL (the parse check can fail)', async () => {
  const { parse } = await import('@cdktf/hcl2json');
  await assert.rejects(parse('broken.tf', 'variable "x" {\n  type = string\n'));
});

test('every variable has a description, a type, and validation where sensible', async () => {
  for (const m of await terraformModules()) {
    for (const [name, v] of Object.entries(m.variables)) {
      const where = `${rel(v.file)} variable "${name}"`;
      assert.ok(typeof v.description === 'string' && v.description.trim().length >= 10, `${where}: needs a description`);
      assert.ok(v.type !== undefined, `${where}: needs a type`);
      const type = unwrap(v.type);
      if ((type === 'string' || type === 'number') && !FREE_FORM.has(name)) {
        assert.ok(Array.isArray(v.validation) && v.validation.length > 0, `${where}: a ${type} input needs a validation block`);
      }
      for (const val of v.validation ?? []) {
        assert.ok(val.condition && val.error_message, `${where}: validation needs condition and error_message`);
      }
    }
  }
});

test('no sensitive variable has a default value, and secret-named variables are sensitive', async () => {
  const secretish = /(password|secret|token|connection_string|api_key|webhook)/i;
  for (const m of await terraformModules()) {
    for (const [name, v] of Object.entries(m.variables)) {
      const where = `${rel(v.file)} variable "${name}"`;
      if (secretish.test(name) && !/_name$/.test(name)) assert.equal(v.sensitive, true, `${where}: looks like a secret and must be sensitive`);
      if (v.sensitive === true && 'default' in v) {
        const d = v.default;
        const empty = d === null || (Array.isArray(d) && d.length === 0) || (typeof d === 'object' && d !== null && Object.keys(d).length === 0);
        assert.ok(empty, `${where}: a sensitive variable may only default to null or an empty collection`);
      }
    }
  }
});

test('every output has a description', async () => {
  for (const m of await terraformModules()) {
    for (const [name, o] of Object.entries(m.outputs)) {
      assert.ok(typeof o.description === 'string' && o.description.trim().length >= 10, `${rel(o.file)} output "${name}": needs a description`);
    }
  }
});

test('every variable and output is documented in the folder README.md', async () => {
  for (const m of await terraformModules()) {
    const readme = join(m.dir, 'README.md');
    assert.ok(existsSync(readme), `${rel(m.dir)} needs a README.md documenting its inputs and outputs`);
    const text = read(readme);
    for (const name of [...Object.keys(m.variables), ...Object.keys(m.outputs)]) {
      assert.ok(text.includes('`' + name + '`'), `${rel(readme)} does not document \`${name}\``);
    }
  }
});

test('the example environment passes every required module input and no unknown one', async () => {
  const modules = await terraformModules();
  const byDir = new Map(modules.map((m) => [m.dir, m]));
  let calls = 0;
  for (const m of modules) {
    for (const [callName, call] of Object.entries(m.modules)) {
      const target = byDir.get(join(m.dir, call.source));
      if (!target) continue;
      calls++;
      const args = new Set(Object.keys(call).filter((k) => !['source', 'version', 'providers', 'depends_on', 'count', 'for_each', 'file'].includes(k)));
      for (const [name, v] of Object.entries(target.variables)) {
        if (!('default' in v)) assert.ok(args.has(name), `${rel(m.dir)} module "${callName}" misses required input ${name}`);
      }
      for (const a of args) assert.ok(a in target.variables, `${rel(m.dir)} module "${callName}" passes unknown input ${a}`);
    }
  }
  assert.ok(calls >= 1, 'the example environment should call the module');
});

test('the collector Deployment probes /healthz and /readyz and the Service exposes 4317, 4318 and 8080', async () => {
  const files = walk(join(repoRoot, 'terraform/modules/llmops-collector'), (n) => n.endsWith('.tf'));
  const all = await Promise.all(files.map(parseTf));
  const deployment = all.map((j) => j.resource?.kubernetes_deployment_v1?.collector?.[0]).find(Boolean);
  assert.ok(deployment, 'kubernetes_deployment_v1.collector not found');
  const container = deployment.spec[0].template[0].spec[0].container[0];
  const path = (probe) => container[probe]?.[0]?.http_get?.[0]?.path;
  assert.equal(path('liveness_probe'), '/healthz');
  assert.equal(path('readiness_probe'), '/readyz');
  assert.equal(path('startup_probe'), '/healthz');
  const sc = container.security_context[0];
  assert.equal(sc.read_only_root_filesystem, true);
  assert.equal(sc.allow_privilege_escalation, false);
  assert.equal(unwrap(container.resources[0].requests), 'var.resources.requests');
  assert.equal(unwrap(deployment.spec[0].replicas), 'var.replicas');
  const locals = Object.assign({}, ...all.flatMap((j) => j.locals ?? []));
  assert.deepEqual(locals.ports, { 'otlp-grpc': 4317, 'otlp-http': 4318, management: 8080 });
});

test('monitoring config comes from grafana/ through fileset(), whatever the file names', () => {
  const text = read(join(repoRoot, 'terraform/modules/llmops-collector/monitoring.tf'));
  for (const pattern of ['prometheus/**/*.{yml,yaml}', 'dashboards/**/*.json', 'provisioning/datasources/*.{yml,yaml}', 'provisioning/dashboards/*.{yml,yaml}']) {
    assert.ok(text.includes(`fileset(local.grafana_dir, "${pattern}")`), `monitoring.tf should use fileset(..., "${pattern}")`);
  }
});

test('no secret value is written in Terraform code or committed tfvars', () => {
  const files = walk(join(repoRoot, 'terraform'), (n) => /\.(tf|tfvars|tfvars\.json|ya?ml|example)$/.test(n));
  const committedTfvars = files.filter((f) => /\.tfvars(\.json)?$/.test(f));
  assert.deepEqual(committedTfvars.map(rel), [], 'commit only *.tfvars.example files');
  const inline = /(password|passwd|secret|token|api_?key)["']?\s*[:=]\s*["'][^"'$\s]{6,}["']/i;
  const connection = /(Password|Pwd)\s*=\s*[^;"'\s.]{4,}/;
  for (const f of files) {
    for (const [i, line] of read(f).split('\n').entries()) {
      if (line.trim().startsWith('#')) continue;
      assert.ok(!inline.test(line), `${rel(f)}:${i + 1} looks like an inline secret`);
      assert.ok(!connection.test(line), `${rel(f)}:${i + 1} looks like a connection string with a password`);
    }
  }
});

test('terraform fmt -check passes (when the terraform CLI is installed)', (t) => {
  const probe = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  if (probe.error) {
    t.skip('terraform CLI not installed here; .github/workflows/terraform.yml runs fmt -check and validate');
    return;
  }
  const r = spawnSync('terraform', ['fmt', '-check', '-recursive', '-diff', 'terraform'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
  });
  assert.equal(r.status, 0, `terraform fmt -check failed:\n${r.stdout}\n${r.stderr}`);
});

test("the module's fallback Prometheus datasource has the uid every dashboard panel asks for", () => {
  const tf = read(join(repoRoot, 'terraform/modules/llmops-collector/monitoring.tf'));
  const fallback = /uid\s*=\s*"([^"]+)"\s*\n\s*type\s*=\s*"prometheus"/.exec(tf)?.[1];
  assert.ok(fallback, 'no fallback Prometheus datasource with a uid in monitoring.tf');
  const uids = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) { node.forEach(visit); return; }
    if (node && typeof node === 'object') {
      if (node.datasource?.type === 'prometheus' && node.datasource.uid) uids.add(node.datasource.uid);
      Object.values(node).forEach(visit);
    }
  };
  for (const f of walk(join(repoRoot, 'grafana/dashboards'), (n) => n.endsWith('.json'))) visit(JSON.parse(read(f)));
  assert.ok(uids.size > 0, 'no dashboard panel names a Prometheus datasource uid');
  assert.deepEqual([...uids], [fallback], `dashboards ask for ${[...uids].join(', ')}; the fallback datasource is ${fallback}`);
  const provisioned = /uid:\s*(\S+)/.exec(read(join(repoRoot, 'grafana/provisioning/datasources/prometheus.yml')))?.[1];
  assert.equal(provisioned, fallback, 'the shipped datasource file and the fallback disagree');
});

test('prometheus_job_name: its docs say whether the shipped rules and dashboards filter on job, as they do', async () => {
  const exprs = [];
  for (const f of walk(join(repoRoot, 'grafana/dashboards'), (n) => n.endsWith('.json'))) {
    for (const panel of JSON.parse(read(f)).panels ?? []) for (const target of panel.targets ?? []) exprs.push(target.expr ?? '');
  }
  for (const m of read(join(repoRoot, 'grafana/prometheus/llmops-rules.yml')).matchAll(/^\s*expr:\s*(.*)$/gm)) exprs.push(m[1]);
  assert.ok(exprs.length > 40, `expected the dashboards' and rules' expressions, found ${exprs.length}`);
  const filters = exprs.some((e) => /[{,]\s*job\s*(=~|!=|!~|=)/.test(e));
  const moduleDir = join(repoRoot, 'terraform/modules/llmops-collector');
  const variable = (await terraformModules()).find((m) => m.dir === moduleDir).variables.prometheus_job_name;
  const readmeLine = read(join(moduleDir, 'README.md')).split('\n').find((l) => l.startsWith('| `prometheus_job_name`')) ?? '';
  for (const [where, text] of [['variables.tf description', variable.description], ['README.md', readmeLine]]) {
    const saysNoFilter = /do not filter on `?job`?/.test(text);
    assert.equal(saysNoFilter, !filters, `${where} of prometheus_job_name: ${filters ? 'the rules or dashboards filter on job but it says they do not' : 'no rule or dashboard filters on job; say so ("do not filter on job")'}: ${text}`);
  }
});
