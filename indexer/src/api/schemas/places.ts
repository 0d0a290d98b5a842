import { z } from "@hono/zod-openapi";

/** A plot's human name: the place it is in or near, from the indexer's offline gazetteer. */
export const Place = z
  .object({
    name: z.string(),
    country: z.string(),
    countryCode: z.string(),
    km: z.number().openapi({ description: "Distance from the point to the place's centre" }),
    label: z.string().openapi({
      description: '"Paris, France", or "12 km from Lyon, France" when the point is outside the place',
    }),
  })
  .openapi("Place");
export type Place = z.infer<typeof Place>;

/** A search result of GET /places/search. */
export const PlaceMatch = z
  .object({
    name: z.string(),
    country: z.string(),
    countryCode: z.string(),
    lat: z.number(),
    lng: z.number(),
    kind: z.enum(["city", "landmark"]),
    population: z.number().nullable(),
    label: z.string().openapi({
      description: '"Paris, France", "Paris, TX, United States" or "Eiffel Tower, Paris, France"',
    }),
  })
  .openapi("PlaceMatch");
export type PlaceMatch = z.infer<typeof PlaceMatch>;

export const PlaceSearchResponse = z
  .object({ query: z.string(), results: z.array(PlaceMatch) })
  .openapi("PlaceSearch");
export type PlaceSearchResponse = z.infer<typeof PlaceSearchResponse>;

/** ERC-721 metadata JSON of a plot, independent of the chain's tokenURI. */
export const PlotMetadata = z
  .object({
    name: z.string(),
    description: z.string(),
    image: z.string().openapi({ description: "data:image/svg+xml;base64 URI" }),
    attributes: z.array(z.object({ trait_type: z.string(), value: z.union([z.string(), z.number()]) })),
  })
  .openapi("PlotMetadata");
export type PlotMetadata = z.infer<typeof PlotMetadata>;
