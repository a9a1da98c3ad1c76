// The example environment's collector.yaml runs the whole product (the built-in configuration's processors and
// exporters per pipeline, on PostgreSQL), keeps every secret in ${env:...}, passes the module's own checks of
// collector_config, and alerts have one sender: the module's Prometheus rules, not the collector's engine as well.
// Reads files only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { repoRoot, read, parseTf, walk, rel } from './lib.mjs';

const examplePath = join(repoRoot, 'terraform/environments/example/collector.yaml');
const builtinPath = join(repoRoot, 'collector/LlmOps.Collector/collector.yaml');
const moduleDir = join(repoRoot, 'terraform/modules/llmops-collector');

const exampleText = read(examplePath);
const example = yaml.load(exampleText);
const builtin = yaml.load(read(builtinPath));

const unwrap = (expr) => (typeof expr === 'string' ? expr.replace(/^\$\{([\s\S]*)\}$/, '$1').trim() : expr);
const list = (v) => (Array.isArray(v) ? v : []);
const pipeline = (cfg, name) => cfg?.service?.pipelines?.[name] ?? {};

/** Every local of the module, by name, as its (unwrapped) expression text or literal value. */
async function moduleLocals() {
  const files = ['main.tf', 'collector.tf', 'monitoring.tf'].map((f) => join(moduleDir, f));
  const parsed = await Promise.all(files.map(parseTf));
  const locals = Object.assign({}, ...parsed.flatMap((j) => j.locals ?? []));
  const deployment = parsed.map((j) => j.resource?.kubernetes_deployment_v1?.collector?.[0]).find(Boolean);
  return { locals, deployment };
}

test('the example runs the traces pipeline with guardrails and cost into storage, prometheus, evaluation and annotation', () => {
  const traces = pipeline(example, 'traces');
  for (const p of ['guardrails', 'cost']) assert.ok(list(traces.processors).includes(p), `traces.processors must include ${p}`);
  for (const e of ['storage', 'prometheus', 'evaluation', 'annotation']) assert.ok(list(traces.exporters).includes(e), `traces.exporters must include ${e}`);
});

test('the example runs logs through guardrails and feedback into storage and prometheus, and metrics into prometheus only', () => {
  const logs = pipeline(example, 'logs');
  for (const p of ['guardrails', 'feedback']) assert.ok(list(logs.processors).includes(p), `logs.processors must include ${p}`);
  for (const e of ['storage', 'prometheus']) assert.ok(list(logs.exporters).includes(e), `logs.exporters must include ${e}`);
  const metrics = pipeline(example, 'metrics');
  assert.ok(list(metrics.exporters).includes('prometheus'), 'metrics.exporters must include prometheus (OTLP metrics feed it)');
  assert.ok(!list(metrics.exporters).includes('storage'), 'metrics must not export to storage: the store keeps no metrics');
});

test('each example pipeline has at least the built-in configuration\'s receivers, processors and exporters', () => {
  const names = Object.keys(builtin.service.pipelines);
  assert.ok(names.length >= 3, 'the built-in configuration should define the traces, logs and metrics pipelines');
  for (const name of names) {
    for (const kind of ['receivers', 'processors', 'exporters']) {
      const missing = list(pipeline(builtin, name)[kind]).filter((c) => !list(pipeline(example, name)[kind]).includes(c));
      assert.deepEqual(missing, [], `example pipeline ${name}.${kind} lacks what the built-in one runs`);
    }
  }
});

test('every component an example pipeline names is declared in its section', () => {
  for (const [name, p] of Object.entries(example.service.pipelines)) {
    for (const kind of ['receivers', 'processors', 'exporters']) {
      for (const c of list(p[kind])) {
        assert.ok(example[kind] && Object.hasOwn(example[kind], c), `pipeline ${name} names ${kind.slice(0, -1)} ${c}, which ${kind} does not declare`);
      }
    }
  }
});

test('the example stores in PostgreSQL and takes secrets, the judge and the Alertmanager URL from the environment', () => {
  const storage = example.exporters.storage;
  assert.equal(storage.driver, 'postgres');
  assert.equal(storage.connection_string, '${env:LLMOPS_POSTGRES_CONNECTION}');
  assert.equal(storage.retention, '30d');
  assert.equal(example.service.management.api_keys[0], '${env:LLMOPS_API_KEY}');
  assert.equal(example.service.alerting?.alertmanager_url, '${env:LLMOPS_ALERTMANAGER_URL:-}');
  // Optional judge: empty defaults keep it off when the variables are not set.
  assert.equal(example.exporters.evaluation?.judge?.endpoint, '${env:LLMOPS_JUDGE_ENDPOINT:-}');
  assert.equal(example.exporters.evaluation?.judge?.api_key, '${env:LLMOPS_JUDGE_API_KEY:-}');
});

test('every secret-like value in the example config is an ${env:...} reference', () => {
  const secretKey = /(api_?key|password|passwd|secret|token|connection_string)/i;
  const bad = [];
  const visit = (node, path, underSecret) => {
    if (Array.isArray(node)) node.forEach((v, i) => visit(v, `${path}[${i}]`, underSecret));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) visit(v, path ? `${path}.${k}` : k, underSecret || secretKey.test(k));
    else if (underSecret && node !== null && !/^\$\{env:[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\}$/.test(String(node))) bad.push(path);
  };
  visit(example, '', false);
  assert.deepEqual(bad, [], 'these settings hold a literal instead of ${env:VAR}');
});

