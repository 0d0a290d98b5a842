import { readDeployment } from "@hexads/protocol/node";
import { serve } from "@hono/node-server";
import { desc } from "drizzle-orm";
import pino, { type Logger } from "pino";
import { Counter, Gauge, Registry } from "prom-client";
import { createPublicClient, http, type PublicClient, parseEther } from "viem";
import { createApp } from "./api/index.js";
import { Follower } from "./chain/follower.js";
import { clickPolicyFrom } from "./clicks/policyFromConfig.js";
import { type Config, confirmationsFor } from "./config.js";
import { openDatabase } from "./db/client.js";
import { blocks } from "./db/schema.js";
import { ImpressionTokens, loadImpressionKey } from "./impressions/token.js";
import { runAsLeader } from "./leader.js";
import { settlementFromConfig } from "./settlement/fromConfig.js";

export interface RunningIndexer {
  app: ReturnType<typeof createApp>;
  /** Port the API listens on (when the role serves it). */
  port?: number;
  follower: Follower;
  isLeader: () => boolean;
  stop(): Promise<void>;
}

/** Starts the indexer: database and migrations, the follower (when elected), and the API. */
export async function startIndexer(
  config: Config,
  log: Logger = pino({ level: config.LOG_LEVEL }),
): Promise<RunningIndexer> {
  const client = createPublicClient({ transport: http(config.RPC_URL, { retryCount: 2 }) }) as PublicClient;
  const chainId = config.CHAIN_ID ?? (await client.getChainId());
  const deployment = readDeployment(config.DEPLOYMENTS_DIR, chainId);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });

  const registry = new Registry();
  const headGauge = new Gauge({
    name: "hexads_chain_head",
    help: "Latest chain block seen",
    registers: [registry],
  });
  const indexedGauge = new Gauge({
    name: "hexads_indexed_block",
    help: "Latest indexed block",
    registers: [registry],
  });
  const lagGauge = new Gauge({
    name: "hexads_index_lag_blocks",
    help: "Head minus indexed block",
    registers: [registry],
  });
  const applied = new Counter({
    name: "hexads_events_applied_total",
    help: "Logs applied",
    registers: [registry],
  });

  let leader = false;
  const confirmations = confirmationsFor(config, chainId);
  const follower = new Follower({
    client,
    db: database.db,
    deployment,
    confirmations,
    maxRange: config.MAX_BLOCK_RANGE,
    log: log.child({ module: "follower" }),
    onBatch: ({ events, indexed, head }) => {
      applied.inc(events);
      headGauge.set(Number(head));
      indexedGauge.set(Number(indexed));
      lagGauge.set(Number(head - indexed));
    },
  });

  const progress = async () => {
    const [tip] = await database.db
      .select({ number: blocks.number })
      .from(blocks)
      .orderBy(desc(blocks.number))
      .limit(1);
    const head = leader ? follower.head : await client.getBlockNumber();
    return { head, indexed: tip?.number ?? BigInt(deployment.deployBlock) - 1n, leader };
  };

  const { settler, payouts } = settlementFromConfig(config, { client, db: database.db, deployment, log });
  const app = createApp(
    {
      db: database.db,
      dbKind: database.kind,
      deployment,
      progress,
      confirmations,
      now: () => Math.floor(Date.now() / 1000),
      nowMs: () => Date.now(),
      registry,
      corsOrigin: config.CORS_ORIGIN,
      money: {
        client,
        tokens: new ImpressionTokens(
          loadImpressionKey({ envKey: config.IMPRESSION_KEY, dataDir: config.DATA_DIR }),
        ),
        maxAds: config.ADS_MAX,
        trustProxy: config.TRUST_PROXY,
        policy: clickPolicyFrom(config, deployment.treasury),
        settlement: settler && (() => settler.status()),
        payouts: payouts && {
          threshold: parseEther(config.PAYOUT_MIN),
          intervalSeconds: config.PAYOUT_INTERVAL_SECONDS,
          status: () => payouts.status(),
        },
      },
    },
    log.child({ module: "api" }),
  );

  const abort = new AbortController();
  const following =
    config.ROLE === "api"
      ? Promise.resolve()
      : runAsLeader({
          pool: database.pool,
          log: log.child({ module: "leader" }),
          retryMs: 1000,
          signal: abort.signal,
          onLeadership: (l) => {
            leader = l;
          },
          work: async (signal) => {
            await Promise.all([
              follower.run(signal, config.POLL_MS),
              settler?.run(signal),
              payouts?.run(signal),
            ]);
          },
        });

  let server: ReturnType<typeof serve> | undefined;
  let port: number | undefined;
  if (config.ROLE !== "follower") {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
        port = info.port;
        resolve();
      });
    });
    log.info({ port, database: database.kind, chainId }, "indexer API listening");
  }

  return {
    app,
    port,
    follower,
    isLeader: () => leader,
    async stop() {
      abort.abort();
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
      await following;
      await database.close();
    },
  };
}
