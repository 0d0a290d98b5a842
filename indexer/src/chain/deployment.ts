import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getAddress, isAddress } from "viem";
import { z } from "zod";

const address = z
  .string()
  .refine((a) => isAddress(a), "not an address")
  .transform((a) => getAddress(a));

const deploymentSchema = z.object({
  chainId: z.number().int().positive(),
  deployBlock: z.number().int().min(0),
  HexToken: address,
  Plots: address,
  AdMarket: address,
  Faucet: address,
  treasury: address,
  settler: address,
  guardian: address,
});

/** Addresses and deploy block written by contracts/script/Deploy.s.sol. */
export type Deployment = z.infer<typeof deploymentSchema>;

export function readDeployment(dir: string, chainId: number): Deployment {
  const file = join(dir, `${chainId}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new Error(`Cannot read deployment ${file}: deploy the contracts first (npm run deploy)`, { cause });
  }
  return deploymentSchema.parse(raw);
}
