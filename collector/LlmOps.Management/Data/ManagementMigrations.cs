namespace LlmOps.Management.Data;

/// <summary>
/// The management schema, versioned in <c>mgmt_schema_migrations</c> (separate from the telemetry store's own
/// migrations). Append new migrations; never edit an applied one. Times are Unix milliseconds, booleans 0/1, JSON as text.
/// </summary>
internal static class ManagementMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "audit, prompts, datasets, runs", [
            "CREATE TABLE mgmt_audit_head (id BIGINT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)",
            "INSERT INTO mgmt_audit_head (id, seq, hash) VALUES (1, 0, '" + Audit.AuditHasher.GenesisHash + "')",
            """
            CREATE TABLE mgmt_audit_log (
              seq BIGINT PRIMARY KEY, ts BIGINT NOT NULL, type TEXT NOT NULL, action TEXT NOT NULL,
              actor TEXT NOT NULL, details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)
            """,
            "CREATE INDEX ix_mgmt_audit_type ON mgmt_audit_log (type, seq)",
            "CREATE INDEX ix_mgmt_audit_actor ON mgmt_audit_log (actor, seq)",
            "CREATE INDEX ix_mgmt_audit_ts ON mgmt_audit_log (ts)",
            """
            CREATE TABLE prompts (
              id {pk}, name TEXT NOT NULL UNIQUE, description TEXT NOT NULL,
              created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE prompt_versions (
              id {pk}, prompt_id BIGINT NOT NULL REFERENCES prompts (id) ON DELETE CASCADE, version BIGINT NOT NULL,
              template TEXT NOT NULL, guidelines TEXT NOT NULL, config TEXT NOT NULL, variables TEXT NOT NULL,
              commit_message TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL,
              UNIQUE (prompt_id, version))
            """,
            """
            CREATE TABLE prompt_labels (
              prompt_id BIGINT NOT NULL REFERENCES prompts (id) ON DELETE CASCADE, label TEXT NOT NULL,
              version BIGINT NOT NULL, updated_at BIGINT NOT NULL, updated_by TEXT NOT NULL,
              PRIMARY KEY (prompt_id, label))
            """,
            """
            CREATE TABLE prompt_history (
              id {pk}, prompt_id BIGINT NOT NULL REFERENCES prompts (id) ON DELETE CASCADE, ts BIGINT NOT NULL,
              action TEXT NOT NULL, label TEXT, from_version BIGINT, to_version BIGINT, actor TEXT NOT NULL, diff TEXT)
            """,
            "CREATE INDEX ix_prompt_history ON prompt_history (prompt_id, id)",
            """
            CREATE TABLE datasets (
              id {pk}, name TEXT NOT NULL UNIQUE, description TEXT NOT NULL,
              created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE dataset_items (
              id {pk}, dataset_id BIGINT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
              input TEXT NOT NULL, expected_output TEXT, context TEXT, verification_status TEXT NOT NULL,
              metadata TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX ix_dataset_items ON dataset_items (dataset_id, id)",
            """
            CREATE TABLE eval_runs (
              id {pk}, dataset_id BIGINT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE, name TEXT NOT NULL,
              prompt_name TEXT NOT NULL, prompt_label TEXT, prompt_version BIGINT NOT NULL, model TEXT NOT NULL,
              evaluators TEXT NOT NULL, thresholds TEXT NOT NULL, noise {real} NOT NULL, status TEXT NOT NULL,
              total BIGINT NOT NULL, done BIGINT NOT NULL, runner TEXT, created_by TEXT NOT NULL,
              created_at BIGINT NOT NULL, started_at BIGINT, finished_at BIGINT, error TEXT, summary TEXT)
            """,
            "CREATE INDEX ix_eval_runs_dataset ON eval_runs (dataset_id, id)",
            "CREATE INDEX ix_eval_runs_status ON eval_runs (status, id)",
            """
            CREATE TABLE eval_run_results (
              id {pk}, run_id BIGINT NOT NULL REFERENCES eval_runs (id) ON DELETE CASCADE, item_id BIGINT NOT NULL,
              output TEXT NOT NULL, latency_ms {real} NOT NULL, input_tokens BIGINT NOT NULL, output_tokens BIGINT NOT NULL,
              cost {real} NOT NULL, scores TEXT NOT NULL, passed BIGINT NOT NULL, error TEXT,
              UNIQUE (run_id, item_id))
            """,
        ]),
        new(2, "annotation queues, evaluators, alerts, settings, keys, leases", [
            """
            CREATE TABLE annotation_queues (
              id {pk}, name TEXT NOT NULL UNIQUE, description TEXT NOT NULL, score_configs TEXT NOT NULL,
              flag_rules TEXT NOT NULL, status TEXT NOT NULL, lease_seconds BIGINT NOT NULL,
              created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE annotation_items (
              id {pk}, queue_id BIGINT NOT NULL REFERENCES annotation_queues (id) ON DELETE CASCADE,
              trace_id TEXT NOT NULL, span_id TEXT NOT NULL, reason TEXT NOT NULL, severity TEXT NOT NULL,
              source TEXT NOT NULL, input TEXT, output TEXT, status TEXT NOT NULL, claimed_by TEXT, lease_token TEXT,
              lease_expires_at BIGINT, scores TEXT, comment TEXT, corrected_output TEXT, completed_by TEXT,
              completed_at BIGINT, exported_dataset_id BIGINT, flagged_at BIGINT NOT NULL, created_at BIGINT NOT NULL,
              UNIQUE (queue_id, trace_id, span_id))
            """,
            "CREATE INDEX ix_annotation_items_status ON annotation_items (queue_id, status, id)",
            """
            CREATE TABLE evaluators (
              id {pk}, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, template TEXT NOT NULL, score_name TEXT NOT NULL,
              target TEXT NOT NULL, sampling_rate {real} NOT NULL, status TEXT NOT NULL,
              created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE evaluation_logs (
              id {pk}, ts BIGINT NOT NULL, evaluator TEXT NOT NULL, trace_id TEXT, span_id TEXT, score {real},
              duration_ms {real} NOT NULL, status TEXT NOT NULL, message TEXT)
            """,
            "CREATE INDEX ix_evaluation_logs_evaluator ON evaluation_logs (evaluator, id)",
            "CREATE INDEX ix_evaluation_logs_status ON evaluation_logs (status, id)",
            "CREATE INDEX ix_evaluation_logs_trace ON evaluation_logs (trace_id)",
            "CREATE INDEX ix_evaluation_logs_ts ON evaluation_logs (ts)",
            """
            CREATE TABLE alert_rules (
              id {pk}, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, expression TEXT NOT NULL, operator TEXT NOT NULL,
              threshold {real} NOT NULL, for_seconds BIGINT NOT NULL, severity TEXT NOT NULL, labels TEXT NOT NULL,
              enabled BIGINT NOT NULL, muted_until BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE alert_states (
              id {pk}, rule_id BIGINT NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE, fingerprint TEXT NOT NULL,
              state TEXT NOT NULL, severity TEXT NOT NULL, value {real} NOT NULL, labels TEXT NOT NULL,
              started_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL, resolved_at BIGINT,
              acknowledged_by TEXT, acknowledged_at BIGINT, ack_comment TEXT, UNIQUE (rule_id, fingerprint))
            """,
            "CREATE INDEX ix_alert_states_state ON alert_states (state, id)",
            """
            CREATE TABLE alert_history (
              id {pk}, ts BIGINT NOT NULL, rule_id BIGINT NOT NULL, rule_name TEXT NOT NULL, fingerprint TEXT,
              event TEXT NOT NULL, severity TEXT NOT NULL, value {real}, actor TEXT NOT NULL, message TEXT NOT NULL)
            """,
            "CREATE INDEX ix_alert_history_rule ON alert_history (rule_id, id)",
            """
            CREATE TABLE mgmt_settings (
              section TEXT PRIMARY KEY, json TEXT NOT NULL, version BIGINT NOT NULL,
              updated_at BIGINT NOT NULL, updated_by TEXT NOT NULL)
            """,
            "CREATE TABLE mgmt_settings_version (id BIGINT PRIMARY KEY, version BIGINT NOT NULL)",
            "INSERT INTO mgmt_settings_version (id, version) VALUES (1, 0)",
            """
            CREATE TABLE mgmt_api_keys (
              id {pk}, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL,
              created_at BIGINT NOT NULL, expires_at BIGINT, revoked_at BIGINT)
            """,
            """
            CREATE TABLE job_leases (
              job_name TEXT PRIMARY KEY, holder TEXT NOT NULL, acquired_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            "CREATE TABLE mgmt_seeds (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)",
        ]),
        new(3, "alert rules evaluated by the engine: source column, seeded expressions in the engine's language", [
            // 'api' rules are managed through the API and evaluated by the alert engine; 'config' rows show the
            // collector's configured/built-in rules (registered by the engine with rule_id and source labels).
            "ALTER TABLE alert_rules ADD COLUMN source TEXT NOT NULL DEFAULT 'api'",
            "UPDATE alert_rules SET source = 'config' WHERE labels LIKE '%\"source\":\"llmops\"%' AND labels LIKE '%\"rule_id\":%'",

            // The four examples named recording rules nothing defined; untouched ones get evaluable expressions and
            // stay disabled (enabled as they are, they would duplicate the built-in rules).
            "UPDATE alert_rules SET expression = 'error_rate[5m]', enabled = 0 WHERE name = 'High error rate' AND expression = 'llmops:error_rate:5m'",
            "UPDATE alert_rules SET expression = 'latency_p95[5m]', enabled = 0 WHERE name = 'Slow responses' AND expression = 'llmops:latency_p95_seconds:5m'",
            "UPDATE alert_rules SET expression = 'cost_usd[1d]', enabled = 0 WHERE name = 'Daily cost budget' AND expression = 'llmops:cost_usd:24h'",
            """
            UPDATE alert_rules SET name = 'High hallucination rate'
            WHERE name = 'Hallucination drift' AND expression = 'llmops:evaluation_score_drift:hallucination'
              AND NOT EXISTS (SELECT 1 FROM alert_rules x WHERE x.name = 'High hallucination rate')
            """,
            """
            UPDATE alert_rules SET kind = 'evaluation_score', expression = 'hallucination_rate[1h]', enabled = 0
            WHERE expression = 'llmops:evaluation_score_drift:hallucination' AND name IN ('High hallucination rate', 'Hallucination drift')
            """,
        ]),
        new(4, "API key roles and scopes", [
            // Keys issued before scopes existed could do everything: they stay admin so their holders keep access.
            "ALTER TABLE mgmt_api_keys ADD COLUMN role TEXT NOT NULL DEFAULT 'admin'",
            "ALTER TABLE mgmt_api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT 'ingest,read,write,admin'",
            "CREATE INDEX ix_mgmt_api_keys_name ON mgmt_api_keys (name, id)",
        ]),
        new(5, "evaluation run heartbeats: a run whose runner stopped is queued again", [
            "ALTER TABLE eval_runs ADD COLUMN heartbeat_at BIGINT",
        ]),
    ];
}
