namespace LlmOps.Storage.Sqlite;

/// <summary>Versioned migrations of the SQLite schema; each runs once, recorded in <c>schema_migrations</c>.</summary>
internal static class SqliteSchema
{
    public const int FullTextVersion = 2;

    /// <summary>
    /// From this version the sessions table is kept up to date by triggers on <c>traces</c> (a trace's contribution
    /// added on insert, its change on update), so a batch costs O(traces written) instead of re-aggregating every trace
    /// of each touched session. Sums, minima and maxima do not depend on the order batches arrive in.
    /// </summary>
    public const int IncrementalSessionsVersion = 3;

    /// <summary>
    /// From this version FTS5 does not merge its segments on its own (<c>automerge = 0</c>); the writer does a bounded
    /// amount of merge work in every transaction instead (until <see cref="SearchQueueVersion"/>). FTS5's own merges ran whenever a
    /// level filled up, inside the commit that filled it, and grew with the index: at a few million traces they held a
    /// commit for 0.3–0.8 s every couple of minutes.
    /// </summary>
    public const int FtsMergeVersion = 4;

    /// <summary>
    /// From this version the full-text index lives in a file of its own (<see cref="SqliteSearchIndex"/>): the main
    /// file's triggers only append the changed trace's row id to <c>search_queue</c> (op 0 insert, 1 update, 2 delete),
    /// and the index's own writer applies the queue. The span writer trims the entries the index has applied.
    /// <c>search_source</c> holds a random id of this queue; an index file built from another queue is rebuilt.
    /// </summary>
    public const int SearchQueueVersion = 5;

    /// <summary>
    /// From this version spans are unique on <c>(trace_row, span_id)</c>, <c>trace_row</c> being the row id of the span's
    /// trace, instead of on <c>(trace_id, span_id)</c>. Trace ids are random, so that index took a random page for every
    /// span; a new trace's row id is the next one, so its spans append. Spans of a trace are found through its row in
    /// <c>traces</c> (<see cref="SpansOfTrace"/>).
    /// </summary>
    public const int SpansByTraceRowVersion = 7;

    /// <summary>
    /// From this version the span writer adds the traces a batch creates to their sessions itself, one UPSERT per session
    /// and batch (<see cref="Internal.SessionDeltas"/>), instead of the insert trigger of
    /// <see cref="IncrementalSessionsVersion"/> doing one per trace; the update trigger stays, for traces stored before.
    /// </summary>
    public const int SessionsPerBatchVersion = 8;

    /// <summary>The condition on <c>spans</c> (alias <paramref name="alias"/>) selecting the spans of the trace whose id is <paramref name="traceIdParameter"/>.</summary>
    public static string SpansOfTrace(string alias, string traceIdParameter) =>
        $"{alias}.trace_row = (SELECT tr.id FROM traces tr WHERE tr.trace_id = {traceIdParameter})";

    /// <summary>As <see cref="SpansOfTrace"/>, for the traces whose ids <paramref name="traceIds"/> lists (a SQL list or subquery).</summary>
    public static string SpansOfTraces(string alias, string traceIds) =>
        $"{alias}.trace_row IN (SELECT tr.id FROM traces tr WHERE tr.trace_id IN ({traceIds}))";

    /// <summary>Migrations that need FTS5 (skipped, with the search falling back to LIKE, where SQLite lacks it).</summary>
    public static bool NeedsFullText(int version) => version is FullTextVersion or FtsMergeVersion or SearchQueueVersion;

