#!/usr/bin/env bash
# Install the pinned tools from package-lock.json, generate TypeScript types from the committed
# openapi/schema.yaml, and type-check example.ts against them. Needs Node 20+ and the npm
# registry, nothing else. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

npm ci --no-audit --no-fund
rm -rf generated
npm run --silent generate
npx --no-install tsc --version
npm run --silent typecheck
echo "TypeScript client: generated from openapi/schema.yaml and type-checked"
