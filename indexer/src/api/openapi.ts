// The OpenAPI description of the API, generated from the routes' zod declarations (route.ts).
// openapi.test.ts checks that every route is described and every description has a route, and the
// contract checker of the tests (test/support/apiContract.ts) that no route answers a status or a
// body its description lacks.
import type { OpenAPIHono } from "@hono/zod-openapi";

const info = {
  title: "HexAds indexer API",
  version: "1.0.0",
  description: "Plots, listings, campaigns and epochs of HexAds, mirrored from the chain.",
};

/** The OpenAPI 3.1 document of an app, from its declared routes. */
export const describeApi = (app: OpenAPIHono) => app.getOpenAPI31Document({ openapi: "3.1.0", info });
