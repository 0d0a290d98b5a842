// Epoch tree build: time and peak memory of the settler's builder for 10k, 100k and 1M accounts,
// against @openzeppelin/merkle-tree's StandardMerkleTree.of (the reference format) on the same
// leaves in the same run. Each build runs in a fresh child process (this file, with arguments), so
// a peak belongs to one build; the roots and sample proofs are checked equal wherever both finish.
// Run: npm run bench -- epoch
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { Address } from "viem";
import { num, report, table } from "../../tools/bench/section.js";
import { buildEpochTree, type Leaf } from "../src/settlement/buildEpochTree.js";

type Builder = "ours" | "reference";
interface Run {
  seconds: number;
  /** Resident memory once the input leaves exist, and the highest it reached during the build (MiB). */
  inputMiB: number;
  peakMiB: number;
  root: string;
  proofs: string[][];
}

const SIZES = [10_000, 100_000, 1_000_000];
/** The reference needs minutes and gigabytes at 1M: it gets this long before it is stopped. */
const REFERENCE_CAP_S = 180;
const OURS_RUNS = 3;
const GOAL = { size: 1_000_000, seconds: 30, mib: 1024 };
/** Leaves whose proofs are compared (input positions). */
const SAMPLE = [0, 1, 7, 999];

/** The same pseudo-random accounts and amounts for a size in every process. */
function makeLeaves(n: number): Leaf[] {
  const out: Leaf[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const d = createHash("sha256").update(`hexads-epoch-bench:${i}`).digest();
    out[i] = {
      account: `0x${d.toString("hex", 0, 20)}` as Address,
      cumulative: BigInt(d.readUIntBE(20, 6)) * 10n ** 6n,
    };
  }
  return out;
}

