// Finds Foundry's binaries (forge, anvil, cast) on every platform: the @foundry-rs npm package for this
// platform (an optionalDependency, so npm installs only the one that fits), else Foundry on PATH or in
// ~/.foundry/bin (where foundryup puts it), else a clear error naming the one command that installs it.
// As a command (`node --import tsx tools/foundry.ts forge build`) it runs the tool: the npm scripts use it.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type FoundryTool = "forge" | "anvil" | "cast";

/** Node's platform-arch to the suffix of Foundry's npm packages (@foundry-rs/forge-linux-amd64, ...). */
const npmSuffix: Record<string, string> = {
  "linux-x64": "linux-amd64",
  "linux-arm64": "linux-arm64",
  "darwin-x64": "darwin-amd64",
  "darwin-arm64": "darwin-arm64",
  "win32-x64": "win32-amd64",
};

export const installFoundry = "curl -L https://foundry.paradigm.xyz | bash && foundryup";

/** Where to look: this machine unless a test says otherwise. */
export interface Host {
  platform: string;
  arch: string;
  env: NodeJS.ProcessEnv;
}
const thisHost: Host = { platform: process.platform, arch: process.arch, env: process.env };

const exe = (tool: string, host: Host) => (host.platform === "win32" ? `${tool}.exe` : tool);

function fromNpm(tool: FoundryTool, host: Host): string | undefined {
  const suffix = npmSuffix[`${host.platform}-${host.arch}`];
  if (!suffix) return undefined;
  try {
    const pkg = createRequire(import.meta.url).resolve(`@foundry-rs/${tool}-${suffix}/package.json`);
    const path = join(dirname(pkg), "bin", exe(tool, host));
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined; // not installed: another platform, or installed with --omit=optional
  }
}

function fromPath(tool: FoundryTool, host: Host): string | undefined {
  const foundryDir = host.env.FOUNDRY_DIR ?? join(homedir(), ".foundry");
  const dirs = [...(host.env.PATH ?? "").split(delimiter), join(foundryDir, "bin")];
  return dirs
    .filter(Boolean)
    .map((d) => join(d, exe(tool, host)))
    .find((p) => existsSync(p));
}

/** The path of `tool`'s binary; throws an error that says how to install Foundry when there is none. */
export function foundryBin(tool: FoundryTool, host = thisHost): string {
  const found = fromNpm(tool, host) ?? fromPath(tool, host);
  if (found) return found;
  const platform = `${host.platform}-${host.arch}`;
  const pkg = npmSuffix[platform] ? `@foundry-rs/${tool}-${npmSuffix[platform]}` : undefined;
  throw new Error(
    `Foundry's ${tool} was not found: ${pkg ? `${pkg} is not installed` : `npm has no ${tool} for ${platform}`}` +
      ` and there is no ${tool} on PATH or in ~/.foundry/bin.\nInstall Foundry with:\n  ${installFoundry}`,
  );
}

/** PATH with the directory of forge first: @wagmi/cli's Foundry plugin looks for `forge` on PATH. */
export const pathWithForge = () => [dirname(foundryBin("forge")), process.env.PATH ?? ""].join(delimiter);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [tool, ...args] = process.argv.slice(2);
  if (tool !== "forge" && tool !== "anvil" && tool !== "cast") {
    console.error("usage: node --import tsx tools/foundry.ts forge|anvil|cast [args...]");
    process.exit(2);
  }
  let bin: string;
  try {
    bin = foundryBin(tool);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(127);
  }
  const child = spawn(bin, args, { stdio: "inherit" });
  // npm signals this process on Ctrl-C or kill; pass it on so forge/anvil stop too.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
