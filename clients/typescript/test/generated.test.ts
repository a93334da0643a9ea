import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

test("src/generated/v1.ts is what openapi-typescript makes of openapi/v1.json (else run openapi/regenerate.sh)", () => {
  const dir = mkdtempSync(join(tmpdir(), "headlesscms-types-"));
  try {
    const out = join(dir, "v1.ts");
    const cli = join(packageDir, "node_modules/openapi-typescript/bin/cli.js");
    const run = spawnSync(process.execPath, [cli, join(packageDir, "../../openapi/v1.json"), "--output", out], {
      cwd: packageDir,
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stderr);

    const committed = readFileSync(join(packageDir, "src/generated/v1.ts"), "utf8");
    assert.ok(
      readFileSync(out, "utf8") === committed,
      "clients/typescript/src/generated/v1.ts is stale: run openapi/regenerate.sh and commit the result",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
