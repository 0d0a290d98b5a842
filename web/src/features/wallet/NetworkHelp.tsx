// What a person on a real chain needs to hear: which network the app expects, how to get HXA there,
// and a way to show HXA in their wallet. The dev chain has its burner and faucet instead.
import { useState } from "react";
import { useWatchAsset } from "wagmi";
import { deployment } from "../../lib/config";
import { describeError } from "../../lib/errors";
import { chain } from "../../lib/wagmi";

/** Which network HexAds runs on and how to get HXA there. */
export function NetworkHelp() {
  return (
    <div className="menu-note network-help" data-testid="network-help">
      HexAds runs on{" "}
      <strong>
        {chain.name} (chain {chain.id})
      </strong>
      . Get HXA there by clicking ads on the Earn page, or from anyone who holds some. Buying plots and
      running campaigns also needs a little {chain.nativeCurrency.symbol} on {chain.name} for gas.
    </div>
  );
}

/** Asks the wallet to list HXA among its tokens (EIP-747 wallet_watchAsset). */
export function AddHxaButton({ onDone }: { onDone: (message: string) => void }) {
  const { watchAssetAsync } = useWatchAsset();
  const [busy, setBusy] = useState(false);
  const add = async () => {
    setBusy(true);
    try {
      const added = await watchAssetAsync({
        type: "ERC20",
        options: { address: deployment().HexToken, symbol: "HXA", decimals: 18 },
      });
      onDone(added ? "HXA is now listed in your wallet." : "Your wallet did not add HXA.");
    } catch (e) {
      onDone(describeError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" role="menuitem" onClick={add} disabled={busy}>
      Add HXA to your wallet
    </button>
  );
}
