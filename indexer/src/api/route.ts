// How a route is declared: with @hono/zod-openapi, so /openapi.json is generated from the same zod
// schemas that validate requests and type responses. Every route also lists the answers any route
// may give (400 bad input, 413 body too large, 404 for a path naming nothing).
import { createRoute, OpenAPIHono, type RouteConfig, type z } from "@hono/zod-openapi";
import { MAX_BODY_BYTES } from "./bodyLimit.js";
import { ErrorBody } from "./schemas/common.js";
import { invalidInput } from "./validation.js";

/** A JSON answer with the given schema. */
export const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A JSON error answer. */
export const error = (description: string) => json(ErrorBody, description);

/** A JSON request body (required: a missing or non-JSON body is a 400). */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { "application/json": { schema } },
});

type Common = {
  400: ReturnType<typeof error>;
  413: ReturnType<typeof error>;
  404?: ReturnType<typeof error>;
};

/** A route with the answers every route may give added to its own. */
export function route<R extends RouteConfig>(config: R) {
  const common: Common = {
    400: error("invalid input (query, path or body)"),
    ...(config.path.includes("{") ? { 404: error("no such resource") } : {}),
    413: error(`request body over ${MAX_BODY_BYTES} bytes`),
  };
  return createRoute({ ...config, responses: { ...common, ...config.responses } as R["responses"] & Common });
}

/** A resource's app: request validation failures answer 400 with the first issue as a sentence. */
export const api = () =>
  new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(result.error);
    },
  });
