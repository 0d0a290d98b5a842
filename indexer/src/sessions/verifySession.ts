import { type SessionMessage, sessionTypedData } from "@hexads/protocol";
import { type Address, type Hex, isAddressEqual, type PublicClient, recoverTypedDataAddress } from "viem";

/**
 * True when `signature` is the viewer's signature of the session. Plain EOA signatures are checked
 * locally (no RPC); anything else (ERC-1271 contract wallets, ERC-6492 counterfactual ones) goes
 * through viem's `verifyTypedData` on the public client, which asks the chain.
 */
export async function verifySession(
  client: PublicClient,
  opts: { chainId: number; adMarket: Address; message: SessionMessage; signature: Hex },
): Promise<boolean> {
  const typed = sessionTypedData(opts.chainId, opts.adMarket, opts.message);
  try {
    const signer = await recoverTypedDataAddress({ ...typed, signature: opts.signature });
    if (isAddressEqual(signer, opts.message.viewer)) return true;
  } catch {
    // not a 65-byte ECDSA signature: may be a contract wallet's
  }
  try {
    return await client.verifyTypedData({
      ...typed,
      address: opts.message.viewer,
      signature: opts.signature,
    });
  } catch {
    return false;
  }
}