/** Linux keeps the peak resident size in VmHWM, and resets it on request: the build's own peak. */
const vm = (field: "VmRSS" | "VmHWM", pid: number | "self" = "self") =>
  Number(readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+)`))?.[1]) / 1024;

async function child(builder: Builder, n: number): Promise<Run> {
  const leaves = makeLeaves(n);
  const values = leaves.map((l) => [l.account, l.cumulative.toString()]);
  (globalThis as { gc?: () => void }).gc?.();
  writeFileSync("/proc/self/clear_refs", "5");
  const inputMiB = vm("VmRSS");
  const started = performance.now();
  let root: string;
  let proofs: string[][];
  if (builder === "ours") {
    const tree = await buildEpochTree(leaves);
    root = tree.root;
    proofs = SAMPLE.map((i) => tree.proof((leaves[i] as Leaf).account) ?? []);
  } else {
    const tree = StandardMerkleTree.of(values, ["address", "uint256"]);
    root = tree.root;
    proofs = SAMPLE.map((i) => tree.getProof(i));
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, inputMiB, peakMiB: vm("VmHWM"), root, proofs };
}

/** One build in a fresh process; past the cap it is stopped and only its peak so far is known. */
async function spawnRun(
  builder: Builder,
  n: number,
  capSeconds?: number,
): Promise<Run | { stoppedPeakMiB: number }> {
  const proc = spawn(
    process.execPath,
    ["--expose-gc", "--max-old-space-size=8192", "--import", "tsx", import.meta.filename, builder, String(n)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let stdout = "";
  proc.stdout.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
  });
  let stoppedPeakMiB: number | undefined;
  const timer =
    capSeconds &&
    setTimeout(() => {
      stoppedPeakMiB = vm("VmHWM", proc.pid);
      proc.kill("SIGKILL");
    }, capSeconds * 1000);
  const [code, signal] = (await once(proc, "exit")) as [number | null, string | null];
  if (timer) clearTimeout(timer);
  if (stoppedPeakMiB !== undefined) return { stoppedPeakMiB };
  if (code !== 0) throw new Error(`${builder} ${n}: exit ${code ?? signal}`);
  return JSON.parse(stdout) as Run;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main() {
  const rows: (string | number)[][] = [];
  let ours1M: Run | undefined;
  let refSecondsPerLeaf = 0;
  const notes: string[] = [];
  for (const n of SIZES) {
    const runs: Run[] = [];
    for (let i = 0; i < OURS_RUNS; i++) runs.push((await spawnRun("ours", n)) as Run);
    const ours = runs.find((r) => r.seconds === median(runs.map((x) => x.seconds))) as Run;
    const cap = n >= 1_000_000 ? REFERENCE_CAP_S : undefined;
    console.log(`epoch: ${num(n)} leaves, ours ${ours.seconds.toFixed(2)} s; reference...`);
    const ref = await spawnRun("reference", n, cap);
    if ("root" in ref) {
      if (ref.root !== ours.root || JSON.stringify(ref.proofs) !== JSON.stringify(ours.proofs)) {
        throw new Error(`${n} leaves: root or proofs differ from StandardMerkleTree's`);
      }
      refSecondsPerLeaf = ref.seconds / n;
      rows.push([
        num(n),
        "StandardMerkleTree.of (reference)",
        ref.seconds.toFixed(2),
        num(ref.peakMiB),
        num(ref.peakMiB - ref.inputMiB),
        "same",
      ]);
    } else {
      const linear = refSecondsPerLeaf * n;
      notes.push(
        `At ${num(n)} leaves the reference was stopped after ${REFERENCE_CAP_S} s, so no root could be compared there. Linear extrapolation from its smaller run says ${num(linear)} s${REFERENCE_CAP_S > linear ? ": it already took longer, so it scales worse than linearly and that figure is only a lower bound" : ""}; its peak RSS when stopped was ${num(ref.stoppedPeakMiB)} MiB.`,
      );
      rows.push([
        num(n),
        "StandardMerkleTree.of (reference)",
        `stopped at ${REFERENCE_CAP_S} (≥ ${num(Math.max(linear, REFERENCE_CAP_S))})`,
        `≥ ${num(ref.stoppedPeakMiB)}`,
        "",
        "not compared",
      ]);
    }
    rows.push([
      num(n),
      `buildEpochTree (median of ${OURS_RUNS})`,
      ours.seconds.toFixed(2),
      num(ours.peakMiB),
      num(ours.peakMiB - ours.inputMiB),
      "root" in ref
        ? `${(ref.seconds / ours.seconds).toFixed(1)}× faster`
        : `≥ ${(Math.max(REFERENCE_CAP_S, refSecondsPerLeaf * n) / ours.seconds).toFixed(0)}× faster`,
    ]);
    if (n === GOAL.size) ours1M = ours;
  }
  const met = !!ours1M && ours1M.seconds <= GOAL.seconds && ours1M.peakMiB <= GOAL.mib;
  report(`## Settlement tree (\`indexer/bench/epoch.ts\`)

The settler's \`buildEpochTree\` against \`StandardMerkleTree.of\` of \`@openzeppelin/merkle-tree\` (the
format the contract verifies) on the same pseudo-random accounts and amounts, each build in a fresh
Node process. Peak RSS is the process's resident high-water mark (VmHWM) during the build, reset once
the input leaves exist; "build's own" subtracts the resident size of that input. Where both finish, the
root and the proofs of ${SAMPLE.length} sample accounts are checked equal before anything is reported.

${table(["leaves", "builder", "seconds", "peak RSS MiB", "build's own MiB", "root / speed"], rows)}

${notes.join("\n\n")}

Goal at ${num(GOAL.size)} leaves: ≤ ${GOAL.seconds} s and ≤ ${num(GOAL.mib)} MiB peak, same root as the library.
${
  met
    ? `**Met**: ${ours1M?.seconds.toFixed(1)} s, ${num(ours1M?.peakMiB ?? 0)} MiB peak (the input leaves included), roots and proofs equal at every size the reference finished.`
    : `**Not met** at ${ours1M?.seconds.toFixed(1)} s and ${num(ours1M?.peakMiB ?? 0)} MiB. Next step: hash the leaves on worker threads (the leaf hashes are independent) and index accounts by bytes rather than a Map of strings.`
}
How: WebAssembly keccak (\`hash-wasm\`) instead of the pure-JS one, every node in one buffer instead of
a byte array or hex string each, and a sort that compares a 48-bit prefix of the leaf hash as one number.
`);
}

const [builder, size] = process.argv.slice(2);
if (builder === "ours" || builder === "reference") {
  process.stdout.write(JSON.stringify(await child(builder, Number(size))));
} else {
  await main();
}
