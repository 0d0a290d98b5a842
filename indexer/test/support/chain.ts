import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Deployment } from "@hexads/protocol";
import pino from "pino";
import { Registry } from "prom-client";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  type Hex,
  http,
  type PublicClient,
  parseEther,
  publicActions,
} from "viem";
import { foundry } from "viem/chains";
import { anvilAccount, deployContracts, repoRoot, startAnvil } from "../../../tools/localChain.js";
import type { MoneyDeps } from "../../src/api/deps.js";
import { createApp } from "../../src/api/index.js";
import { adMarketAbi, hexTokenAbi } from "../../src/chain/abis.js";
import { Follower } from "../../src/chain/follower.js";
import { readAdMarket } from "../../src/chain/readAdMarket.js";
import { openDatabase } from "../../src/db/client.js";
import { checkAnswers } from "./apiContract.js";

export const silent = pino({ level: process.env.TEST_LOG ?? "silent" });

/**
 * anvil + the real deploy script, with funded and approved user wallets (accounts 1..4). `env`
 * goes to the deploy script (e.g. CHALLENGE_PERIOD).
 */
export async function localChain(env: Record<string, string> = {}) {
  const anvil = await startAnvil();
  const dir = join(repoRoot, "deployments", `.test-${randomBytes(4).toString("hex")}`);
  const deployment = (await deployContracts(anvil.rpcUrl, dir, env)) as Deployment;
  rmSync(dir, { recursive: true, force: true });
  const transport = http(anvil.rpcUrl);
  const publicClient = createPublicClient({ chain: foundry, transport }) as PublicClient;
  const testClient = createTestClient({ chain: foundry, mode: "anvil", transport });
  const wallet = (index: number) =>
    createWalletClient({ chain: foundry, transport, account: anvilAccount(index) }).extend(publicActions);
  const deployer = wallet(0);
  const users = [1, 2, 3, 4].map(wallet);
  for (const u of users) {
    await deployer.writeContract({
      address: deployment.HexToken,
      abi: hexTokenAbi,
      functionName: "transfer",
      args: [u.account.address, parseEther("100000")],
    });
    for (const spender of [deployment.Plots, deployment.AdMarket]) {
      await u.writeContract({
        address: deployment.HexToken,
        abi: hexTokenAbi,
        functionName: "approve",
        args: [spender, 2n ** 255n],
      });
    }
  }
  return { anvil, deployment, publicClient, testClient, deployer, users, stop: () => anvil.stop() };
}
export type LocalChain = Awaited<ReturnType<typeof localChain>>;

/** AdMarket reads, and a check that a transaction was mined and succeeded, on a chain set up later (hence the getter). */
export function adMarketHelpers(chain: () => LocalChain) {
  const market = () => ({ address: chain().deployment.AdMarket, abi: adMarketAbi }) as const;
  const read = <T>(functionName: string, args: unknown[] = []) =>
    readAdMarket<T>(chain().publicClient, chain().deployment.AdMarket, functionName, args);
  const mined = async (hash: Promise<Hex>) => {
    const { status, transactionHash } = await chain().publicClient.waitForTransactionReceipt({
      hash: await hash,
    });
    if (status !== "success") throw new Error(`transaction ${transactionHash} reverted`);
  };
  return { market, read, mined };
}

/** A campaign for `createCampaign`: amounts in HXA, times in chain seconds, targets as hex H3 cells. */
export interface CampaignSpec {
  budget: string;
  /** 1 HXA unless given. */
  cpc?: string;
  start: number;
  end: number;
  creative?: string;
  targets: string[];
  /** The advertiser: user 0 unless given. */
  from?: LocalChain["users"][number];
}

/** Creates a campaign, waits until it is mined and succeeded, and returns its id. The one helper of tests, benches and drills. */
export async function createCampaign(chain: LocalChain, c: CampaignSpec): Promise<bigint> {
  const from = c.from ?? (chain.users[0] as LocalChain["users"][number]);
  const hash = await from.writeContract({
    address: chain.deployment.AdMarket,
    abi: adMarketAbi,
    functionName: "createCampaign",
    args: [
      parseEther(c.budget),
      parseEther(c.cpc ?? "1"),
      c.start,
      c.end,
      c.creative ?? "data:,ad",
      c.targets.map((t) => BigInt(`0x${t}`)),
    ],
  });
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`createCampaign reverted in ${hash}`);
  return readAdMarket<bigint>(chain.publicClient, chain.deployment.AdMarket, "campaignCount");
}

/**
 * An in-process indexer over `chain` on the given database: the follower, and the API (with the
 * money routes when `money` is given), every answer checked against the API's description. The
 * one builder of tests, benches and drills.
 */
export async function localIndexer(
  chain: LocalChain,
  db: { databaseUrl?: string; dataDir?: string },
  now = () => Math.floor(Date.now() / 1000),
  money?: MoneyDeps,
) {
  const database = await openDatabase(db);
  const follower = new Follower({
    client: chain.publicClient,
    db: database.db,
    deployment: chain.deployment,
    confirmations: 0,
    maxRange: 5000,
    log: silent,
  });
  const app = checkAnswers(
    createApp({
      db: database.db,
      dbKind: database.kind,
      deployment: chain.deployment,
      progress: async () => ({
        head: follower.head,
        indexed: (await follower.tip())?.number ?? 0n,
        leader: true,
      }),
      now,
      registry: new Registry(),
      corsOrigin: "*",
      money,
    }),
  );
  const get = async <T = Record<string, unknown>>(path: string) => {
    const res = await app.request(path);
    return { status: res.status, body: (await res.json()) as T };
  };
  return { database, follower, app, get, close: () => database.close() };
}
