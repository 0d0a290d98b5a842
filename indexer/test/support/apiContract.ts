// The API's answers checked against its own description: every answer a test gets through
// `app.request` must carry a status /openapi.json lists for that route, and, where the route
// declares a zod schema for that status, a JSON body that parses with it. A route the document
// lacks may only answer 404 (no route) or 413 (body limit, before routing).
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ZodType } from "zod";
import { describeApi } from "../../src/api/openapi.js";

interface Declared {
  method: string;
  template: string;
  pattern: RegExp;
  statuses: Set<number>;
  schemas: Map<number, ZodType>;
}

type Answers = Record<string, { content?: Record<string, { schema?: unknown }> }>;

const isZod = (s: unknown): s is ZodType =>
  typeof s === "object" && s !== null && typeof (s as ZodType).safeParse === "function";

/** The routes and answers an app declares, from its generated document and its zod declarations. */
export function contractOf(app: OpenAPIHono) {
  const doc = describeApi(app);
  const schemas = new Map<string, Map<number, ZodType>>();
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== "route") continue;
    const bodies = new Map<number, ZodType>();
    for (const [status, answer] of Object.entries(def.route.responses as Answers)) {
      const schema = answer.content?.["application/json"]?.schema;
      if (isZod(schema)) bodies.set(Number(status), schema);
    }
    schemas.set(`${def.route.method.toUpperCase()} ${def.route.path}`, bodies);
  }
  const routes: Declared[] = Object.entries(
    doc.paths as Record<string, Record<string, { responses: object }>>,
  )
    .flatMap(([template, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(
          `^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`,
        ),
        statuses: new Set(Object.keys(op.responses).map(Number)),
        schemas: schemas.get(`${method.toUpperCase()} ${template}`) ?? new Map(),
      })),
    )
    // A literal segment wins over a parameter (/plots/summary over /plots/{cell}), as in the router.
    .sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));

  /** The problems with one answer, empty when it is as declared. */
  const problems = async (method: string, pathname: string, res: Response): Promise<string[]> => {
    const route = routes.find((r) => r.method === method && r.pattern.test(pathname));
    if (!route) {
      return [404, 413].includes(res.status)
        ? []
        : [`${method} ${pathname} has no description yet answered ${res.status}`];
    }
    const at = `${method} ${route.template} answered ${res.status}`;
    if (!route.statuses.has(res.status)) return [`${at}, which its description does not list`];
    const schema = route.schemas.get(res.status);
    if (!schema) return [];
    const parsed = schema.safeParse(await res.json());
    return parsed.success ? [] : [`${at} with a body its schema rejects: ${parsed.error.message}`];
  };
  return { routes, problems };
}

/** Makes every `app.request` throw when the answer is not as the app's description declares. */
export function checkAnswers<A extends OpenAPIHono>(app: A): A {
  const { problems } = contractOf(app);
  const request = app.request;
  app.request = (async (input: string | Request | URL, init?: RequestInit, ...rest: unknown[]) => {
    const res = await (request as (...a: unknown[]) => Promise<Response>)(input, init, ...rest);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    const found = await problems(
      method.toUpperCase(),
      new URL(url, "http://localhost").pathname,
      res.clone(),
    );
    if (found.length) throw new Error(found.join("\n"));
    return res;
  }) as A["request"];
  return app;
}
