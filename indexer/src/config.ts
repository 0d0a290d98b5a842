import { z } from "zod";

/** Everything the indexer reads from the environment, validated once at start. */
const schema = z.object({
  RPC_URL: z.string().url().default("http://127.0.0.1:8545"),
  DEPLOYMENTS_DIR: z.string().default("deployments"),
  CHAIN_ID: z.coerce.number().int().positive().optional(),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default(".data"),
  PORT: z.coerce.number().int().min(0).max(65535).default(42069),
  HOST: z.string().default("127.0.0.1"),
  CONFIRMATIONS: z.coerce.number().int().min(0).optional(),
  POLL_MS: z.coerce.number().int().positive().default(1000),
  MAX_BLOCK_RANGE: z.coerce.number().int().positive().default(5000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  CORS_ORIGIN: z.string().default("*"),
  /** "all" (API + follower when elected), "api" (no follower), "follower" (no API). */
  ROLE: z.enum(["all", "api", "follower"]).default("all"),
});

export type Config = z.infer<typeof schema> & { CONFIRMATIONS: number };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  const c = parsed.data;
  // The dev chain (31337) never reorgs on its own, so data is final at once there; elsewhere wait.
  const confirmations = c.CONFIRMATIONS ?? (c.CHAIN_ID === undefined || c.CHAIN_ID === 31337 ? 0 : 12);
  return { ...c, CONFIRMATIONS: confirmations };
}
