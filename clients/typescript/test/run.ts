// `npm test`: starts the real API (SQLite file in a temp dir, demo content, a random admin key), waits for
// /health/ready, runs every *.test.js with `node --test`, then stops the API. With HEADLESSCMS_API_URL (and
// HEADLESSCMS_API_KEY) set it uses that API instead and starts nothing.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url)); // <package>/test-build/test
const packageDir = resolve(here, "../..");
const repoRoot = resolve(packageDir, "../..");
const apiProject = join(repoRoot, "src/HeadlessCms.Api");

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? ok(address.port) : fail(new Error("no port"))));
    });
  });
}

async function waitForReady(baseUrl: string, api: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 180_000; // a cold start on two busy cores, migrations and demo seeding included
  while (Date.now() < deadline) {
    if (api.exitCode !== null) {
      throw new Error(`the API exited with ${api.exitCode} before it was ready:\n${readFileSync(logFile, "utf8")}`);
    }

    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      if (res.ok) {
        return;
      }
    } catch {
      // not listening yet
    }

    await new Promise((r) => setTimeout(r, 250));
  }

  throw new Error(`the API was not ready within 180 s:\n${readFileSync(logFile, "utf8")}`);
}

function stop(api: ChildProcess | undefined): Promise<void> {
  if (!api || api.exitCode !== null || api.pid === undefined) {
    return Promise.resolve();
  }

  return new Promise((done) => {
    const force = setTimeout(() => api.kill("SIGKILL"), 10_000);
    api.once("exit", () => {
      clearTimeout(force);
      done();
    });
    api.kill("SIGTERM");
  });
}

async function main(): Promise<number> {
  let baseUrl = process.env.HEADLESSCMS_API_URL;
  let apiKey = process.env.HEADLESSCMS_API_KEY;
  let api: ChildProcess | undefined;
  let workDir: string | undefined;
  const onSignal = () => void stop(api).then(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    if (!baseUrl) {
      // Build, then run the dll itself: killing `dotnet run` can leave the app running. .ci/run has just built it
      // with `dotnet test` and sets HEADLESSCMS_API_NO_BUILD=1 (a no-op build still costs seconds to minutes).
      const dll = join(apiProject, "bin/Debug/net10.0/HeadlessCms.Api.dll");
      if (process.env.HEADLESSCMS_API_NO_BUILD !== "1") {
        const build = spawnSync("dotnet", ["build", apiProject, "-v", "quiet", "-nologo"], { stdio: "inherit" });
        if (build.status !== 0) {
          throw new Error(`dotnet build ${apiProject} failed (${build.status ?? build.signal})`);
        }
      } else if (!existsSync(dll)) {
        throw new Error(`${dll} is missing: build the API first, or unset HEADLESSCMS_API_NO_BUILD`);
      }

      workDir = mkdtempSync(join(tmpdir(), "headlesscms-tsclient-"));
      const logFile = join(workDir, "api.log");
      const log = createWriteStream(logFile);
      apiKey = randomBytes(32).toString("base64url"); // 43 characters
      baseUrl = `http://127.0.0.1:${await freePort()}`;
      api = spawn("dotnet", [dll, "--urls", baseUrl], {
        cwd: apiProject,
        env: {
          ...process.env,
          Database__Provider: "Sqlite",
          ConnectionStrings__Cms: `Data Source=${join(workDir, "cms.db")}`,
          Cms__SeedDemoContent: "true",
          Cms__BootstrapAdminKey: apiKey,
          Cms__CursorSigningKey: randomBytes(32).toString("base64url"),
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      api.stdout?.pipe(log);
      api.stderr?.pipe(log);
      await waitForReady(baseUrl, api, logFile);
      console.log(`API ready at ${baseUrl} (log: ${logFile})`);
    }

    const testDir = here;
    const files = readdirSync(testDir)
      .filter((f) => f.endsWith(".test.js"))
      .map((f) => join(testDir, f));
    const run = spawnSync(process.execPath, ["--test", "--test-concurrency=1", "--test-reporter=spec", ...files], {
      stdio: "inherit",
      env: { ...process.env, HEADLESSCMS_API_URL: baseUrl, HEADLESSCMS_API_KEY: apiKey ?? "" },
    });
    return run.status ?? 1;
  } finally {
    await stop(api);
    if (workDir) {
      rmSync(workDir, { recursive: true, force: true });
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
