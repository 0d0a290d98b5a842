/** Chain id of the local dev chain (anvil): it never reorgs on its own and has public dev keys. */
export const LOCAL_CHAIN_ID = 31337;
