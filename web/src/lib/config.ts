import { type Deployment, LOCAL_CHAIN_ID, parseDeployment } from "@hexads/protocol";

// Deployment files written by contracts/script/Deploy.s.sol, bundled per chain id. `@deployments` is
// the repository's deployments/ folder, or DEPLOYMENTS_DIR at build time (vite.config.ts).
const files = import.meta.glob<unknown>("@deployments/*.json", { eager: true, import: "default" });
const deployments = new Map(
  Object.values(files)
    .map(parseDeployment)
    .map((d) => [d.chainId, d]),
);

export const config = {
  chainId: Number(import.meta.env.VITE_CHAIN_ID ?? LOCAL_CHAIN_ID),
  rpcUrl: (import.meta.env.VITE_RPC_URL as string | undefined) ?? "http://127.0.0.1:8545",
  indexerUrl: (import.meta.env.VITE_INDEXER_URL as string | undefined) ?? "http://127.0.0.1:42069",
  /** A MapLibre style URL for the street basemap (default OpenFreeMap's), or "offline". */
  mapStyleUrl: import.meta.env.VITE_MAP_STYLE_URL as string | undefined,
  /** How long the street basemap may take to settle before the offline one takes over. */
  mapFallbackMs: Number(import.meta.env.VITE_MAP_FALLBACK_SECONDS ?? 8) * 1000,
  /** A block explorer (e.g. https://etherscan.io) whose /tx/<hash> pages transactions link to. */
  explorerUrl: import.meta.env.VITE_EXPLORER_URL as string | undefined,
  /** Photon-compatible geocoder for the search box; "off" searches the indexer's gazetteer only. */
  geocoderUrl: (
    (import.meta.env.VITE_GEOCODER_URL as string | undefined) ?? "https://photon.komoot.io/api"
  ).replace(/^off$/, ""),
};

export const isLocalChain = config.chainId === LOCAL_CHAIN_ID;

export function deployment(): Deployment {
  const d = deployments.get(config.chainId);
  if (!d)
    throw new Error(
      `No deployment for chain ${config.chainId}: deploy the contracts (npm run deploy) first.`,
    );
  return d;
}
