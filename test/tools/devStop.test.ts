// `npm run dev` stops everything it started: on a SIGINT or SIGTERM sent to the npm process alone (a
// process manager, `kill <pid>`, an IDE's stop button), on a SIGINT to its whole process group (Ctrl-C
// in a terminal: npm and dev.ts each get one), and when the smoke run fails. Processes are found
// through /proc, so this runs on Linux.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, repoRoot } from "../../tools/localChain";
import { until } from "../../tools/smoke";

/** State letter and parent pid of a process, or undefined once it is gone. */
function stat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state, ppid] = s.slice(s.lastIndexOf(")") + 2).split(" ");
    return { state: state as string, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}
/** A zombie has exited; it only waits for a parent (maybe a container's init) to reap it. */
const running = (pid: number) => ![undefined, "Z", "X"].includes(stat(pid)?.state);
const command = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").slice(0, 120);
  } catch {
    return "?";
  }
};

function descendants(root: number): number[] {
  const pids = readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .map(Number);
  const found: number[] = [];
  for (let parents = [root]; parents.length > 0; ) {
    parents = pids.filter((p) => parents.includes(stat(p)?.ppid ?? -1));
    found.push(...parents);
  }
  return found;
}

const accepts = (host: string, port: number) =>
  new Promise<boolean>((res) => {
    const socket = connect(port, host);
    socket.once("connect", () => {
      socket.destroy();
      res(true);
    });
    socket.once("error", () => res(false));
  });
/** Anvil and the indexer listen on 127.0.0.1, vite on `localhost`, which may be ::1. */
const listening = async (port: number) => (await accepts("127.0.0.1", port)) || accepts("::1", port);

function startDev(args: string[], env: Record<string, string>) {
  const npm = spawn("npm", ["run", "dev", "--", ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, as a terminal gives a foreground job.
    detached: true,
  });
  let output = "";
  npm.stdout.on("data", (d) => (output += d));
  npm.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((r) => npm.once("exit", (code) => r(code)));
  return { npm, exited, output: () => output };
}

const gone = (pids: number[]) =>
  until("processes of the dev stack are still running", 30_000, async () => {
    const left = pids.filter(running);
    if (left.length > 0) throw new Error(left.map((p) => `${p} ${command(p)}`).join("; "));
    return true;
  });

describe.skipIf(process.platform !== "linux")("npm run dev stops every child", () => {
  // A failed assertion must not leave a stack running on the machine.
  const seen = new Set<number>();
  afterEach(() => {
    for (const pid of [...seen].filter(running)) process.kill(pid, "SIGKILL");
    seen.clear();
  });
  const watch = (root: number) => {
    const pids = descendants(root);
    for (const p of pids) seen.add(p);
    return pids;
  };

  it.each([
    ["SIGINT", "the npm process alone"],
    ["SIGTERM", "the npm process alone"],
    ["SIGINT", "its process group, as Ctrl-C in a terminal sends it"],
  ] as const)(
    "on %s to %s",
    async (signal, to) => {
      const ports = {
        CHAIN_PORT: await freePort(),
        INDEXER_PORT: await freePort(),
        WEB_PORT: await freePort(),
      };
      const dev = startDev(
        ["--smoke", "--hold"],
        Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, `${v}`])),
      );
      seen.add(dev.npm.pid as number);
      await until("npm run dev -- --smoke --hold did not get ready", 600_000, async () => {
        if (dev.npm.exitCode !== null) throw new Error(`exited early:\n${dev.output()}`);
        watch(dev.npm.pid as number);
        return dev.output().includes("smoke: ready") ? true : undefined;
      });
      const pids = watch(dev.npm.pid as number);
      const commands = pids.map(command).join("\n");
      // The chain, the indexer and the web server (vite under its own npm), each up.
      expect(commands).toMatch(/anvil --port/);
      expect(commands).toMatch(/indexer\/src\/main\.ts/);
      expect(commands).toMatch(/vite/);
      for (const port of Object.values(ports)) expect(await listening(port)).toBe(true);

      if (to.startsWith("its process group")) process.kill(-(dev.npm.pid as number), signal);
      else dev.npm.kill(signal);
      expect(await dev.exited).toBe(0);
      await gone(pids);
      for (const port of Object.values(ports)) expect(await listening(port)).toBe(false);
    },
    900_000,
  ); // a deploy and seed on a busy 2-core machine took up to 3 min

  it("a failed smoke run names the step, exits 1 and leaves nothing running", async () => {
    const dev = startDev(["--smoke"], { SMOKE_TIMEOUT_SECONDS: "1" });
    const commands = new Set<string>();
    while (dev.npm.exitCode === null) {
      for (const p of watch(dev.npm.pid as number)) commands.add(command(p));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await dev.exited).toBe(1);
    expect(dev.output()).toMatch(
      /smoke: FAILED, timed out after 1 s while (generating code|deploying|seeding)/,
    );
    expect([...commands].join("\n")).toMatch(/anvil --port/);
    await gone([...seen]);
  });
});
