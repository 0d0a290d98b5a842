import { type Address, getAddress, isAddress } from "viem";

/** Addresses and deploy block written by contracts/script/Deploy.s.sol to deployments/<chainId>.json. */
export interface Deployment {
  chainId: number;
  deployBlock: number;
  HexToken: Address;
  Plots: Address;
  AdMarket: Address;
  Faucet: Address;
  treasury: Address;
  settler: Address;
  guardian: Address;
}

const ADDRESS_FIELDS = [
  "HexToken",
  "Plots",
  "AdMarket",
  "Faucet",
  "treasury",
  "settler",
  "guardian",
] as const;

/** Checks a parsed deployment file; addresses come back checksummed. Throws naming the bad field. */
export function parseDeployment(raw: unknown): Deployment {
  if (typeof raw !== "object" || raw === null) throw new TypeError("deployment: not a JSON object");
  const r = raw as Record<string, unknown>;
  const { chainId, deployBlock } = r;
  if (typeof chainId !== "number" || !Number.isInteger(chainId) || chainId <= 0)
    throw new TypeError("deployment: chainId must be a positive integer");
  if (typeof deployBlock !== "number" || !Number.isInteger(deployBlock) || deployBlock < 0)
    throw new TypeError("deployment: deployBlock must be a non-negative integer");
  const addresses = {} as Record<(typeof ADDRESS_FIELDS)[number], Address>;
  for (const field of ADDRESS_FIELDS) {
    const a = r[field];
    if (typeof a !== "string" || !isAddress(a, { strict: false }))
      throw new TypeError(`deployment: ${field} is not an address`);
    addresses[field] = getAddress(a);
  }
  return { chainId, deployBlock, ...addresses };
}
