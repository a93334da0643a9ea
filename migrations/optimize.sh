#!/usr/bin/env bash
# Regenerates the compiled EF Core models, one per provider (migrations/*/CompiledModel), from the current model.
# Run it after every model change (README "Adding a migration"); a test fails while either is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Postgres Sqlite; do
  project=migrations/HeadlessCms.Migrations.$provider
  # Start clean: a stale model may no longer compile, and files of removed entity types must go.
  rm -rf "$project/CompiledModel"
  dotnet ef dbcontext optimize --project "$project" --output-dir CompiledModel \
    --namespace "HeadlessCms.Migrations.$provider.CompiledModel" >/dev/null
  # EF Core discovers that attribute only in the context's own assembly; the app picks the model by provider
  # (src/HeadlessCms.Api/Infrastructure/DatabaseSetup.cs), so the file would only mislead.
  rm -f "$project/CompiledModel/CmsDbContextAssemblyAttributes.cs"
  echo "$project/CompiledModel regenerated"
done
