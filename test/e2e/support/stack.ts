// The whole product for browser tests: anvil + deploy script + demo seed, the indexer as its own
// process on PGlite, and the production build of the web app served by `vite preview`.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Deployment } from "@hexads/protocol";
import { build, preview } from "vite";
import {
  anvilAccount,
  anvilKey,
  deployContracts,
  freePort,
  repoRoot,
  rpc,
  setIntervalMining,
  startAnvil,
} from "../../../tools/localChain";
import { seed } from "../../../tools/seed";

export interface Stack {
  rpcUrl: string;
  /** Mines `blocks` blocks (a real-chain stack mines nothing by itself). */
  mine(blocks?: number): Promise<void>;
  deployment: Deployment;
  indexerUrl: string;
  webUrl: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  epochSeconds?: number;
  /** The web build's street basemap style (VITE_MAP_STYLE_URL); default "offline", the only map tests see otherwise. */
  mapStyleUrl?: string;
  /** VITE_MAP_FALLBACK_SECONDS: a test of the street path sets it long, so only a failed request falls back. */
  mapFallbackSeconds?: number;
  /**
   * Run sponsored payouts from anvil's account 9 (off by default, so the tests that claim by hand
   * are not raced by the operator).
   */
  payouts?: { min: string; intervalSeconds: number };
  /**
   * A rehearsal of a real chain: anvil with this chain id, the deploy script's production branch
   * (roles on separate keys, the treasury holding the supply, a real challenge period, no faucet),
   * no demo seed, the indexer waiting `confirmations`, and the web app built for that chain from the
   * deployment file. After the deploy anvil mines only when the test says so (`mine`).
   */
  realChain?: { chainId: number; confirmations: number };
}

/** Real-chain roles on anvil accounts 1-5: each role its own key, the deployer none of them. */
export const realChainRoles = {
  deployer: anvilAccount(1),
  admin: anvilAccount(2),
  settler: anvilAccount(3),
  guardian: anvilAccount(4),
  treasury: anvilAccount(5),
};

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const real = opts.realChain;
  const anvil = await startAnvil({ chainId: real?.chainId });
  const deploymentsDir = real
    ? mkdtempSync(join(repoRoot, "deployments", "e2e-"))
    : join(repoRoot, "deployments");
  const r = realChainRoles;
  const deployment = await deployContracts(
    anvil.rpcUrl,
    deploymentsDir,
    real
      ? {
          PRIVATE_KEY: anvilKey(1),
          ADMIN: r.admin.address,
          SETTLER: r.settler.address,
          GUARDIAN: r.guardian.address,
          TREASURY: r.treasury.address,
        }
      : {},
  );
  if (real) await rpc(anvil.rpcUrl, "evm_setAutomine", [false]);
  else {
    await seed(anvil.rpcUrl, deployment, () => {});
    // Then a block a second, as on a real chain: the settler cuts epochs at the chain's clock.
    await setIntervalMining(anvil.rpcUrl, 1);
  }
  const dataDir = mkdtempSync(join(tmpdir(), "hexads-e2e-"));
  const indexerPort = await freePort();
  const indexer: ChildProcess = spawn(process.execPath, ["--import", "tsx", "indexer/src/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      RPC_URL: anvil.rpcUrl,
      DEPLOYMENTS_DIR: deploymentsDir,
      DATA_DIR: dataDir,
      PORT: String(indexerPort),
      POLL_MS: "300",
      EPOCH_SECONDS: String(opts.epochSeconds ?? 5),
      LOG_LEVEL: "warn",
      ...(real && { CONFIRMATIONS: String(real.confirmations), SETTLER_PRIVATE_KEY: anvilKey(3) }),
      ...(opts.payouts && {
        PAYOUT_PRIVATE_KEY: anvilKey(9),
        PAYOUT_MIN: opts.payouts.min,
        PAYOUT_INTERVAL_SECONDS: String(opts.payouts.intervalSeconds),
      }),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const indexerUrl = `http://127.0.0.1:${indexerPort}`;
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${indexerUrl}/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }

  process.env.VITE_RPC_URL = anvil.rpcUrl;
  process.env.VITE_INDEXER_URL = indexerUrl;
  process.env.VITE_CHAIN_ID = String(deployment.chainId);
  process.env.DEPLOYMENTS_DIR = deploymentsDir;
  process.env.VITE_MAP_STYLE_URL = opts.mapStyleUrl ?? "offline";
  process.env.VITE_MAP_FALLBACK_SECONDS = String(opts.mapFallbackSeconds ?? 8);
  // No online geocoder: tests search the indexer's gazetteer only, and never leave this machine.
  process.env.VITE_GEOCODER_URL = "off";
  const configFile = join(repoRoot, "vite.config.ts");
  await build({ configFile, logLevel: "warn", build: { outDir: join(repoRoot, "web", "dist-e2e") } });
  const server = await preview({
    configFile,
    logLevel: "warn",
    build: { outDir: join(repoRoot, "web", "dist-e2e") },
    preview: { port: await freePort(), strictPort: true, host: "127.0.0.1" },
  });
  const webUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, "") ?? "";

  return {
    rpcUrl: anvil.rpcUrl,
    mine: (blocks = 1) => rpc(anvil.rpcUrl, "anvil_mine", [`0x${blocks.toString(16)}`]),
    deployment,
    indexerUrl,
    webUrl,
    async stop() {
      await new Promise<void>((r) => server.httpServer.close(() => r()));
      indexer.kill("SIGTERM");
      await anvil.stop();
      rmSync(dataDir, { recursive: true, force: true });
      if (real) rmSync(deploymentsDir, { recursive: true, force: true });
    },
  };
}