test('the example config passes the module\'s collector_config validations', async () => {
  const vars = await parseTf(join(moduleDir, 'variables.tf'));
  const validations = vars.variable.collector_config[0].validation;
  const secretCheck = validations.map((v) => unwrap(v.condition)).find((c) => c.includes('regex(') && c.includes('replace('));
  assert.ok(secretCheck, 'collector_config should have an inline-secret validation');
  // Terraform string literals use JSON-compatible escapes; RE2's (?i) becomes the JS "i" flag.
  const pattern = JSON.parse(secretCheck.match(/regex\(("(?:[^"\\]|\\.)*")/)[1]).replace(/^\(\?i\)/, '');
  const envRef = JSON.parse(secretCheck.match(/replace\(var\.collector_config,\s*("(?:[^"\\]|\\.)*")/)[1]);
  assert.ok(envRef.startsWith('/') && envRef.endsWith('/'), 'the replace() pattern should be a /regex/');
  const inlineSecret = new RegExp(pattern, 'i');
  const withoutEnv = (text) => text.replace(new RegExp(envRef.slice(1, -1), 'g'), '');
  assert.ok(!inlineSecret.test(withoutEnv(exampleText)), 'the module would refuse the example config as holding an inline secret');
  assert.ok(inlineSecret.test(withoutEnv(`${exampleText}\n# api_key: sk-0123456789abcdef\n`)), 'the extracted check should catch an inline key');
  assert.ok(example.receivers && example.service?.pipelines, 'collector_config needs receivers and service.pipelines');
});

test('alerts have one sender: the module\'s Prometheus loads llmops-rules.yml and nothing sets LLMOPS_ALERTMANAGER_URL', async () => {
  // The engine's alerts and the Prometheus rules carry the same labels, so giving the collector the module's
  // Alertmanager would deliver every alert twice (docs/limitations.md, Alerting).
  const moduleTf = walk(moduleDir, (n) => n.endsWith('.tf'));
  assert.ok(moduleTf.length > 0, 'no .tf files in the module');
  const setting = moduleTf.filter((f) => read(f).includes('LLMOPS_ALERTMANAGER_URL')).map(rel);
  assert.deepEqual(setting, [], 'the module must not set LLMOPS_ALERTMANAGER_URL (Prometheus already sends the alerts)');

  const { locals, deployment } = await moduleLocals();
  assert.ok(deployment, 'kubernetes_deployment_v1.collector not found');
  const container = deployment.spec[0].template[0].spec[0].container[0];
  assert.equal(unwrap(container.dynamic?.env?.[0]?.for_each), 'var.extra_env', 'the collector\'s plain env should be extra_env only');

  const exampleMainPath = join(repoRoot, 'terraform/environments/example/main.tf');
  assert.ok(!read(exampleMainPath).includes('LLMOPS_ALERTMANAGER_URL'), 'the example main.tf must not set LLMOPS_ALERTMANAGER_URL');
  const call = (await parseTf(exampleMainPath)).module.llmops[0];
  assert.ok(!Object.hasOwn(call.extra_env ?? {}, 'LLMOPS_ALERTMANAGER_URL'), 'the example extra_env must not set LLMOPS_ALERTMANAGER_URL');
  assert.equal(call.grafana_dir, undefined, 'the example should use the repository\'s grafana/ folder, which holds llmops-rules.yml');

  // The module's Prometheus loads grafana/prometheus/*.yml rule files (llmops-rules.yml among them) and alerts through
  // the module's Alertmanager.
  assert.match(String(unwrap(locals.grafana_dir)), /\/grafana"?\)?$/, 'grafana_dir should default to the repository\'s grafana/ folder');
  assert.match(String(unwrap(locals.rule_candidates)), /prometheus\/\*\*\/\*\.\{yml,yaml\}/, 'the module should collect grafana/prometheus/**/*.yml as rule files');
  const monitoring = read(join(moduleDir, 'monitoring.tf'));
  assert.match(monitoring, /data\s*=\s*local\.rule_files/, 'the Prometheus rules ConfigMap should hold local.rule_files');
  assert.match(monitoring, /rule_files\s*=\s*\["\/etc\/prometheus\/rules\//, 'Prometheus should load its rules from the rules ConfigMap');
  assert.match(monitoring, /alertmanagers\s*=\s*\[\{[\s\S]*?\$\{local\.alertmanager_name\}/, 'Prometheus should send alerts to the module\'s Alertmanager');

  const rules = yaml.load(read(join(repoRoot, 'grafana/prometheus/llmops-rules.yml')));
  const alerts = (rules?.groups ?? []).flatMap((g) => g.rules ?? []).filter((r) => r.alert);
  assert.ok(alerts.length > 0, 'llmops-rules.yml should define alerting rules (loaded because it has groups)');
  for (const a of alerts) {
    for (const label of ['rule_id', 'severity', 'source']) assert.ok(a.labels?.[label], `${a.alert} lacks the ${label} label the engine's alerts carry`);
  }
});

test('the example environment deploys the monitoring stack, whose Prometheus sends the alerts', async () => {
  const main = await parseTf(join(repoRoot, 'terraform/environments/example/main.tf'));
  const call = main.module.llmops[0];
  assert.equal(call.deploy_monitoring_stack, true);
  assert.match(String(call.collector_config), /collector\.yaml/);
});
