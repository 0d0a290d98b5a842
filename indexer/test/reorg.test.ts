import { latLngToCell } from "h3-js";
import { encodeFunctionData, maxUint256, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plotsAbi } from "../src/chain/abis.js";
import { type LocalChain, localChain, localIndexer } from "./support/chain.js";
import { databaseOptions, engines } from "./support/databases.js";
import { dumpState } from "./support/dump.js";

const cell = (lat: number, lng: number) => BigInt(`0x${latLngToCell(lat, lng, 7)}`);
describe.each(engines)("reorgs on %s", (engine) => {
  // A chain per engine, so each run sees exactly the reorgs it makes.
  let chain: LocalChain;
  beforeAll(async () => {
    chain = await localChain();
  }, 120_000);
  afterAll(() => chain?.stop());

  it("after a reorg of depth 1 and then of depth 5 the index equals a fresh index of the new chain", async () => {
    const ix = await localIndexer(chain, await databaseOptions(engine));
    const [alice, bob] = chain.users as [LocalChain["users"][number], LocalChain["users"][number]];
    const plots = { address: chain.deployment.Plots, abi: plotsAbi } as const;
    const send = async (w: typeof alice, call: Parameters<typeof alice.writeContract>[0]) => {
      const receipt = await chain.publicClient.waitForTransactionReceipt({
        hash: await w.writeContract(call),
      });
      expect(receipt.status).toBe("success");
    };
    const a = cell(10, 10);
    const b = cell(11, 10);
    const expiry = BigInt(Math.floor(Date.now() / 1000) + 86400);

    await send(alice, { ...plots, functionName: "buy", args: [a, maxUint256] });
    await send(alice, { ...plots, functionName: "list", args: [a, parseEther("5"), expiry] });
    await send(bob, { ...plots, functionName: "buy", args: [b, maxUint256] });
    await ix.follower.syncOnce();
    expect((await ix.get(`/plots/${b.toString(16)}`)).status).toBe(200);

    // Depth 1: bob's buy is dropped from the chain.
    await chain.testClient.request({ method: "anvil_reorg" as never, params: [1, []] as never });
    await ix.follower.syncOnce();
    expect((await ix.get(`/plots/${b.toString(16)}`)).status).toBe(404);
    await expectEqualToFreshIndex(ix.database.db);

    // Depth 5: five blocks of activity replaced by a chain where a different buyer takes `b`.
    await send(bob, { ...plots, functionName: "buy", args: [b, maxUint256] });
    await send(bob, { ...plots, functionName: "buyListed", args: [a, parseEther("5")] });
    await send(alice, { ...plots, functionName: "buy", args: [cell(12, 10), maxUint256] });
    await send(bob, { ...plots, functionName: "list", args: [b, parseEther("9"), expiry] });
    await send(alice, { ...plots, functionName: "buy", args: [cell(13, 10), maxUint256] });
    await ix.follower.syncOnce();
    expect((await ix.get<{ owner: string }>(`/plots/${a.toString(16)}`)).body.owner).toBe(
      bob.account.address.toLowerCase(),
    );

    const buyB = encodeFunctionData({ abi: plotsAbi, functionName: "buy", args: [b, maxUint256] });
    await chain.testClient.request({
      method: "anvil_reorg" as never,
      params: [
        5,
        [[{ from: alice.account.address, to: chain.deployment.Plots, data: buyB, gas: "0x100000" }, 2]],
      ] as never,
    });
    await ix.follower.syncOnce();
    expect((await ix.get<{ owner: string }>(`/plots/${b.toString(16)}`)).body.owner).toBe(
      alice.account.address.toLowerCase(),
    );
    const aNow = (await ix.get<{ owner: string; listing: unknown }>(`/plots/${a.toString(16)}`)).body;
    expect(aNow.owner).toBe(alice.account.address.toLowerCase());
    expect(aNow.listing).not.toBeNull();
    await expectEqualToFreshIndex(ix.database.db);
    await ix.close();

    async function expectEqualToFreshIndex(db: typeof ix.database.db) {
      const fresh = await localIndexer(chain, await databaseOptions(engine));
      await fresh.follower.syncOnce();
      expect(await dumpState(db)).toEqual(await dumpState(fresh.database.db));
      await fresh.close();
    }
  });
});
