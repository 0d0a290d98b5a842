#!/usr/bin/env node
// Foundry calls this as its `solc`: a shim around solc-js so that no native compiler has to be
// downloaded. It answers the two invocations forge makes: `--version` and `--standard-json`.
const solc = require("solc");

if (process.argv.includes("--version")) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}
if (!process.argv.includes("--standard-json")) {
  process.stderr.write("tools/solc.cjs supports only --version and --standard-json\n");
  process.exit(1);
}
const chunks = [];
process.stdin.on("data", (c) => chunks.push(c));
process.stdin.on("end", () => {
  const input = Buffer.concat(chunks).toString("utf8");
  const findImports = (path) => {
    try {
      return { contents: require("node:fs").readFileSync(path, "utf8") };
    } catch {
      return { error: `File not found: ${path}` };
    }
  };
  process.stdout.write(solc.compile(input, { import: findImports }));
});
