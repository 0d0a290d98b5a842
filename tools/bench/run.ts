// `npm run bench`: runs every benchmark area in its own process, one after another (they would
// disturb each other's timings if run together), and rewrites BENCHMARKS.md from this one run.
// An area that fails still leaves its place in the file with the error, and the run exits 1.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const areas: { name: string; cwd: string; script: string }[] = [
  { name: "backfill", cwd: "indexer", script: "bench/backfill.ts" },
  { name: "clicks", cwd: "indexer", script: "bench/clicks.ts" },
  { name: "epoch", cwd: "indexer", script: "bench/epoch.ts" },
  { name: "fraud", cwd: "indexer", script: "bench/fraud.ts" },
  { name: "gas", cwd: ".", script: "tools/bench/gas.ts" },
  { name: "map", cwd: ".", script: "tools/bench/map.ts" },
  { name: "bundle", cwd: ".", script: "tools/bench/bundle.ts" },
];

const only = process.argv.slice(2);
const sections: string[] = [];
let failed = 0;
for (const area of areas) {
  if (only.length > 0 && !only.includes(area.name)) continue;
  const out = join(root, ".tmp/bench", `${area.name}.md`);
  rmSync(out, { force: true });
  console.log(`\n=== bench: ${area.name} ===`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", area.script], {
    cwd: join(root, area.cwd),
    env: { ...process.env, BENCH_OUT: out },
    stdio: "inherit",
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  if (run.status === 0) {
    sections.push(readFileSync(out, "utf8"));
    console.log(`=== ${area.name}: done in ${minutes} min ===`);
  } else {
    failed++;
    sections.push(
      `## ${area.name}\n\nThe run failed (exit ${run.status ?? run.signal}); see the console output.\n`,
    );
    console.error(`=== ${area.name}: FAILED after ${minutes} min ===`);
  }
}

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const header = `# Benchmarks

Written by \`npm run bench\` (\`tools/bench/run.ts\`) on ${new Date().toISOString().slice(0, 10)}: ${machine}.
Every area measures its reference in the same run, since these machines are noisy: compare the rows
of one table, not figures across runs. Run one area with \`npm run bench -- <area>\`.
`;
if (only.length === 0) {
  const file = join(root, "BENCHMARKS.md");
  writeFileSync(file, [header, ...sections].join("\n"));
  // Biome also formats markdown (npm run lint): align the tables the way it wants them.
  spawnSync(join(root, "node_modules", ".bin", "biome"), ["format", "--write", file], { stdio: "inherit" });
} else console.log(`\n(only ${only.join(", ")}: BENCHMARKS.md left as it is)\n\n${sections.join("\n")}`);
process.exit(failed > 0 ? 1 : 0);
