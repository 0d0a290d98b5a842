// Demo data for the local chain: plots bought around a few cities, some listed for sale, and
// campaigns over city centres with creatives, so a newcomer sees a living map on first start.
import { type Deployment, encodeCreative } from "@hexads/protocol";
import { cellToParent, gridDisk, latLngToCell } from "h3-js";
import { createPublicClient, createWalletClient, http, maxUint256, parseEther, publicActions } from "viem";
import { foundry } from "viem/chains";
import { adMarketAbi, hexTokenAbi, plotsAbi } from "../indexer/src/chain/abis.js";
import { anvilAccount } from "./localChain.js";

export const CITIES = [
  { name: "Paris", lat: 48.8566, lng: 2.3522, brand: "Café Hexagone", colour: "#e4572e" },
  { name: "London", lat: 51.5072, lng: -0.1276, brand: "Thames Bikes", colour: "#17bebb" },
  { name: "New York", lat: 40.7128, lng: -74.006, brand: "Bagel Grid", colour: "#ffc914" },
  { name: "Tokyo", lat: 35.6762, lng: 139.6503, brand: "Ramen Cells", colour: "#76b041" },
  { name: "Lagos", lat: 6.5244, lng: 3.3792, brand: "Jollof Hub", colour: "#ff6f59" },
  { name: "São Paulo", lat: -23.5505, lng: -46.6333, brand: "Café Paulista", colour: "#7768ae" },
] as const;

const creative = (brand: string, city: string, colour: string) => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="160"><rect width="320" height="160" fill="${colour}"/><text x="160" y="92" font-family="sans-serif" font-size="28" fill="#fff" text-anchor="middle">${brand}</text></svg>`;
  return encodeCreative({
    title: `${brand} — ${city}`,
    body: `Show this ad at ${brand} in ${city} for 10% off today.`,
    imageUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    landingUrl: `https://example.com/${brand.toLowerCase().replace(/\W+/g, "-")}`,
  });
};

/** Seeds the demo data; does nothing if plots were already bought on this chain. */
export async function seed(rpcUrl: string, d: Deployment, log: (msg: string) => void = console.log) {
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ chain: foundry, transport });
  const supply = await publicClient.readContract({
    address: d.Plots,
    abi: plotsAbi,
    functionName: "balanceOf",
    args: [anvilAccount(1).address],
  });
  if (supply > 0n) return log("seed: demo data already present");
  const wallets = [1, 2, 3, 4].map((i) =>
    createWalletClient({ chain: foundry, transport, account: anvilAccount(i) }).extend(publicActions),
  );
  const deployer = createWalletClient({ chain: foundry, transport, account: anvilAccount(0) }).extend(
    publicActions,
  );
  const wait = async (hash: `0x${string}`) => {
    const r = await publicClient.waitForTransactionReceipt({ hash });
    if (r.status !== "success") throw new Error(`seed transaction ${hash} reverted`);
  };
  for (const w of wallets) {
    await wait(
      await deployer.writeContract({
        address: d.HexToken,
        abi: hexTokenAbi,
        functionName: "transfer",
        args: [w.account.address, parseEther("50000")],
      }),
    );
    for (const spender of [d.Plots, d.AdMarket]) {
      await wait(
        await w.writeContract({
          address: d.HexToken,
          abi: hexTokenAbi,
          functionName: "approve",
          args: [spender, 2n ** 255n],
        }),
      );
    }
  }
  const now = Number((await publicClient.getBlock()).timestamp);
  const expiry = BigInt(now + 30 * 86400);
  for (const [i, city] of CITIES.entries()) {
    const owners = [
      wallets[i % wallets.length],
      wallets[(i + 2) % wallets.length],
    ] as (typeof wallets)[number][];
    const owner = owners[0] as (typeof wallets)[number];
    const centre = latLngToCell(city.lat, city.lng, 7);
    // Three rings of plots around the centre, split between two owners; the centre is left free
    // for a newcomer to buy.
    const ring = gridDisk(centre, 3).filter((c) => c !== centre);
    const half = Math.ceil(ring.length / 2);
    for (const [k, buyer] of owners.entries()) {
      await wait(
        await buyer.writeContract({
          address: d.Plots,
          abi: plotsAbi,
          functionName: "buyBatch",
          args: [ring.slice(k * half, (k + 1) * half).map((c) => BigInt(`0x${c}`)), maxUint256],
        }),
      );
    }
    for (const c of ring.slice(0, 2)) {
      await wait(
        await owner.writeContract({
          address: d.Plots,
          abi: plotsAbi,
          functionName: "list",
          args: [BigInt(`0x${c}`), parseEther(String(25 + i * 5)), expiry],
        }),
      );
    }
    const advertiser = wallets[(i + 1) % wallets.length] as (typeof wallets)[number];
    const target = BigInt(`0x${cellToParent(centre, 5)}`);
    await wait(
      await advertiser.writeContract({
        address: d.AdMarket,
        abi: adMarketAbi,
        functionName: "createCampaign",
        args: [
          parseEther("500"),
          parseEther("1"),
          now,
          now + 30 * 86400,
          creative(city.brand, city.name, city.colour),
          [target],
        ],
      }),
    );
    log(
      `seed: ${city.name}: ${ring.length} plots of 2 owners, 2 listed, a campaign by ${advertiser.account.address.slice(0, 8)}…`,
    );
  }
}
