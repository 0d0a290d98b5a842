import { sql } from "drizzle-orm";
import type { ApiDeps } from "./deps.js";
import { FLOWS, moves, rows } from "./economyMoves.js";
import { api, json, route } from "./route.js";
import { EconomyAccounts } from "./schemas/economy.js";

const PEOPLE = ["plotBuyers", "plotSellers", "advertisers", "viewers", "plotOwners"];
// Constant role names from FLOWS, inlined as SQL literals.
const roleOf = (side: 1 | 2) =>
  sql.raw(`case kind ${FLOWS.map((f) => `when '${f[0]}' then '${f[side]}'`).join(" ")} end`);

const accountsRoute = route({
  method: "get",
  path: "/economy/accounts",
  summary:
    "For each role people play (plotBuyers, plotSellers, advertisers, viewers, plotOwners): how many accounts played it, and how many of them pay into the loop and how many earn from it",
  responses: { 200: json(EconomyAccounts, "accounts per role") },
});

/**
 * GET /economy/accounts: for each role people play, how many accounts played it over all time, and
 * how many of those pay into the loop (buy plots, fund campaigns) and how many earn from it (clicks,
 * plot shares, sales, withdrawals): whether viewers spend what they earn, whether owners earn back.
 */
export function economyAccountsApi(deps: ApiDeps) {
  return api().openapi(accountsRoute, async (c) => {
    // One row per role, and (role null) one over everyone.
    const found = rows<{ role: string | null; accounts: number; paying: number; earning: number }>(
      await deps.db.execute(sql`
        with moves as (${moves(deps.deployment.treasury, { from: 0, to: 2 ** 40 })}),
        acts as (
          select payer as account, ${roleOf(1)} as role, true as pays from moves where payer is not null
          union all
          select payee as account, ${roleOf(2)} as role, false as pays from moves where payee is not null
        ),
        payers as (select distinct account from acts where pays),
        earners as (select distinct account from acts where not pays)
        select role, count(distinct account)::int as accounts,
               count(distinct account) filter (where account in (select account from payers))::int as paying,
               count(distinct account) filter (where account in (select account from earners))::int as earning
        from acts group by grouping sets ((role), ())`),
    );
    const byRole = new Map(found.map((r) => [r.role, r]));
    return c.json(
      {
        accounts: byRole.get(null)?.accounts ?? 0,
        roles: PEOPLE.map((role) => {
          const r = byRole.get(role);
          return { role, accounts: r?.accounts ?? 0, paying: r?.paying ?? 0, earning: r?.earning ?? 0 };
        }),
      },
      200,
    );
  });
}
