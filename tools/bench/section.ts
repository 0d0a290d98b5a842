// What every benchmark area uses to report: a markdown table, and the section file the runner
// (tools/bench/run.ts) collects into BENCHMARKS.md. Run an area alone and it prints its section.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export type Cell = string | number;

/** Formats numbers with thousands separators and a fixed number of decimals. */
export function num(n: number, decimals = 0): string {
  return n.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A GitHub-flavoured markdown table. */
export function table(headers: string[], rows: Cell[][]): string {
  const line = (cells: Cell[]) => `| ${cells.map(String).join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Hands the area's markdown section to the runner (BENCH_OUT) or prints it when run alone. */
export function report(markdown: string): void {
  const out = process.env.BENCH_OUT;
  if (!out) {
    console.log(`\n${markdown}`);
    return;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${markdown.trim()}\n`);
}
