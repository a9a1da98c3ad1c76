#!/usr/bin/env bash
# Delivery tests: Terraform (parse, variables/outputs documented, no secrets), GitHub workflows (action-validator,
# SHA pinning, permissions), the collector image definition, the OpenAPI document and docs coverage.
# Usage: bash tests/delivery/run.sh   (installs its npm packages from package-lock.json first)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
npm ci --no-audit --no-fund --prefer-offline --loglevel=error
exec node --test ./*.test.mjs
