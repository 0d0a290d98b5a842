// Vitest global setup: one real PostgreSQL server for the run. Each test file creates its own
// database on it with `freshDatabaseUrl`.
import type { TestProject } from "vitest/node";
import { startPostgres } from "./embeddedPostgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startPostgres();
  project.provide("postgresAdminUrl", server.adminUrl);
  return () => server.stop();
}
