import type pg from "pg";
import type { Logger } from "pino";

/** Advisory lock id shared by every HexAds indexer on one database ("HEXADS" in ASCII). */
const LOCK_ID = 0x484558414453n;

/**
 * Runs `work` only while this process holds the PostgreSQL advisory lock, so exactly one follower
 * writes at a time. The lock lives on a dedicated connection: if this process dies, PostgreSQL
 * drops the connection and the lock with it, and a waiting instance takes over on its next try.
 * Without a pool (PGlite, single process) the process is always the leader.
 */
export async function runAsLeader(opts: {
  pool?: pg.Pool;
  log: Logger;
  retryMs: number;
  signal: AbortSignal;
  work: (signal: AbortSignal) => Promise<void>;
  onLeadership?: (leader: boolean) => void;
}): Promise<void> {
  const { pool, log, signal } = opts;
  if (!pool) {
    opts.onLeadership?.(true);
    return opts.work(signal);
  }
  while (!signal.aborted) {
    let client: pg.PoolClient | undefined;
    try {
      client = await pool.connect();
      const { rows } = await client.query<{ locked: boolean }>("select pg_try_advisory_lock($1) as locked", [
        LOCK_ID.toString(),
      ]);
      if (rows[0]?.locked) {
        log.info("elected leader: following the chain");
        opts.onLeadership?.(true);
        const lost = new AbortController();
        const stop = () => lost.abort();
        signal.addEventListener("abort", stop, { once: true });
        client.on("error", (err) => {
          log.error({ err }, "lost the leader connection");
          stop();
        });
        try {
          await opts.work(lost.signal);
        } finally {
          opts.onLeadership?.(false);
          signal.removeEventListener("abort", stop);
          await client.query("select pg_advisory_unlock($1)", [LOCK_ID.toString()]).catch(() => undefined);
        }
      }
    } catch (err) {
      log.warn({ err }, "leader election attempt failed");
    } finally {
      client?.release();
    }
    await new Promise((r) => setTimeout(r, opts.retryMs));
  }
}
