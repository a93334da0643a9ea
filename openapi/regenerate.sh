#!/usr/bin/env bash
# Rewrites openapi/v1.json with the document the app serves at /swagger/v1/swagger.json.
# The Swashbuckle CLI runs the app's start-up without touching a database (see Infrastructure/StartupTasks.cs).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/HeadlessCms.Api -c Debug -v quiet -nologo
dotnet swagger tofile --openapiversion 3.1 --output openapi/v1.json src/HeadlessCms.Api/bin/Debug/net10.0/HeadlessCms.Api.dll v1 >/dev/null
echo "openapi/v1.json regenerated"

# The TypeScript client's types are generated from the same document (a test in clients/typescript fails when stale).
(
  cd clients/typescript
  [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
  npm run --silent generate >/dev/null
)
echo "clients/typescript/src/generated/v1.ts regenerated"
