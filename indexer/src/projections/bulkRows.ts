// Many rows in one statement, passed as a single JSON parameter that the server expands with
// json_populate_recordset. drizzle's multi-row VALUES spends ~0.2 ms per row building the SQL, and
// PGlite parses each of the thousands of parameters; one JSON text costs a few µs per row on both
// engines.
import { getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client.js";

const CHUNK = 5000;
const chunks = <T>(rows: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
};
const toJson = (value: unknown) =>
  JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v));
const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;

/** The rows as a JSON array keyed by column name (bigints as decimal strings). */
function asJson(table: PgTable, rows: object[]): string {
  const columns = Object.entries(getTableColumns(table));
  return toJson(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [field, column] of columns)
        out[column.name] = (row as Record<string, unknown>)[field] ?? null;
      return out;
    }),
  );
}

export interface InsertOptions {
  /** Conflict on this key: `replace` overwrites every other column, `skip` leaves the stored row. */
  onConflict?: { target: PgColumn[]; action: "replace" | "skip" };
  /** Columns to return of the rows actually written. */
  returning?: PgColumn[];
}

/**
 * INSERTs `rows` (objects keyed like the drizzle table) in statements of up to 5,000 rows. Without
 * `onConflict` a stored key fails the statement, as a plain INSERT does.
 */
export async function insertRows(
  tx: Tx,
  table: PgTable,
  rows: object[],
  options: InsertOptions = {},
): Promise<Record<string, unknown>[]> {
  const name = sql.identifier(getTableName(table));
  const { onConflict, returning } = options;
  let conflict: SQL = sql``;
  if (onConflict) {
    const target = sql.join(
      onConflict.target.map((c) => sql.identifier(c.name)),
      sql`, `,
    );
    const others = Object.values(getTableColumns(table)).filter((c) => !onConflict.target.includes(c));
    conflict =
      onConflict.action === "skip" || others.length === 0
        ? sql` on conflict (${target}) do nothing`
        : sql` on conflict (${target}) do update set ${sql.join(
            others.map((c) => sql`${sql.identifier(c.name)} = excluded.${sql.identifier(c.name)}`),
            sql`, `,
          )}`;
  }
  const back = returning
    ? sql` returning ${sql.join(
        returning.map((c) => sql.identifier(c.name)),
        sql`, `,
      )}`
    : sql``;
  const out: Record<string, unknown>[] = [];
  for (const chunk of chunks(rows)) {
    const json = asJson(table, chunk);
    const result = await tx.execute(
      sql`insert into ${name} select * from json_populate_recordset(null::${name}, ${json}::json)${conflict}${back}`,
    );
    if (returning) out.push(...rowsOf(result));
  }
  return out;
}

/** The stored rows (drizzle-shaped) whose `key` is one of `ids`. */
export async function selectByKeys<R>(tx: Tx, table: PgTable, key: PgColumn, ids: unknown[]): Promise<R[]> {
  const out: R[] = [];
  const type = sql.raw(key.getSQLType());
  for (const chunk of chunks([...new Set(ids)])) {
    const wanted = sql`(select value::${type} from json_array_elements_text(${toJson(chunk)}::json))`;
    out.push(...((await tx.select().from(table).where(sql`${key} in ${wanted}`)) as R[]));
  }
  return out;
}
