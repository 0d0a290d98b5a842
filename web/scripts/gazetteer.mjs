// Builds the country label points shipped with the app for the offline basemap (checked in as
// src/lib/map/countries.json) from world-countries. Place search and plot names come from the
// indexer's gazetteer (indexer/src/places), not from the browser bundle. Run: node web/scripts/gazetteer.mjs
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const countries = require("world-countries");
const round = (n) => Math.round(n * 1e4) / 1e4;
const labels = countries
  .filter((c) => c.area >= 20_000 && c.cca3 !== "ATA")
  .map((c) => [c.name.common, round(c.latlng[0]), round(c.latlng[1]), Math.round(c.area)]);
writeFileSync(new URL("../src/lib/map/countries.json", import.meta.url), JSON.stringify(labels));
console.log(`${labels.length} countries`);
