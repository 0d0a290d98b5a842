import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { api, json, route } from "../src/api/route.js";
import { checkAnswers } from "./support/apiContract.js";

// The checker the fixtures put around the app (test/support/apiContract.ts) must itself fail on an
// answer the description does not declare, or no test through it would.
const thing = route({
  method: "get",
  path: "/things/{n}",
  request: { params: z.object({ n: z.coerce.number() }) },
  responses: { 200: json(z.object({ n: z.number() }), "a thing") },
});
const app = api().openapi(thing, (c) => {
  const { n } = c.req.valid("param");
  if (n === 1) return c.json({ n }, 200);
  if (n === 2) return c.json({ n: "two" }, 200) as never; // a body the schema rejects
  return c.json({ error: { code: "teapot", message: "undeclared" } }, 418) as never;
});
app.get("/hidden", (c) => c.text("here")); // mounted without a description
checkAnswers(app);

describe("answers checked against the description", () => {
  it("passes a declared status with a body its schema accepts", async () => {
    expect((await app.request("/things/1")).status).toBe(200);
  });

  it("fails a status the description does not list", async () => {
    await expect(app.request("/things/3")).rejects.toThrow(
      "GET /things/{n} answered 418, which its description does not list",
    );
  });

  it("fails a body the declared schema rejects", async () => {
    await expect(app.request("/things/2")).rejects.toThrow("with a body its schema rejects");
  });

  it("fails an answer other than 404 from a route the description lacks", async () => {
    await expect(app.request("/hidden")).rejects.toThrow("GET /hidden has no description yet answered 200");
  });
});
