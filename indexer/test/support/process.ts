import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Deployment } from "@hexads/protocol";

const indexerDir = resolve(import.meta.dirname, "../..");

/** Writes `deployment` where a separate indexer process can read it (DEPLOYMENTS_DIR). */
export function deploymentsDir(deployment: Deployment): string {
  const dir = mkdtempSync(join(tmpdir(), "hexads-deploy-"));
  writeFileSync(join(dir, `${deployment.chainId}.json`), JSON.stringify(deployment));
  return dir;
}

export interface IndexerProcess {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

/**
 * Runs `src/main.ts` as its own process, the way it runs in production. One node process (tsx
 * loaded as a hook, not the tsx CLI, which would fork a child that outlives a SIGKILL).
 */
export function spawnIndexer(env: Record<string, string>): IndexerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: indexerDir,
    env: { ...process.env, LOG_LEVEL: "info", PORT: "0", POLL_MS: "200", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  return {
    child,
    output: () => out,
    async waitFor(pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out)) {
        if (child.exitCode !== null) throw new Error(`indexer exited (${child.exitCode}):\n${out}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    kill: (signal = "SIGKILL") =>
      new Promise((r) => {
        if (child.exitCode !== null || child.signalCode !== null) return r();
        child.once("exit", () => r());
        child.kill(signal);
      }),
  };
}

/** Spawns an indexer with its API and waits until `readyPath` answers 200; returns it and its base URL. */
export async function spawnIndexerApi(env: Record<string, string>, readyPath = "/status") {
  const p = spawnIndexer(env);
  await p.waitFor(/HEXADS_INDEXER_PORT=(\d+)/);
  const base = `http://127.0.0.1:${/HEXADS_INDEXER_PORT=(\d+)/.exec(p.output())?.[1]}`;
  const deadline = Date.now() + 30_000;
  while ((await fetch(base + readyPath)).status !== 200) {
    if (Date.now() > deadline) throw new Error(`${readyPath} not ready:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { p, base };
}