    public const string MigrationsTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at_unix_ms INTEGER NOT NULL)";

    public static readonly (int Version, string Description, string Sql)[] Migrations =
    [
        (1, "spans, traces, sessions, evaluation results, logs", """
            CREATE TABLE resources (
                id TEXT PRIMARY KEY,
                schema_url TEXT NOT NULL,
                attributes TEXT
            ) WITHOUT ROWID;

            CREATE TABLE spans (
                id INTEGER PRIMARY KEY,
                trace_id TEXT NOT NULL,
                span_id TEXT NOT NULL,
                parent_span_id TEXT,
                name TEXT NOT NULL,
                kind INTEGER NOT NULL,
                start_time_unix_nano INTEGER NOT NULL,
                end_time_unix_nano INTEGER NOT NULL,
                duration_ms REAL NOT NULL,
                status_code INTEGER NOT NULL,
                status_message TEXT,
                trace_state TEXT,
                flags INTEGER NOT NULL,
                service_name TEXT,
                scope_name TEXT,
                scope_version TEXT,
                operation TEXT,
                provider TEXT,
                request_model TEXT,
                response_model TEXT,
                response_id TEXT,
                input_tokens INTEGER,
                output_tokens INTEGER,
                cached_input_tokens INTEGER,
                reasoning_tokens INTEGER,
                conversation_id TEXT,
                session_id TEXT,
                user_id TEXT,
                finish_reasons TEXT,
                error_type TEXT,
                prompt_name TEXT,
                prompt_version TEXT,
                cost_usd REAL,
                dropped_attributes_count INTEGER NOT NULL,
                dropped_events_count INTEGER NOT NULL,
                dropped_links_count INTEGER NOT NULL,
                resource_id TEXT,
                is_gen_ai INTEGER NOT NULL,
                input_text TEXT,
                output_text TEXT,
                attributes TEXT,
                events TEXT,
                links TEXT,
                scope_attributes TEXT,
                retrieval_documents TEXT,
                guardrail_flags TEXT
            );
            CREATE UNIQUE INDEX spans_trace_span ON spans (trace_id, span_id);

            CREATE TABLE traces (
                id INTEGER PRIMARY KEY,
                trace_id TEXT NOT NULL,
                root_span_id TEXT,
                name TEXT NOT NULL,
                service_name TEXT,
                start_ns INTEGER NOT NULL,
                end_ns INTEGER NOT NULL,
                duration_ms REAL NOT NULL,
                span_count INTEGER NOT NULL,
                error_count INTEGER NOT NULL,
                status_code INTEGER NOT NULL,
                models TEXT,
                user_id TEXT,
                session_id TEXT,
                input_tokens INTEGER NOT NULL,
                output_tokens INTEGER NOT NULL,
                total_tokens INTEGER NOT NULL,
                cost_usd REAL NOT NULL,
                priced_spans INTEGER NOT NULL,
                input_ns INTEGER,
                output_ns INTEGER,
                input_text TEXT,
                output_text TEXT
            );
            CREATE UNIQUE INDEX traces_trace_id ON traces (trace_id);
            CREATE INDEX traces_start ON traces (start_ns, trace_id);
            CREATE INDEX traces_user ON traces (user_id, start_ns);
            CREATE INDEX traces_session ON traces (session_id, start_ns);
            CREATE INDEX traces_duration ON traces (duration_ms);

            CREATE TABLE sessions (
                session_id TEXT PRIMARY KEY,
                user_id TEXT,
                first_seen_ns INTEGER NOT NULL,
                last_seen_ns INTEGER NOT NULL,
                trace_count INTEGER NOT NULL,
                error_trace_count INTEGER NOT NULL,
                input_tokens INTEGER NOT NULL,
                output_tokens INTEGER NOT NULL,
                total_tokens INTEGER NOT NULL,
                cost_usd REAL NOT NULL,
                priced_spans INTEGER NOT NULL
            );
            CREATE INDEX sessions_last_seen ON sessions (last_seen_ns, session_id);
            CREATE INDEX sessions_user ON sessions (user_id, last_seen_ns);

            CREATE TABLE evaluation_results (
                id INTEGER PRIMARY KEY,
                trace_id TEXT NOT NULL,
                span_id TEXT NOT NULL,
                name TEXT NOT NULL,
                source TEXT NOT NULL,
                response_id TEXT NOT NULL,
                time_unix_nano INTEGER NOT NULL,
                score_value REAL,
                score_label TEXT,
                explanation TEXT,
                user_id TEXT
            );
            CREATE UNIQUE INDEX evaluation_results_key ON evaluation_results (trace_id, span_id, name, source, response_id, time_unix_nano);
            CREATE INDEX evaluation_results_response ON evaluation_results (response_id);
            CREATE INDEX evaluation_results_time ON evaluation_results (time_unix_nano);

            CREATE TABLE log_records (
                id INTEGER PRIMARY KEY,
                time_unix_nano INTEGER NOT NULL,
                observed_time_unix_nano INTEGER NOT NULL,
                severity_number INTEGER NOT NULL,
                severity_text TEXT,
                trace_id TEXT,
                span_id TEXT,
                flags INTEGER NOT NULL,
                event_name TEXT,
                resource_id TEXT,
                scope_name TEXT,
                scope_version TEXT,
                scope_attributes TEXT,
                body TEXT,
                attributes TEXT,
                dedup_key TEXT NOT NULL
            );
            CREATE UNIQUE INDEX log_records_dedup ON log_records (dedup_key);
            CREATE INDEX log_records_trace ON log_records (trace_id) WHERE trace_id IS NOT NULL;
            CREATE INDEX log_records_time ON log_records (time_unix_nano);
            """),
        (FullTextVersion, "FTS5 index over trace input/output text", """
            CREATE VIRTUAL TABLE traces_fts USING fts5(input_text, output_text, content='traces', content_rowid='id', tokenize='unicode61', detail='none', columnsize=0);
            CREATE TRIGGER traces_fts_insert AFTER INSERT ON traces
            WHEN new.input_text IS NOT NULL OR new.output_text IS NOT NULL BEGIN
                INSERT INTO traces_fts (rowid, input_text, output_text) VALUES (new.id, new.input_text, new.output_text);
            END;
            CREATE TRIGGER traces_fts_update AFTER UPDATE OF input_text, output_text ON traces
            WHEN old.input_text IS NOT new.input_text OR old.output_text IS NOT new.output_text BEGIN
                INSERT INTO traces_fts (traces_fts, rowid, input_text, output_text)
                    SELECT 'delete', old.id, old.input_text, old.output_text WHERE old.input_text IS NOT NULL OR old.output_text IS NOT NULL;
                INSERT INTO traces_fts (rowid, input_text, output_text)
                    SELECT new.id, new.input_text, new.output_text WHERE new.input_text IS NOT NULL OR new.output_text IS NOT NULL;
            END;
            CREATE TRIGGER traces_fts_delete AFTER DELETE ON traces
            WHEN old.input_text IS NOT NULL OR old.output_text IS NOT NULL BEGIN
                INSERT INTO traces_fts (traces_fts, rowid, input_text, output_text) VALUES ('delete', old.id, old.input_text, old.output_text);
            END;
            INSERT INTO traces_fts (rowid, input_text, output_text)
                SELECT id, input_text, output_text FROM traces WHERE input_text IS NOT NULL OR output_text IS NOT NULL;
            """),
        (3, "sessions maintained incrementally from trace inserts and updates", """
            CREATE TRIGGER traces_sessions_insert AFTER INSERT ON traces WHEN new.session_id IS NOT NULL BEGIN
                INSERT INTO sessions (session_id, user_id, first_seen_ns, last_seen_ns, trace_count, error_trace_count, input_tokens, output_tokens, total_tokens, cost_usd, priced_spans)
                VALUES (new.session_id, new.user_id, new.start_ns, new.end_ns, 1, new.error_count > 0, new.input_tokens, new.output_tokens, new.total_tokens, new.cost_usd, new.priced_spans)
                ON CONFLICT (session_id) DO UPDATE SET
                    user_id = CASE WHEN sessions.user_id IS NULL THEN excluded.user_id WHEN excluded.user_id IS NULL THEN sessions.user_id ELSE min(sessions.user_id, excluded.user_id) END,
                    first_seen_ns = min(sessions.first_seen_ns, excluded.first_seen_ns),
                    last_seen_ns = max(sessions.last_seen_ns, excluded.last_seen_ns),
                    trace_count = sessions.trace_count + 1,
                    error_trace_count = sessions.error_trace_count + excluded.error_trace_count,
                    input_tokens = sessions.input_tokens + excluded.input_tokens,
                    output_tokens = sessions.output_tokens + excluded.output_tokens,
                    total_tokens = sessions.total_tokens + excluded.total_tokens,
                    cost_usd = sessions.cost_usd + excluded.cost_usd,
                    priced_spans = sessions.priced_spans + excluded.priced_spans;
            END;
            CREATE TRIGGER traces_sessions_update AFTER UPDATE ON traces WHEN new.session_id IS NOT NULL BEGIN
                INSERT INTO sessions (session_id, user_id, first_seen_ns, last_seen_ns, trace_count, error_trace_count, input_tokens, output_tokens, total_tokens, cost_usd, priced_spans)
                VALUES (new.session_id, new.user_id, new.start_ns, new.end_ns, 1, new.error_count > 0, new.input_tokens, new.output_tokens, new.total_tokens, new.cost_usd, new.priced_spans)
                ON CONFLICT (session_id) DO UPDATE SET
                    user_id = CASE WHEN sessions.user_id IS NULL THEN excluded.user_id WHEN excluded.user_id IS NULL THEN sessions.user_id ELSE min(sessions.user_id, excluded.user_id) END,
                    first_seen_ns = min(sessions.first_seen_ns, excluded.first_seen_ns),
                    last_seen_ns = max(sessions.last_seen_ns, excluded.last_seen_ns),
                    trace_count = sessions.trace_count + (old.session_id IS NULL),
                    error_trace_count = sessions.error_trace_count + excluded.error_trace_count - (old.session_id IS NOT NULL AND old.error_count > 0),
                    input_tokens = sessions.input_tokens + excluded.input_tokens - iif(old.session_id IS NULL, 0, old.input_tokens),
                    output_tokens = sessions.output_tokens + excluded.output_tokens - iif(old.session_id IS NULL, 0, old.output_tokens),
                    total_tokens = sessions.total_tokens + excluded.total_tokens - iif(old.session_id IS NULL, 0, old.total_tokens),
                    cost_usd = sessions.cost_usd + excluded.cost_usd - iif(old.session_id IS NULL, 0, old.cost_usd),
                    priced_spans = sessions.priced_spans + excluded.priced_spans - iif(old.session_id IS NULL, 0, old.priced_spans);
            END;
            """),
        (FtsMergeVersion, "FTS5 merges done a little in every write instead of all at once", """
            INSERT INTO traces_fts (traces_fts, rank) VALUES ('automerge', 0);
            """),
        (SearchQueueVersion, "full-text index moved to its own file, fed from a queue of changed traces", """
            DROP TRIGGER IF EXISTS traces_fts_insert;
            DROP TRIGGER IF EXISTS traces_fts_update;
            DROP TRIGGER IF EXISTS traces_fts_delete;
            DROP TABLE IF EXISTS traces_fts;
            CREATE TABLE search_queue (seq INTEGER PRIMARY KEY, trace_row INTEGER NOT NULL, op INTEGER NOT NULL);
            CREATE TABLE search_source (id TEXT NOT NULL);
            INSERT INTO search_source (id) VALUES (lower(hex(randomblob(16))));
            CREATE TRIGGER search_queue_insert AFTER INSERT ON traces
            WHEN new.input_text IS NOT NULL OR new.output_text IS NOT NULL BEGIN
                INSERT INTO search_queue (trace_row, op) VALUES (new.id, 0);
            END;
            CREATE TRIGGER search_queue_update AFTER UPDATE OF input_text, output_text ON traces
            WHEN old.input_text IS NOT new.input_text OR old.output_text IS NOT new.output_text BEGIN
                INSERT INTO search_queue (trace_row, op) VALUES (new.id, 1);
            END;
            CREATE TRIGGER search_queue_delete AFTER DELETE ON traces
            WHEN old.input_text IS NOT NULL OR old.output_text IS NOT NULL BEGIN
                INSERT INTO search_queue (trace_row, op) VALUES (old.id, 2);
            END;
            """),
        (6, "no index on trace duration: each insert took a random page of it", """
            DROP INDEX IF EXISTS traces_duration;
            """),
        (SpansByTraceRowVersion, "spans keyed by their trace's row id instead of its random trace id", """
            ALTER TABLE spans ADD COLUMN trace_row INTEGER;
            UPDATE spans SET trace_row = (SELECT t.id FROM traces t WHERE t.trace_id = spans.trace_id);
            CREATE UNIQUE INDEX spans_trace_row ON spans (trace_row, span_id);
            DROP INDEX spans_trace_span;
            """),
        (SessionsPerBatchVersion, "new traces added to their sessions once per session and batch instead of by a trigger per trace", """
            DROP TRIGGER IF EXISTS traces_sessions_insert;
            """),
    ];
}
