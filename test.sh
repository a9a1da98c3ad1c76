#!/usr/bin/env bash
# LlmOps test entry point: installs what the tests need on a fresh Debian machine, then builds (warnings are
# errors), checks formatting, runs every test suite against real PostgreSQL, Prometheus, Alertmanager and Chromium,
# and dry-runs the benchmarks. Usage: ./test.sh   (CI runs exactly this through .ci/run)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
LOG_DIR=${LLMOPS_TEST_LOGS:-$ROOT/artifacts/test-logs}
mkdir -p "$LOG_DIR"

step() { printf '\n==> %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }

# ---------------------------------------------------------------- system packages
step "System packages"
missing=()
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$LOG_DIR/apt.log" 2>&1 \
    || { tail -n 40 "$LOG_DIR/apt.log"; exit 1; }
fi
# Debian starts the packaged services on install; the tests run their own instances on free ports.
for svc in prometheus prometheus-alertmanager; do
  command -v systemctl >/dev/null 2>&1 && systemctl stop "$svc" >/dev/null 2>&1 || true
done

# ---------------------------------------------------------------- PostgreSQL for the storage suites
step "PostgreSQL"
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || command -v initdb)")
PG_DIR=$(mktemp -d /tmp/llmops-pg.XXXXXX)
PG_PORT=${LLMOPS_TEST_PG_PORT:-55432}
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 >"$LOG_DIR/initdb.log" 2>&1
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
cleanup() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
export LLMOPS_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
echo "PostgreSQL on 127.0.0.1:$PG_PORT"

# ---------------------------------------------------------------- build
step "Restore and build (Release, warnings as errors)"
dotnet restore LlmOps.sln >"$LOG_DIR/restore.log" 2>&1 || { tail -n 60 "$LOG_DIR/restore.log"; exit 1; }
dotnet build LlmOps.sln -c Release --no-restore -warnaserror >"$LOG_DIR/build.log" 2>&1 \
  || { grep -E "error|warning" "$LOG_DIR/build.log" | sort -u | head -n 80; exit 1; }

step "Format check"
dotnet format LlmOps.sln --verify-no-changes --no-restore >"$LOG_DIR/format.log" 2>&1 \
  || { head -n 60 "$LOG_DIR/format.log"; exit 1; }

# ---------------------------------------------------------------- tests
step "Tests"
export CHROMIUM_PATH=${CHROMIUM_PATH:-$(command -v chromium || true)}
export LLMOPS_SHARED_DATA=${LLMOPS_SHARED_DATA:-$ROOT/../shared/data}
failed=0
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  step "dotnet test $name"
  if ! dotnet test "$proj" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$LOG_DIR" \
      --logger "console;verbosity=normal" >"$LOG_DIR/$name.log" 2>&1; then
    failed=1
    grep -E "Failed |Error Message|Assert|Exception" "$LOG_DIR/$name.log" | head -n 60
  fi
  grep -E "^(Passed!|Failed!)|Total tests|Passed:|Failed:|Skipped:" "$LOG_DIR/$name.log" | tail -n 4 || true
done

if [ -f tests/delivery/run.sh ]; then
  step "Delivery checks (terraform, workflows, OpenAPI, docs)"
  bash tests/delivery/run.sh >"$LOG_DIR/delivery.log" 2>&1 || { failed=1; tail -n 60 "$LOG_DIR/delivery.log"; }
  tail -n 8 "$LOG_DIR/delivery.log"
fi

# ---------------------------------------------------------------- benchmarks stay runnable
step "Benchmark dry run"
LLMOPS_BENCH_DRY=1 LLMOPS_BENCH_SEARCH_SPANS=20000 dotnet run -c Release --no-build --project benchmarks/LlmOps.Benchmarks -- --filter '*' --job Dry \
  --artifacts "$ROOT/artifacts/benchmarks" >"$LOG_DIR/benchmarks.log" 2>&1 \
  || { failed=1; tail -n 60 "$LOG_DIR/benchmarks.log"; }

if [ "$failed" -ne 0 ]; then
  step "FAILED (logs in $LOG_DIR)"
  exit 1
fi
step "All checks passed"
