// Code generation: `forge build` (artifacts in out/), then @wagmi/cli writes the typed ABIs the indexer
// and the web app import (indexer/src/chain/abis.ts, web/src/generated.ts, ...); and openapi-typescript
// writes the web's API types from the indexer's OpenAPI document (web/src/api.generated.ts). All are
// gitignored. `npm run dev`, `npm run build` and `npm start -w indexer` run it first, so a fresh clone
// works; each step skips when its inputs hash as at its last run and its outputs exist. `--force`
// always runs both (`npm run codegen`).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "@wagmi/cli";
import openapiTS, { astToString } from "openapi-typescript";
import wagmiConfig from "../wagmi.config.js";
import { foundryBin, pathWithForge } from "./foundry.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// forge's artifacts and every file wagmi.config.ts (a list of configs) writes.
const outputs = ["out", ...(wagmiConfig as Config[]).map((c) => c.out)];
const stampFile = join(repoRoot, "cache", "codegen.sha256");
const apiTypesFile = join(repoRoot, "web/src/api.generated.ts");
const apiStampFile = join(repoRoot, "cache", "codegen-api.sha256");
// Packages whose version changes what forge compiles or what wagmi writes.
const packages = ["@openzeppelin/contracts", "@layerzerolabs/toolbox-foundry", "solc", "@wagmi/cli"];

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();

/** A hash of files and package versions. */
function hashOf(files: string[], pkgs: string[]): ReturnType<typeof createHash> {
  const hash = createHash("sha256");
  for (const f of files)
    hash
      .update(`${relative(repoRoot, f)}\0`)
      .update(readFileSync(f))
      .update("\0");
  const require = createRequire(import.meta.url);
  for (const p of pkgs) hash.update(`${p}@${require(`${p}/package.json`).version}\0`);
  return hash;
}

/** A hash of everything the generated ABIs depend on: the contracts, the configs, the tool versions. */
function inputsHash(): string {
  const files = [
    ...filesUnder(join(repoRoot, "contracts")),
    ...["foundry.toml", "wagmi.config.ts", "tools/solc.cjs"].map((f) => join(repoRoot, f)),
  ];
  return hashOf(files, packages)
    .update(`forge ${foundryBin("forge")}`)
    .digest("hex");
}

const isUpToDate = (stamp: string, hash: string, outs: string[]) =>
  outs.every((o) => existsSync(o)) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash;

function writeStamp(stamp: string, hash: string) {
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, hash);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`codegen: ${relative(repoRoot, cmd)} ${args.join(" ")} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

function abis(force: boolean) {
  const hash = inputsHash();
  const upToDate = isUpToDate(
    stampFile,
    hash,
    outputs.map((o) => join(repoRoot, o)),
  );
  if (upToDate && !force) return console.log("codegen: up to date (contracts unchanged since the last run)");
  console.log("codegen: forge build, then typed ABIs with @wagmi/cli");
  // The ABIs and the deploy need src/ and script/ only; `forge test` compiles the tests itself. Skipping
  // them cuts a fresh clone's first build from ~60 s to ~18 s (solc runs as WebAssembly here).
  run(foundryBin("forge"), ["build", "--skip", "test"]);
  const wagmiPkg = createRequire(import.meta.url).resolve("@wagmi/cli/package.json");
  const wagmiBin = JSON.parse(readFileSync(wagmiPkg, "utf8")).bin.wagmi as string;
  run(process.execPath, [join(dirname(wagmiPkg), wagmiBin), "generate"], {
    ...process.env,
    PATH: pathWithForge(),
  });
  writeStamp(stampFile, hash);
}

/**
 * The web's API types, from the OpenAPI document the indexer's routes generate (their zod schemas):
 * the web app never imports indexer source. The document depends on the indexer's and the protocol
 * package's source (the routes and what they import).
 */
async function apiTypes(force: boolean) {
  const sources = ["indexer/src", "packages/protocol/src"].flatMap((d) =>
    filesUnder(join(repoRoot, d)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")),
  );
  const hash = hashOf(sources, ["@hono/zod-openapi", "openapi-typescript"]).digest("hex");
  if (isUpToDate(apiStampFile, hash, [apiTypesFile]) && !force)
    return console.log("codegen: API types up to date");
  console.log("codegen: API types with openapi-typescript");
  const { apiDocument } = await import("../indexer/src/api/document.js");
  const types = astToString(await openapiTS(apiDocument() as Parameters<typeof openapiTS>[0]));
  writeFileSync(
    apiTypesFile,
    `// Generated by tools/codegen.ts from the indexer's OpenAPI document. Do not edit.\n\n${types}`,
  );
  writeStamp(apiStampFile, hash);
}

try {
  const force = process.argv.includes("--force");
  abis(force);
  await apiTypes(force);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
