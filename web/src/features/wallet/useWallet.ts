import { useQuery } from "@tanstack/react-query";
import { useAccount, useBalance } from "wagmi";
import { useReadHexTokenBalanceOf, useReadPlotsPrimaryPrice } from "../../generated";
import { config, deployment } from "../../lib/config";

/** The connected account with its balances and whether it is on the app's chain. */
export function useWallet() {
  const { address, chainId, connector, isConnected } = useAccount();
  const d = deployment();
  const hxa = useReadHexTokenBalanceOf({
    address: d.HexToken,
    args: address ? [address] : undefined,
    query: { enabled: !!address },
  });
  const eth = useBalance({ address, query: { enabled: !!address } });
  return {
    address: address?.toLowerCase(),
    checksummed: address,
    isConnected,
    wrongNetwork: isConnected && chainId !== config.chainId,
    connectorName: connector?.name,
    hxa: hxa.data,
    eth: eth.data?.value,
  };
}

export function usePrimaryPrice() {
  return useReadPlotsPrimaryPrice({ address: deployment().Plots }).data;
}

export const useIndexerStatus = () =>
  useQuery({
    queryKey: ["status"],
    queryFn: async () => (await import("../../lib/api")).api.status(),
    refetchInterval: 4000,
  });
