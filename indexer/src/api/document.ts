import { Registry } from "prom-client";
import type { Db } from "../db/client.js";
import type { ApiDeps, MoneyDeps } from "./deps.js";
import { createApp } from "./index.js";
import { describeApi } from "./openapi.js";

/**
 * The app with every route mounted, money routes included, for describing it: it needs no
 * database, chain or keys, and serves only what reads none (/openapi.json, /docs).
 */
export function documentedApp() {
  return createApp({
    db: {} as Db,
    dbKind: "pglite",
    deployment: {} as ApiDeps["deployment"],
    progress: async () => ({ head: 0n, indexed: 0n, leader: true }),
    now: () => 0,
    registry: new Registry(),
    corsOrigin: "*",
    money: {} as MoneyDeps,
  });
}

/** The API's OpenAPI document without a running indexer (tools/codegen.ts types the web's client with it). */
export const apiDocument = () => describeApi(documentedApp());
