import { and, count, desc, eq, gt, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client.js";
import {
  campaignSpend,
  campaigns,
  clicks,
  credits,
  ipWindows,
  plots,
  sessions,
  settings,
  viewerLocks,
} from "../db/schema.js";
import type { ImpressionClaims, ImpressionTokens } from "../impressions/token.js";
import { checkBudget } from "./checks/budget.js";
import { checkCampaign } from "./checks/campaign.js";
import { checkFrequency, type FrequencyCaps } from "./checks/frequency.js";
import { checkRateLimit } from "./checks/rateLimit.js";
import { checkSession } from "./checks/session.js";
import { checkSignature } from "./checks/signature.js";
import { checkTargeting } from "./checks/targeting.js";
import { checkToken } from "./checks/token.js";
import { checkTravel } from "./checks/travel.js";
import type { RejectReason } from "./reasons.js";
import { DEFAULT_SPLIT, type SplitBps, splitClick } from "./split.js";

/**
 * Clicks hold this advisory lock shared while they credit; the settler takes it exclusively while
 * it assigns credits to an epoch, so no click commits "before the cutoff" after the epoch is cut.
 */
export const CREDIT_LOCK = 0x484558434c4bn;

export interface ClickPolicy {
  caps: FrequencyCaps;
  ipLimit: number;
  ipWindowSeconds: number;
  maxKmh: number;
  /** Account that receives the owner share of unowned plots (the treasury from the deployment). */
  treasury: string;
}

export type ClickOutcome =
  | {
      status: "accepted";
      clickId: string;
      cpc: string;
      credits: { role: "viewer" | "owner" | "protocol"; account: string; amount: string }[];
    }
  | { status: "rejected"; clickId: string; reason: RejectReason };

/** The message a session key signs to click an impression token. */
export const clickMessage = (token: string) => `hexads-click:${token}`;

class Rejected extends Error {
  constructor(readonly reason: RejectReason) {
    super(reason);
  }
}

const isUniqueViolation = (err: unknown): boolean => {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === "23505") return true;
  }
  return false;
};

/**
 * Checks a click and, when every check passes, credits it in one transaction: the viewer, the
 * plot owner at this moment (or the treasury) and the protocol get their shares of the campaign's
 * cpc, and the campaign's credited spend grows by exactly cpc. A rejected click is recorded with
 * its reason and credits nothing.
 *
 * Invariants kept here: the campaign's credited spend never exceeds its budget (checked under a
 * row lock on its spend row); an impression pays at most once (checked under the viewer's row
 * lock, and backed by a partial unique index on accepted clicks).
 */
export async function creditClick(
  db: Db,
  tokens: ImpressionTokens,
  policy: ClickPolicy,
  input: { token: string; signature: string; ip: string; now: number },
): Promise<ClickOutcome> {
  const { now } = input;
  const claims = tokens.verify(input.token);
  const base = {
    impressionId: claims?.id ?? null,
    campaignId: claims?.campaignId ?? null,
    cell: claims ? BigInt(`0x${claims.cell}`) : null,
    viewer: claims?.viewer ?? null,
    ip: input.ip,
    createdAt: now,
    seenAt: claims?.issuedAt ?? null,
  };
  const reject = async (reason: RejectReason, tx: Db | Tx = db): Promise<ClickOutcome> => {
    const [row] = await tx
      .insert(clicks)
      .values({ ...base, status: "rejected", reason })
      .returning({ id: clicks.id });
    return { status: "rejected", clickId: String(row?.id), reason };
  };

  // Every request counts against its IP's window, whatever happens next.
  const windowStart = now - (now % policy.ipWindowSeconds);
  const [win] = await db
    .insert(ipWindows)
    .values({ ip: input.ip, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [ipWindows.ip, ipWindows.windowStart],
      set: { count: sql`${ipWindows.count} + 1` },
    })
    .returning({ count: ipWindows.count });
  const limited = checkRateLimit(win?.count ?? 1, policy.ipLimit);
  if (limited) return reject(limited);

  if (!claims) return reject("token_forged");
  const [session] = await db.select().from(sessions).where(eq(sessions.id, claims.sessionId));
  const sessionReason = checkSession(session, now);
  if (sessionReason || !session) return reject(sessionReason ?? "session_unknown");
  if (session.viewer !== claims.viewer) return reject("token_forged");
  const sigReason = checkSignature(session.sessionKey, clickMessage(input.token), input.signature);
  if (sigReason) return reject(sigReason);
  const ageReason = checkToken({ issuedAt: claims.issuedAt, alreadyUsed: false }, now);
  if (ageReason) return reject(ageReason);

  try {
    return await db.transaction(async (tx) => {
      try {
        return await creditInTx(tx, claims, policy, now, base);
      } catch (err) {
        if (err instanceof Rejected) {
          const [row] = await tx
            .insert(clicks)
            .values({ ...base, status: "rejected", reason: err.reason })
            .returning({ id: clicks.id });
          return { status: "rejected", clickId: String(row?.id), reason: err.reason } as const;
        }
        throw err;
      }
    });
  } catch (err) {
    // A concurrent duplicate won the unique index: this one pays nothing.
    if (isUniqueViolation(err)) return reject("token_used");
    throw err;
  }
}

