import { sql } from "drizzle-orm";
import type { Tx } from "../db/client.js";

/**
 * Re-derives who receives the owner share of paid clicks, and returns how many shares it moved.
 *
 * The rule: the owner share of a click belongs to the owner of its plot at the click's chain
 * position (`clicks.at_block`, the newest block the index held when the click was paid), read on
 * the canonical chain: the recipient of the last `Transfer` of that cell in a block at or below
 * `at_block`, or the treasury when there is none. Without reorgs this is exactly the owner the
 * click was credited to. When a reorg orphans a sale, the follower calls this for the cells it
 * rolls back (the shares return to the previous owner at once) and for the cells of the transfers
 * it then applies (a sale on the new branch at or below a click's `at_block` counts). The settler
 * calls it for the credits it cuts into an epoch, and cuts only clicks whose `at_block` is final,
 * so a settled share never moves again. Settled credits are never touched here.
 */
export async function attributeOwnerShares(
  tx: Tx,
  treasury: string,
  scope: { cells: bigint[] } | { epochId: bigint },
): Promise<number> {
  if ("cells" in scope && scope.cells.length === 0) return 0;
  const which =
    "cells" in scope
      ? sql`c.epoch_id is null and k.cell = any(${`{${scope.cells.join(",")}}`}::int8[])`
      : sql`c.epoch_id = ${scope.epochId.toString()}::int8`;
  const moved = await tx.execute(sql`
    with owed as (
      select c.id, coalesce((
        select lower(e.args->>'to') from events e
        where e.cell = k.cell and e.name = 'Transfer' and e.block_number <= k.at_block
        order by e.block_number desc, e.log_index desc limit 1
      ), ${treasury.toLowerCase()}) as owner
      from credits c join clicks k on k.id = c.click_id
      where c.role = 'owner' and k.at_block is not null and ${which}
    )
    update credits set account = owed.owner from owed
    where credits.id = owed.id and credits.account <> owed.owner
    returning credits.id`);
  return (moved as unknown as { rows: unknown[] }).rows.length;
}
