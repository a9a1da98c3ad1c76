#!/usr/bin/env bash
# LlmOps quick start: builds once, starts the collector on its built-in configuration (OTLP gRPC :4317, OTLP/HTTP
# :4318, API, console and /metrics on :8080, embedded SQLite under ./data), waits until it is ready, then runs the
# factory-assistant simulator against it so data flows at once. Ctrl+C stops both (the collector drains first).
#   ./run.sh                 collector + simulator
#   ./run.sh --no-simulator  the collector alone
#   FACTORY_RATE=10 FACTORY_NOISE=0.3 ./run.sh   simulator knobs (see samples/FactoryAssistant/README.md)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A 32 MB youngest GC generation (the runtime's own is 6 MB): with scoring on it ends the frequent full collections
# (docs/runbook.md, "Tune the garbage collector"). Set it yourself to override.
export DOTNET_GCgen0size="${DOTNET_GCgen0size-0x2000000}"
# Two malloc arenas instead of glibc's 8 per core: SQLite's page caches are allocated from many threads, and the
# extra arenas kept ~50-70 MB of freed memory resident at 10,000 spans/s (docs/runbook.md, "Memory").
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX-2}"
simulate=1
collector_args=()
for arg in "$@"; do
  case "$arg" in
    --no-simulator) simulate=0 ;;
    *) collector_args+=("$arg") ;;
  esac
done

echo "Building (Release)…"
dotnet build collector/LlmOps.Collector/LlmOps.Collector.csproj -c Release -nologo -v quiet >/dev/null
[ "$simulate" -eq 1 ] && dotnet build samples/FactoryAssistant/FactoryAssistant.csproj -c Release -nologo -v quiet >/dev/null

dotnet collector/LlmOps.Collector/bin/Release/net10.0/LlmOps.Collector.dll "${collector_args[@]}" &
collector=$!
simulator=""
stop() {
  [ -n "$simulator" ] && kill -INT "$simulator" 2>/dev/null || true
  kill -TERM "$collector" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

management=${LLMOPS_MANAGEMENT_URL:-http://127.0.0.1:8080}
for _ in $(seq 1 60); do
  if curl -sf "$management/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$collector" 2>/dev/null; then echo "The collector exited; see the messages above." >&2; exit 1; fi
  sleep 1
done
echo "Collector ready: console $management/  API $management/api/v1/traces  metrics $management/metrics"

if [ "$simulate" -eq 1 ]; then
  FACTORY_DURATION=${FACTORY_DURATION:-0} dotnet samples/FactoryAssistant/bin/Release/net10.0/FactoryAssistant.dll \
    --endpoint "${FACTORY_ENDPOINT:-http://127.0.0.1:4317}" --feedback-endpoint "${FACTORY_FEEDBACK_ENDPOINT:-http://127.0.0.1:4318}" \
    --capture-content --prompt-registry "$management" &
  simulator=$!
fi
wait "$collector"
