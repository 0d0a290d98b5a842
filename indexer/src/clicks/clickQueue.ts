import type { Db } from "../db/client.js";
import { clicks } from "../db/schema.js";
import type { ImpressionTokens } from "../impressions/token.js";
import { type ClickInput, type ClickOutcome, type ClickPolicy, creditClicks } from "./creditClick.js";

const isUniqueViolation = (err: unknown): boolean => {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === "23505") return true;
  }
  return false;
};

interface Waiting {
  input: ClickInput;
  resolve: (outcome: ClickOutcome) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for clicks: clicks that arrive while earlier batches are being written wait, and
 * are then checked and credited together in one transaction, each answered with its own outcome.
 * An idle server credits a click on the next turn of the event loop (a batch of one), so batching
 * adds no delay; under load the batch grows with the queue, and one commit pays for many clicks.
 *
 * `parallel` batches run at once (PGlite runs one transaction at a time, so 1 there). A batch that
 * fails as a whole (a concurrent duplicate from another process hit the unique index, a
 * deadlock, a lost connection) is retried click by click, so one click's trouble is its own.
 */
export function clickQueue(
  db: Db,
  tokens: ImpressionTokens,
  policy: ClickPolicy,
  opts: { parallel: number; maxBatch: number },
) {
  const queue: Waiting[] = [];
  let running = 0;

  const runOne = async (w: Waiting) => {
    try {
      const [outcome] = await creditClicks(db, tokens, policy, [w.input]);
      w.resolve(outcome as ClickOutcome);
    } catch (err) {
      if (!isUniqueViolation(err)) return w.reject(err);
      // A concurrent duplicate (another process) won the unique index: this one pays nothing.
      const claims = tokens.verify(w.input.token);
      const [row] = await db
        .insert(clicks)
        .values({
          impressionId: claims?.id ?? null,
          campaignId: claims?.campaignId ?? null,
          cell: claims ? BigInt(`0x${claims.cell}`) : null,
          viewer: claims?.viewer ?? null,
          ip: w.input.ip,
          status: "rejected",
          reason: "token_used",
          createdAt: w.input.now,
          seenAt: claims?.issuedAt ?? null,
        })
        .returning({ id: clicks.id })
        .catch((e) => {
          w.reject(e);
          return [];
        });
      if (row) w.resolve({ status: "rejected", clickId: String(row.id), reason: "token_used" });
    }
  };

  const runBatch = async (batch: Waiting[]) => {
    if (batch.length === 1) return runOne(batch[0] as Waiting);
    try {
      const outcomes = await creditClicks(
        db,
        tokens,
        policy,
        batch.map((w) => w.input),
      );
      batch.forEach((w, i) => {
        w.resolve(outcomes[i] as ClickOutcome);
      });
    } catch {
      for (const w of batch) await runOne(w);
    }
  };

  // A batch starts on the next turn of the event loop, after the clicks whose requests arrived in
  // this one have joined the queue. PGlite answers without yielding to I/O, so a batch started at
  // once would run to its commit before the next request is read: every batch would hold one click.
  let scheduled = false;
  const pump = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drain);
  };
  const drain = () => {
    scheduled = false;
    while (running < opts.parallel && queue.length) {
      const batch = queue.splice(0, opts.maxBatch);
      running++;
      void runBatch(batch).finally(() => {
        running--;
        pump();
      });
    }
  };

  return (input: ClickInput) =>
    new Promise<ClickOutcome>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      pump();
    });
}

/** Round trips are the cost of a click: the pool keeps some connections for everything else. */
export const queueOptions = (kind: "pglite" | "postgres") =>
  kind === "pglite" ? { parallel: 1, maxBatch: 200 } : { parallel: 4, maxBatch: 200 };
