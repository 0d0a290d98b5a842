// Code generation: `forge build` (artifacts in out/), then @wagmi/cli writes the typed ABIs the indexer
// and the web app import (indexer/src/chain/abis.ts, web/src/generated.ts, ...; all gitignored).
// `npm run dev`, `npm run build` and `npm start -w indexer` run it first, so a fresh clone works; it
// skips when the inputs hash as at the last run and the outputs exist. `--force` always runs it
// (`npm run codegen`).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "@wagmi/cli";
import wagmiConfig from "../wagmi.config.js";
import { foundryBin, pathWithForge } from "./foundry.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// forge's artifacts and every file wagmi.config.ts (a list of configs) writes.
const outputs = ["out", ...(wagmiConfig as Config[]).map((c) => c.out)];
const stampFile = join(repoRoot, "cache", "codegen.sha256");
// Packages whose version changes what forge compiles or what wagmi writes.
const packages = ["@openzeppelin/contracts", "@layerzerolabs/toolbox-foundry", "solc", "@wagmi/cli"];

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();

/** A hash of everything the generated files depend on: the contracts, the configs, the tool versions. */
function inputsHash(): string {
  const hash = createHash("sha256");
  const files = [
    ...filesUnder(join(repoRoot, "contracts")),
    ...["foundry.toml", "wagmi.config.ts", "tools/solc.cjs"].map((f) => join(repoRoot, f)),
  ];
  for (const f of files)
    hash
      .update(`${relative(repoRoot, f)}\0`)
      .update(readFileSync(f))
      .update("\0");
  const require = createRequire(import.meta.url);
  for (const p of packages) hash.update(`${p}@${require(`${p}/package.json`).version}\0`);
  hash.update(`forge ${foundryBin("forge")}`);
  return hash.digest("hex");
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`codegen: ${relative(repoRoot, cmd)} ${args.join(" ")} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

function codegen(force: boolean) {
  const hash = inputsHash();
  const upToDate =
    outputs.every((o) => existsSync(join(repoRoot, o))) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, "utf8") === hash;
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
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, hash);
}

try {
  codegen(process.argv.includes("--force"));
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
