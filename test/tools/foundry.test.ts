// The Foundry resolver: the npm package of this platform first, then PATH and ~/.foundry/bin, then
// an error that names the install command.
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { foundryBin, installFoundry } from "../../tools/foundry";

const fakeTool = (dir: string, name: string) => {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, "#!/bin/sh\n");
  chmodSync(path, 0o755);
  return path;
};

describe("foundryBin", () => {
  const empty = realpathSync(mkdtempSync(join(tmpdir(), "foundry-")));

  it("takes the @foundry-rs package of this platform from node_modules", () => {
    expect(foundryBin("anvil", { platform: "linux", arch: "x64", env: { PATH: "" } })).toMatch(
      /node_modules\/@foundry-rs\/anvil-linux-amd64\/bin\/anvil$/,
    );
  });

  it("falls back to Foundry on PATH where npm has no package (or it is not installed)", () => {
    const onPath = fakeTool(join(empty, "path-bin"), "forge");
    const env = { PATH: join(empty, "path-bin"), FOUNDRY_DIR: join(empty, "none") };
    expect(foundryBin("forge", { platform: "freebsd", arch: "x64", env })).toBe(onPath);
    // darwin-arm64 has a package on npm, but this Linux machine did not install it.
    expect(foundryBin("forge", { platform: "darwin", arch: "arm64", env })).toBe(onPath);
  });

  it("finds foundryup's install in FOUNDRY_DIR/bin when the shell's PATH does not have it yet", () => {
    const installed = fakeTool(join(empty, "foundry", "bin"), "cast");
    const env = { PATH: "", FOUNDRY_DIR: join(empty, "foundry") };
    expect(foundryBin("cast", { platform: "freebsd", arch: "x64", env })).toBe(installed);
  });

  it("without any, names the one command that installs Foundry", () => {
    const env = { PATH: join(empty, "nothing"), FOUNDRY_DIR: join(empty, "nothing") };
    expect(() => foundryBin("anvil", { platform: "darwin", arch: "arm64", env })).toThrow(
      "@foundry-rs/anvil-darwin-arm64 is not installed and there is no anvil on PATH",
    );
    expect(() => foundryBin("forge", { platform: "freebsd", arch: "x64", env })).toThrow(installFoundry);
  });
});
