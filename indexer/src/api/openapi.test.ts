import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { documentedApp } from "./document.js";

const app = documentedApp();

type Document = {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: { RejectReason: { enum: string[] } } };
};
const openApiDocument = (await (await app.request("/openapi.json")).json()) as Document;

describe("/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await validate(structuredClone(openApiDocument) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(openApiDocument.openapi).toBe("3.1.0");
  });

  it("describes every route the app has, and has a route for everything it describes", () => {
    const routes = new Set(
      app.routes
        .filter((r) => r.method !== "ALL")
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const described = new Set(
      Object.entries(openApiDocument.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    expect([...routes].filter((r) => !described.has(r)).sort()).toEqual([]);
    expect([...described].filter((r) => !routes.has(r)).sort()).toEqual([]);
  });

  it("lists every click rejection reason", () => {
    const reasons = openApiDocument.components.schemas.RejectReason.enum;
    expect(reasons).toContain("budget_exhausted");
    expect(reasons).toContain("impossible_travel");
  });

  it("serves a readable reference page", async () => {
    const res = await app.request("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("/openapi.json");
  });
});
