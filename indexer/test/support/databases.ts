import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** Creates an empty database on the run's PostgreSQL server and returns its URL. */
export async function freshDatabaseUrl(): Promise<string> {
  const admin = inject("postgresAdminUrl");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  return admin.replace(/\/postgres$/, `/${name}`);
}

/** Both engines every DB-level test runs on. */
export const engines = ["pglite", "postgres"] as const;
export type Engine = (typeof engines)[number];

export const databaseOptions = async (engine: Engine) =>
  engine === "postgres" ? { databaseUrl: await freshDatabaseUrl() } : { dataDir: "memory://" };
