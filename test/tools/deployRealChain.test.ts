// The deploy script as a real chain sees it: an anvil started with Base Sepolia's chain id (84532),
// so Deploy.s.sol takes its production branch. Without a key, with anvil's public key 0 or with
// shared roles it refuses; with a deployer key and distinct ADMIN/SETTLER/GUARDIAN/TREASURY it hands
// everything over and keeps nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createPublicClient, createWalletClient, getAddress, http, toHex, zeroHash } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adMarketAbi, hexTokenAbi, plotsAbi } from "../../indexer/src/chain/abis.js";
import {
  type Anvil,
  anvilAccount,
  anvilKey,
  deployContracts,
  repoRoot,
  startAnvil,
} from "../../tools/localChain.js";

const CHAIN_ID = 84532;
const deployer = anvilAccount(1).address;
const admin = anvilAccount(2).address;
const settler = anvilAccount(3).address;
const guardian = anvilAccount(4).address;
const treasury = anvilAccount(5).address;

describe("Deploy.s.sol on a chain other than 31337", () => {
  let anvil: Anvil;
  let dir: string;
  beforeAll(async () => {
    anvil = await startAnvil({ chainId: CHAIN_ID });
    dir = mkdtempSync(join(repoRoot, "deployments", "real-chain-test-"));
  });
  afterAll(async () => {
    await anvil?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const roles = { ADMIN: admin, SETTLER: settler, GUARDIAN: guardian, TREASURY: treasury };

  it("refuses without a key, with anvil's public key 0, or with two roles on one account", async () => {
    const deploy = (env: Record<string, string>) => deployContracts(anvil.rpcUrl, dir, env);
    await expect(deploy({ ...roles, PRIVATE_KEY: "" })).rejects.toThrow(/MissingEnv|PRIVATE_KEY/);
    await expect(deploy({ ...roles, PRIVATE_KEY: anvilKey(0) })).rejects.toThrow(/RolesNotDistinct/);
    await expect(deploy({ ...roles, GUARDIAN: settler, PRIVATE_KEY: anvilKey(1) })).rejects.toThrow(
      /RolesNotDistinct/,
    );
    await expect(deploy({ ADMIN: admin, SETTLER: settler, PRIVATE_KEY: anvilKey(1) })).rejects.toThrow(
      /MissingEnv/,
    );
  });

  it("with distinct roles, gives the treasury the supply, each role its key, and the deployer nothing", async () => {
    const d = await deployContracts(anvil.rpcUrl, dir, { ...roles, PRIVATE_KEY: anvilKey(1) });
    expect(d.chainId).toBe(CHAIN_ID);
    expect(getAddress(d.treasury)).toBe(treasury);
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    const market = { address: d.AdMarket, abi: adMarketAbi } as const;
    const plots = { address: d.Plots, abi: plotsAbi } as const;
    const read = client.readContract.bind(client) as (a: object) => Promise<unknown>;
    const [settlerRole, guardianRole] = await Promise.all([
      read({ ...market, functionName: "SETTLER_ROLE" }),
      read({ ...market, functionName: "GUARDIAN_ROLE" }),
    ]);
    const hasRole = (c: object, role: unknown, who: string) =>
      read({ ...c, functionName: "hasRole", args: [role, who] });
    expect(await hasRole(market, settlerRole, settler)).toBe(true);
    expect(await hasRole(market, guardianRole, guardian)).toBe(true);
    expect(await hasRole(market, settlerRole, deployer)).toBe(false);
    expect(await hasRole(market, guardianRole, deployer)).toBe(false);
    // AdMarket's admin moves in two steps (AccessControlDefaultAdminRules): ADMIN accepts after the delay.
    const [pending, after] = (await read({ ...market, functionName: "pendingDefaultAdmin" })) as [
      string,
      number,
    ];
    expect(pending).toBe(admin);
    const block = await client.getBlock();
    await client.request({
      method: "evm_setNextBlockTimestamp" as never,
      params: [toHex(BigInt(after) + 1n)] as never,
    });
    const wallet = createWalletClient({ account: anvilAccount(2), transport: http(anvil.rpcUrl) });
    const hash = await wallet.writeContract({
      ...market,
      functionName: "acceptDefaultAdminTransfer",
      chain: null,
    });
    expect((await client.waitForTransactionReceipt({ hash })).status).toBe("success");
    expect(await read({ ...market, functionName: "defaultAdmin" })).toBe(admin);
    expect(await hasRole(market, zeroHash, deployer)).toBe(false);
    expect(block.timestamp).toBeLessThan(BigInt(after));
    expect(await hasRole(plots, zeroHash, admin)).toBe(true);
    expect(await hasRole(plots, zeroHash, deployer)).toBe(false);
    expect(await read({ ...market, functionName: "challengePeriod" })).toBe(86_400n);
    const supply = (await read({
      address: d.HexToken,
      abi: hexTokenAbi,
      functionName: "totalSupply",
    })) as bigint;
    expect(
      await read({ address: d.HexToken, abi: hexTokenAbi, functionName: "balanceOf", args: [treasury] }),
    ).toBe(supply);
    expect(d.Faucet).toMatch(/^0x0{40}$/);
  });
});
