// A viewer as the web app is one, outside a browser: a wallet plus a P-256 session key that signs
// viewability reports and clicks (IEEE P1363 signatures, as WebCrypto makes). Used by the dev seed
// and by the indexer tests.
import { generateKeyPairSync, sign } from "node:crypto";
import { clickMessage, sessionTypedData } from "@hexads/protocol";
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";

export function newViewer(wallet: PrivateKeyAccount = privateKeyToAccount(generatePrivateKey())) {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const raw = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x as string, "base64url"),
    Buffer.from(jwk.y as string, "base64url"),
  ]);
  return {
    wallet,
    address: wallet.address.toLowerCase(),
    sessionKey: `0x${raw.toString("hex")}` as `0x${string}`,
    sign: (message: string) =>
      `0x${sign("sha256", Buffer.from(message), { key: privateKey, dsaEncoding: "ieee-p1363" }).toString("hex")}`,
  };
}
export type Viewer = ReturnType<typeof newViewer>;

/** The body of POST /sessions: the wallet's EIP-712 signature over the session key. */
export async function sessionRequest(
  viewer: Viewer,
  deployment: { chainId: number; AdMarket: `0x${string}` },
  expiresAt: number,
) {
  const signature = await viewer.wallet.signTypedData(
    sessionTypedData(deployment.chainId, deployment.AdMarket, {
      viewer: viewer.wallet.address,
      sessionKey: viewer.sessionKey,
      expiresAt: BigInt(expiresAt),
    }),
  );
  return { viewer: viewer.wallet.address, sessionKey: viewer.sessionKey, expiresAt, signature };
}

/** The body of POST /clicks for an ad's impression token. */
export const clickRequest = (viewer: Viewer, token: string) => ({
  token,
  signature: viewer.sign(clickMessage(token)),
});
