#!/usr/bin/env bash
# The whole suite, as the README promises: typecheck, lint, unit + integration (with src/domain
# coverage), then E2E in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"; npx tsc --noEmit -p tsconfig.json
echo "== lint"; npx biome check .
echo "== unit + integration (coverage of src/domain)"
# The staff runtime's tests run on their own after the rest: under CPU contention from parallel test
# files, closing a workstation's replica (rxdb 15.39) now and then never finishes — a replication
# write into the memory storage stays pending — and the file hangs; alone it has not (issue 15 note).
npx vitest run --coverage --exclude test/integration/staff/staff-runtime.test.ts
npx vitest run test/integration/staff/staff-runtime.test.ts
if compgen -G "test/e2e/*.spec.ts" > /dev/null; then
  echo "== e2e (Chromium)"; npx playwright test
fi
