// Generates typed ABIs from the Foundry build, so nobody hand-copies an ABI:
// the indexer gets plain `as const` ABIs, the web app gets wagmi React hooks on top.
import { defineConfig } from "@wagmi/cli";
import { foundry, react } from "@wagmi/cli/plugins";

const contracts = ["HexToken.sol/**", "Plots.sol/**", "AdMarket.sol/**", "Faucet.sol/**"];
const fromFoundry = () =>
  foundry({ project: ".", artifacts: "out", forge: { build: false }, include: contracts });

export default defineConfig([
  { out: "indexer/src/chain/abis.ts", plugins: [fromFoundry()] },
  { out: "web/src/generated.ts", plugins: [fromFoundry(), react()] },
  { out: "packages/economy/src/abis.ts", plugins: [fromFoundry()] },
]);
