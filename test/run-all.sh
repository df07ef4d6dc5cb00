#!/usr/bin/env bash
# The whole suite, as the README promises: typecheck, lint, unit + integration (with src/domain
# coverage), then E2E in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"; npx tsc --noEmit -p tsconfig.json
echo "== lint"; npx biome check .
echo "== unit + integration (coverage of src/domain)"; npx vitest run --coverage
if compgen -G "test/e2e/*.spec.ts" > /dev/null; then
  echo "== e2e (Chromium)"; npx playwright test
fi