async function creditInTx(
  tx: Tx,
  claims: ImpressionClaims,
  policy: ClickPolicy,
  now: number,
  base: Omit<typeof clicks.$inferInsert, "status">,
): Promise<ClickOutcome> {
  const fail = (reason: RejectReason | null) => {
    if (reason) throw new Rejected(reason);
  };
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${CREDIT_LOCK.toString()})`);
  // Lock order is always viewer, then campaign: no deadlocks between clicks.
  // An upsert that always updates takes the row lock in one statement (like SELECT ... FOR UPDATE).
  await tx
    .insert(viewerLocks)
    .values({ viewer: claims.viewer })
    .onConflictDoUpdate({ target: viewerLocks.viewer, set: { viewer: sql`excluded.viewer` } });

  const [used] = await tx
    .select({ id: clicks.id })
    .from(clicks)
    .where(and(eq(clicks.impressionId, claims.id), eq(clicks.status, "accepted")));
  fail(used ? "token_used" : null);

  const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, claims.campaignId));
  fail(checkCampaign(campaign, now));
  if (!campaign) throw new Rejected("campaign_unknown");
  fail(checkTargeting(claims.cell, campaign.targets));

  const dayAgo = now - 86_400;
  const paidToday = and(
    eq(clicks.viewer, claims.viewer),
    eq(clicks.status, "accepted"),
    gt(clicks.createdAt, dayAgo),
  );
  const [paid] = await tx
    .select({
      day: count(),
      campaign: sql<number>`count(*) filter (where ${clicks.campaignId} = ${claims.campaignId})`.mapWith(
        Number,
      ),
    })
    .from(clicks)
    .where(paidToday);
  fail(checkFrequency({ campaign: paid?.campaign ?? 0, day: paid?.day ?? 0 }, policy.caps));

  const [previous] = await tx
    .select({ cell: clicks.cell, seenAt: clicks.seenAt })
    .from(clicks)
    .where(and(eq(clicks.viewer, claims.viewer), eq(clicks.status, "accepted")))
    .orderBy(desc(clicks.seenAt))
    .limit(1);
  fail(
    checkTravel(
      previous?.cell != null && previous.seenAt != null
        ? { cell: previous.cell.toString(16), at: previous.seenAt }
        : undefined,
      { cell: claims.cell, at: claims.issuedAt },
      policy.maxKmh,
    ),
  );

  // Locks the campaign's spend row until commit: concurrent clicks on one campaign queue here.
  const [spend] = await tx
    .insert(campaignSpend)
    .values({ campaignId: campaign.id, credited: "0" })
    .onConflictDoUpdate({
      target: campaignSpend.campaignId,
      set: { credited: sql`${campaignSpend.credited}` },
    })
    .returning({ credited: campaignSpend.credited });
  const cpc = BigInt(campaign.cpc);
  // `credited` already includes what epochs settled, so nothing else is subtracted.
  fail(
    checkBudget({ budget: BigInt(campaign.budget), settled: 0n, pending: BigInt(spend?.credited ?? 0), cpc }),
  );

  const [click] = await tx
    .insert(clicks)
    .values({ ...base, status: "accepted", cpc: cpc.toString() })
    .returning({ id: clicks.id });
  const clickId = click?.id as bigint;
  const [plot] = await tx
    .select({ owner: plots.owner })
    .from(plots)
    .where(eq(plots.cell, base.cell as bigint));
  const shares = splitClick(cpc, await readSplit(tx));
  const rows = [
    { role: "viewer" as const, account: claims.viewer, amount: shares.viewer },
    { role: "owner" as const, account: (plot?.owner ?? policy.treasury).toLowerCase(), amount: shares.owner },
    { role: "protocol" as const, account: policy.treasury.toLowerCase(), amount: shares.protocol },
  ].filter((r) => r.amount > 0n);
  if (rows.length > 0) {
    await tx.insert(credits).values(
      rows.map((r) => ({
        clickId,
        account: r.account,
        role: r.role,
        amount: r.amount.toString(),
        campaignId: campaign.id,
        createdAt: now,
      })),
    );
  }
  await tx
    .update(campaignSpend)
    .set({ credited: sql`${campaignSpend.credited} + ${cpc.toString()}` })
    .where(eq(campaignSpend.campaignId, campaign.id));
  return {
    status: "accepted",
    clickId: clickId.toString(),
    cpc: cpc.toString(),
    credits: rows.map((r) => ({ role: r.role, account: r.account, amount: r.amount.toString() })),
  };
}

/** The split in force, as last emitted by AdMarket (`SplitUpdated`), else the contract default. */
export async function readSplit(db: Db | Tx): Promise<SplitBps> {
  const [row] = await db.select().from(settings).where(eq(settings.key, "AdMarket.SplitUpdated"));
  if (!row) return DEFAULT_SPLIT;
  return {
    viewerBps: Number(row.value.viewerBps),
    ownerBps: Number(row.value.ownerBps),
    protocolBps: Number(row.value.protocolBps),
  };
}
