#!/usr/bin/env bash
# Rewrites openapi/v1.json with the document the app serves at /swagger/v1/swagger.json.
# The Swashbuckle CLI runs the app's start-up without touching a database (see Infrastructure/StartupTasks.cs).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/HeadlessCms.Api -c Debug -v quiet -nologo
dotnet swagger tofile --output openapi/v1.json src/HeadlessCms.Api/bin/Debug/net10.0/HeadlessCms.Api.dll v1 >/dev/null
echo "openapi/v1.json regenerated"
