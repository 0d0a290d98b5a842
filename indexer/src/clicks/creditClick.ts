import { clickMessage, type RejectReason, type SplitBps, splitClick } from "@hexads/protocol";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client.js";
import {
  blocks,
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

class Rejected extends Error {
  constructor(readonly reason: RejectReason) {
    super(reason);
  }
}

const rowsOf = <R>(result: unknown) => (result as { rows: R[] }).rows;

const isUniqueViolation = (err: unknown): boolean => {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === "23505") return true;
  }
  return false;
};

/**
 * Checks a click and, when every check passes, credits it in one transaction: the viewer, the
 * plot owner at this moment (or the treasury) and the protocol get their shares of the campaign's
 * cpc, and the campaign's credited spend grows by exactly cpc. The click records the index's tip
 * (`at_block`): its owner share belongs to the plot's owner at that block (attributeOwnerShares).
 * A rejected click is recorded with its reason and credits nothing.
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

  // One round trip: this request counts against its IP's window whatever happens next, and the
  // token's session is read alongside.
  const windowStart = now - (now % policy.ipWindowSeconds);
  const [first] = rowsOf<{
    count: number;
    viewer: string | null;
    session_key: string | null;
    expires_at: string | null;
    revoked_at: string | null;
  }>(
    await db.execute(sql`
      with w as (
        insert into ${ipWindows} (ip, window_start, count) values (${input.ip}, ${windowStart}, 1)
        on conflict (ip, window_start) do update set count = ${ipWindows}.count + 1
        returning count
      )
      select w.count, s.viewer, s.session_key, s.expires_at::text, s.revoked_at::text
      from w left join ${sessions} s on s.id = ${claims?.sessionId ?? null}`),
  );
  const limited = checkRateLimit(first?.count ?? 1, policy.ipLimit);
  if (limited) return reject(limited);

  if (!claims) return reject("token_forged");
  const session =
    first?.viewer != null && first.expires_at !== null
      ? {
          viewer: first.viewer,
          sessionKey: first.session_key as string,
          expiresAt: Number(first.expires_at),
          revokedAt: first.revoked_at === null ? null : Number(first.revoked_at),
        }
      : undefined;
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
  // Lock order is always: the shared credit lock, the viewer, then the campaign's spend row; no
  // deadlocks between clicks. An upsert that always updates takes the viewer's row lock in one
  // statement (like SELECT ... FOR UPDATE); the subquery takes the credit lock before it.
  await tx.execute(sql`
    insert into ${viewerLocks} (viewer)
    select ${claims.viewer}::text from (select pg_advisory_xact_lock_shared(${CREDIT_LOCK.toString()})) l
    on conflict (viewer) do update set viewer = excluded.viewer`);

  // Everything the checks read, in one statement. It starts after the viewer's lock is held, so
  // (read committed) it sees every click this viewer committed before.
  const dayAgo = now - 86_400;
  const [state] = rowsOf<{
    used: boolean;
    found: boolean;
    start: string | null;
    end: string | null;
    paused: boolean | null;
    withdrawn: boolean | null;
    targets: string[] | null;
    budget: string | null;
    cpc: string | null;
    day: number;
    campaign: number;
    prev_cell: string | null;
    prev_at: string | null;
    owner: string | null;
    at_block: string;
    split: Record<string, string> | null;
  }>(
    await tx.execute(sql`
      select
        exists (
          select 1 from ${clicks} where impression_id = ${claims.id} and status = 'accepted'
        ) as used,
        c.id is not null as found, c.start::text, c."end"::text, c.paused, c.withdrawn, c.targets,
        c.budget::text, c.cpc::text,
        f.day, f.campaign,
        p.cell::text as prev_cell, p.seen_at::text as prev_at,
        (select owner from ${plots} where cell = ${base.cell}) as owner,
        -- The index's tip in the same snapshot: the owner above is the owner at this block.
        (select coalesce(max(number), 0)::text from ${blocks}) as at_block,
        (select value from ${settings} where key = 'AdMarket.SplitUpdated') as split
      from (select 1) one
      left join ${campaigns} c on c.id = ${claims.campaignId}
      cross join (
        select count(*)::int as day,
          (count(*) filter (where campaign_id = ${claims.campaignId}))::int as campaign
        from ${clicks}
        where viewer = ${claims.viewer} and status = 'accepted' and created_at > ${dayAgo}
      ) f
      left join lateral (
        select cell, seen_at from ${clicks}
        where viewer = ${claims.viewer} and status = 'accepted'
        order by seen_at desc limit 1
      ) p on true`),
  );
  if (!state) throw new Error("the click state query returned no row");
  fail(state.used ? "token_used" : null);
  if (!state.found) throw new Rejected("campaign_unknown");
  const campaign = {
    start: Number(state.start),
    end: Number(state.end),
    paused: state.paused === true,
    withdrawn: state.withdrawn === true,
  };
  fail(checkCampaign(campaign, now));
  fail(checkTargeting(claims.cell, state.targets ?? []));
  fail(checkFrequency({ campaign: state.campaign, day: state.day }, policy.caps));
  fail(
    checkTravel(
      state.prev_cell !== null && state.prev_at !== null
        ? { cell: BigInt(state.prev_cell).toString(16), at: Number(state.prev_at) }
        : undefined,
      { cell: claims.cell, at: claims.issuedAt },
      policy.maxKmh,
    ),
  );

  // Locks the campaign's spend row until commit: concurrent clicks on one campaign queue here.
  const [spend] = await tx
    .insert(campaignSpend)
    .values({ campaignId: claims.campaignId, credited: "0" })
    .onConflictDoUpdate({
      target: campaignSpend.campaignId,
      set: { credited: sql`${campaignSpend.credited}` },
    })
    .returning({ credited: campaignSpend.credited });
  const cpc = BigInt(state.cpc as string);
  // `credited` already includes what epochs settled, so nothing else is subtracted.
  fail(
    checkBudget({
      budget: BigInt(state.budget as string),
      settled: 0n,
      pending: BigInt(spend?.credited ?? 0),
      cpc,
    }),
  );

  const shares = splitClick(cpc, splitOf(state.split));
  const rows = [
    { role: "viewer" as const, account: claims.viewer, amount: shares.viewer },
    { role: "owner" as const, account: (state.owner ?? policy.treasury).toLowerCase(), amount: shares.owner },
    { role: "protocol" as const, account: policy.treasury.toLowerCase(), amount: shares.protocol },
  ].filter((r) => r.amount > 0n);
  // The paid click, its credits and the spend, in one statement.
  const credited = rows.map(
    (r) => sql`(${r.account}::text, ${r.role}::text, ${r.amount.toString()}::numeric)`,
  );
  const [click] = rowsOf<{ id: string }>(
    await tx.execute(sql`
      with c as (
        insert into ${clicks}
          (impression_id, campaign_id, cell, viewer, ip, status, cpc, created_at, seen_at, at_block)
        values (${base.impressionId}, ${base.campaignId}, ${base.cell}, ${base.viewer}, ${base.ip},
          'accepted', ${cpc.toString()}, ${base.createdAt}, ${base.seenAt}, ${state.at_block}::int8)
        returning id
      ),
      credited as (
        insert into ${credits} (click_id, account, role, amount, campaign_id, created_at)
        select c.id, r.account, r.role, r.amount, ${claims.campaignId}, ${now}
        from c cross join (values ${sql.join(credited, sql`, `)}) as r(account, role, amount)
      ),
      spent as (
        update ${campaignSpend} set credited = credited + ${cpc.toString()}
        where campaign_id = ${claims.campaignId}
      )
      select c.id::text from c`),
  );
  return {
    status: "accepted",
    clickId: String(click?.id),
    cpc: cpc.toString(),
    credits: rows.map((r) => ({ role: r.role, account: r.account, amount: r.amount.toString() })),
  };
}

/**
 * The split in force, as last emitted by AdMarket (`SplitUpdated`). Its constructor emits one, so
 * an index that knows any campaign knows the split.
 */
function splitOf(value: Record<string, string> | null): SplitBps {
  if (!value) throw new Error("no AdMarket.SplitUpdated indexed yet");
  return {
    viewerBps: Number(value.viewerBps),
    ownerBps: Number(value.ownerBps),
    protocolBps: Number(value.protocolBps),
  };
}
