import { type Deployment, LOCAL_CHAIN_ID } from "@hexads/protocol";
import type { Logger } from "pino";
import { createWalletClient, http, type PublicClient, parseEther } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { DEFAULT_CTR_LIMIT } from "../clicks/checks/ctrOutlier.js";
import { type Config, confirmationsFor } from "../config.js";
import type { Db } from "../db/client.js";
import { Payouts } from "./payouts.js";
import { Settler, type SettlerOptions } from "./settler.js";

/** Anvil's account 0, the settler the deploy script sets on the dev chain. Public; dev chain only. */
const ANVIL_ACCOUNT_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/** Crash drills: die like a power cut at the named point of settlement (HEXADS_CRASH_AT). */
function crashHooks(at: Config["HEXADS_CRASH_AT"]): SettlerOptions["hooks"] {
  const die = async () => {
    process.kill(process.pid, "SIGKILL");
  };
  if (at === "after-build") return { afterBuild: die };
  if (at === "after-post") return { afterPost: die };
  return undefined;
}

/**
 * The settler (when this process has its key: SETTLER_PRIVATE_KEY, or anvil's account 0 on the dev
 * chain) and the sponsored payouts (when the operator has one: PAYOUT_PRIVATE_KEY), as configured.
 */
export function settlementFromConfig(
  config: Config,
  ctx: { client: PublicClient; db: Db; deployment: Deployment; log: Logger },
): { settler?: Settler; payouts?: Payouts } {
  const key =
    config.SETTLER_PRIVATE_KEY ?? (ctx.deployment.chainId === LOCAL_CHAIN_ID ? ANVIL_ACCOUNT_0 : undefined);
  let settler: Settler | undefined;
  if (key) {
    const wallet = createWalletClient({
      account: privateKeyToAccount(key as `0x${string}`),
      transport: http(config.RPC_URL),
    });
    settler = new Settler({
      db: ctx.db,
      client: ctx.client,
      wallet,
      deployment: ctx.deployment,
      epochSeconds: config.EPOCH_SECONDS,
      chunkSize: config.SETTLE_CHUNK,
      confirmations: config.SETTLE_CONFIRMATIONS ?? confirmationsFor(config, ctx.deployment.chainId),
      log: ctx.log.child({ module: "settler" }),
      hooks: crashHooks(config.HEXADS_CRASH_AT),
      ctr: { ...DEFAULT_CTR_LIMIT, ratio: config.CLICK_CTR_RATIO, minClicks: config.CLICK_CTR_MIN_CLICKS },
    });
  } else {
    ctx.log.warn("no SETTLER_PRIVATE_KEY: this process will not post settlement epochs");
  }
  const payouts = config.PAYOUT_PRIVATE_KEY
    ? new Payouts({
        db: ctx.db,
        client: ctx.client,
        wallet: createWalletClient({
          account: privateKeyToAccount(config.PAYOUT_PRIVATE_KEY as `0x${string}`),
          transport: http(config.RPC_URL),
        }),
        deployment: ctx.deployment,
        threshold: parseEther(config.PAYOUT_MIN),
        batchSize: config.PAYOUT_BATCH,
        intervalSeconds: config.PAYOUT_INTERVAL_SECONDS,
        log: ctx.log.child({ module: "payouts" }),
      })
    : undefined;
  return { settler, payouts };
}
