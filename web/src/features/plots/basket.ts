// The multi-select basket: unowned plots chosen on the map, bought together in one buyBatch.

export const MAX_BASKET = 100; // Plots.MAX_BATCH

export interface Basket {
  cells: string[];
}

export function toggle(basket: Basket, cell: string): Basket {
  if (basket.cells.includes(cell)) return { cells: basket.cells.filter((c) => c !== cell) };
  if (basket.cells.length >= MAX_BASKET) return basket;
  return { cells: [...basket.cells, cell] };
}

/** Adds cells (e.g. from a dragged box), skipping duplicates and stopping at the batch limit. */
export function addAll(basket: Basket, cells: string[]): Basket {
  const next = [...basket.cells];
  for (const c of cells) {
    if (next.length >= MAX_BASKET) break;
    if (!next.includes(c)) next.push(c);
  }
  return { cells: next };
}

export const total = (basket: Basket, price: bigint) => price * BigInt(basket.cells.length);

export const toIds = (basket: Basket) => basket.cells.map((c) => BigInt(`0x${c}`));
