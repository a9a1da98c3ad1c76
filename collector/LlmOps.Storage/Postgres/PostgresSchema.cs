namespace LlmOps.Storage.Postgres;

/// <summary>
/// Versioned migrations of the PostgreSQL schema. They run inside one transaction holding a transaction-level
/// advisory lock, so collector replicas starting together migrate one after the other and the later ones find
/// nothing left to do.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock key (ASCII "LLMOPSDB").</summary>
    public const long MigrationLockKey = 0x4C4C4D4F50534442;

    public const string MigrationsTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, description text NOT NULL, applied_at_unix_ms bigint NOT NULL)";

    public static readonly (int Version, string Description, string Sql)[] Migrations =
    [
        (1, "spans, traces, sessions, evaluation results, logs, full-text search", """
            CREATE TABLE resources (
                id text PRIMARY KEY,
                schema_url text NOT NULL,
                attributes text
            );

            CREATE TABLE spans (
                trace_id text NOT NULL,
                span_id text NOT NULL,
                parent_span_id text,
                name text NOT NULL,
                kind bigint NOT NULL,
                start_time_unix_nano bigint NOT NULL,
                end_time_unix_nano bigint NOT NULL,
                duration_ms double precision NOT NULL,
                status_code bigint NOT NULL,
                status_message text,
                trace_state text,
                flags bigint NOT NULL,
                service_name text,
                scope_name text,
                scope_version text,
                operation text,
                provider text,
                request_model text,
                response_model text,
                response_id text,
                input_tokens bigint,
                output_tokens bigint,
                cached_input_tokens bigint,
                reasoning_tokens bigint,
                conversation_id text,
                session_id text,
                user_id text,
                finish_reasons text,
                error_type text,
                prompt_name text,
                prompt_version text,
                cost_usd double precision,
                dropped_attributes_count bigint NOT NULL,
                dropped_events_count bigint NOT NULL,
                dropped_links_count bigint NOT NULL,
                resource_id text,
                is_gen_ai bigint NOT NULL,
                input_text text,
                output_text text,
                attributes text,
                events text,
                links text,
                scope_attributes text,
                retrieval_documents text,
                guardrail_flags text,
                PRIMARY KEY (trace_id, span_id)
            );
            CREATE INDEX spans_response_id ON spans (response_id) WHERE response_id IS NOT NULL;

            CREATE TABLE traces (
                trace_id text PRIMARY KEY,
                root_span_id text,
                name text NOT NULL,
                service_name text,
                start_ns bigint NOT NULL,
                end_ns bigint NOT NULL,
                duration_ms double precision NOT NULL,
                span_count bigint NOT NULL,
                error_count bigint NOT NULL,
                status_code bigint NOT NULL,
                models text,
                user_id text,
                session_id text,
                input_tokens bigint NOT NULL,
                output_tokens bigint NOT NULL,
                total_tokens bigint NOT NULL,
                cost_usd double precision NOT NULL,
                priced_spans bigint NOT NULL,
                input_ns bigint,
                output_ns bigint,
                input_text text,
                output_text text,
                search tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig,
                    left(coalesce(input_text, ''), 200000) || ' ' || left(coalesce(output_text, ''), 200000))) STORED
            );
            CREATE INDEX traces_start ON traces (start_ns, trace_id);
            CREATE INDEX traces_user ON traces (user_id, start_ns);
            CREATE INDEX traces_session ON traces (session_id, start_ns);
            CREATE INDEX traces_duration ON traces (duration_ms);
            CREATE INDEX traces_search ON traces USING gin (search);

            CREATE TABLE sessions (
                session_id text PRIMARY KEY,
                user_id text,
                first_seen_ns bigint NOT NULL,
                last_seen_ns bigint NOT NULL,
                trace_count bigint NOT NULL,
                error_trace_count bigint NOT NULL,
                input_tokens bigint NOT NULL,
                output_tokens bigint NOT NULL,
                total_tokens bigint NOT NULL,
                cost_usd double precision NOT NULL,
                priced_spans bigint NOT NULL
            );
            CREATE INDEX sessions_last_seen ON sessions (last_seen_ns, session_id);
            CREATE INDEX sessions_user ON sessions (user_id, last_seen_ns);

            CREATE TABLE evaluation_results (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                trace_id text NOT NULL,
                span_id text NOT NULL,
                name text NOT NULL,
                source text NOT NULL,
                response_id text NOT NULL,
                time_unix_nano bigint NOT NULL,
                score_value double precision,
                score_label text,
                explanation text,
                user_id text
            );
            CREATE UNIQUE INDEX evaluation_results_key ON evaluation_results (trace_id, span_id, name, source, response_id, time_unix_nano);
            CREATE INDEX evaluation_results_response ON evaluation_results (response_id);
            CREATE INDEX evaluation_results_time ON evaluation_results (time_unix_nano);

            CREATE TABLE log_records (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                time_unix_nano bigint NOT NULL,
                observed_time_unix_nano bigint NOT NULL,
                severity_number bigint NOT NULL,
                severity_text text,
                trace_id text,
                span_id text,
                flags bigint NOT NULL,
                event_name text,
                resource_id text,
                scope_name text,
                scope_version text,
                scope_attributes text,
                body text,
                attributes text,
                dedup_key text NOT NULL UNIQUE
            );
            CREATE INDEX log_records_trace ON log_records (trace_id) WHERE trace_id IS NOT NULL;
            CREATE INDEX log_records_time ON log_records (time_unix_nano);

            -- Union of two '|a|b|' model sets, sorted and distinct (the SQLite store registers the same function in C#).
            CREATE FUNCTION llmops_merge_models(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
                SELECT CASE
                    WHEN a IS NULL OR a = '' THEN NULLIF(b, '')
                    WHEN b IS NULL OR b = '' OR a = b THEN a
                    ELSE '|' || (SELECT string_agg(m, '|' ORDER BY m COLLATE "C")
                                 FROM (SELECT DISTINCT m FROM unnest(string_to_array(a || b, '|')) AS m WHERE m <> '') AS d) || '|'
                END
            $fn$;
            """),
        (2, "no index on trace duration: each insert took a random page of it", """
            DROP INDEX IF EXISTS traces_duration;
            """),
        (3, "large text columns compressed with lz4 where the server has it (pglz took a tenth of the server's insert time)", """
            DO $m$
            BEGIN
                IF current_setting('server_version_num')::int >= 140000 THEN
                    BEGIN
                        EXECUTE 'ALTER TABLE spans ALTER COLUMN attributes SET COMPRESSION lz4, ALTER COLUMN events SET COMPRESSION lz4, '
                            || 'ALTER COLUMN input_text SET COMPRESSION lz4, ALTER COLUMN output_text SET COMPRESSION lz4, '
                            || 'ALTER COLUMN retrieval_documents SET COMPRESSION lz4';
                        EXECUTE 'ALTER TABLE traces ALTER COLUMN input_text SET COMPRESSION lz4, ALTER COLUMN output_text SET COMPRESSION lz4';
                    EXCEPTION WHEN feature_not_supported THEN
                        RAISE NOTICE 'lz4 is not available in this server; large text columns keep pglz';
                    END;
                END IF;
            END
            $m$;
            """),
        (4, "search vector over the first 50,000 characters of input and output: 200,000 of each could pass tsvector's 1 MB limit and fail the batch", """
            ALTER TABLE traces DROP COLUMN search;
            ALTER TABLE traces ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig,
                left(coalesce(input_text, ''), 50000) || ' ' || left(coalesce(output_text, ''), 50000))) STORED;
            CREATE INDEX traces_search ON traces USING gin (search);
            """),
    ];
}
