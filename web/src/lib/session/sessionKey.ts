// The browser's session key: ECDSA P-256 made with WebCrypto as non-extractable and kept in
// IndexedDB, so page scripts can sign with it but cannot copy it out. The wallet authorises it once.
const DB = "hexads";
const STORE = "keys";

function idb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function stored(name: string): Promise<CryptoKeyPair | undefined> {
  const db = await idb();
  return new Promise((resolve, reject) => {
    const req = db.transaction(STORE).objectStore(STORE).get(name);
    req.onsuccess = () => resolve(req.result as CryptoKeyPair | undefined);
    req.onerror = () => reject(req.error);
  });
}

async function store(name: string, pair: CryptoKeyPair): Promise<void> {
  const db = await idb();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(STORE, "readwrite");
    tx.objectStore(STORE).put(pair, name);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

const hex = (bytes: ArrayBuffer) =>
  `0x${[...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;

/** The key pair for `viewer`, made on first use. */
export async function sessionKeyPair(viewer: string): Promise<CryptoKeyPair> {
  const name = `session:${viewer.toLowerCase()}`;
  const existing = await stored(name);
  if (existing) return existing;
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
    "sign",
    "verify",
  ]);
  await store(name, pair);
  return pair;
}

/** The public key as the indexer expects it: uncompressed SEC1 (0x04 || x || y). */
export async function publicKeyHex(pair: CryptoKeyPair): Promise<`0x${string}`> {
  return hex(await crypto.subtle.exportKey("raw", pair.publicKey)) as `0x${string}`;
}

/** ECDSA P-256 / SHA-256 signature of `message`, r || s (the form WebCrypto returns). */
export async function signWithSession(pair: CryptoKeyPair, message: string): Promise<`0x${string}`> {
  const sig = await crypto.subtle.sign(
    { name: "ECDSA", hash: "SHA-256" },
    pair.privateKey,
    new TextEncoder().encode(message),
  );
  return hex(sig) as `0x${string}`;
}
