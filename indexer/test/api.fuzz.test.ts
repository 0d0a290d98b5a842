import { clickMessage, viewableMessage } from "@hexads/protocol";
import { count } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaigns, impressions } from "../src/db/schema.js";
import { type AttackFixture, attackFixture, PARIS } from "./support/attackFixture.js";
import { newViewer } from "./support/money.js";

// Property-based fuzzing of every route in /openapi.json with malformed, oversized, wrongly typed,
// boundary and injection inputs. `npm test` runs a quick profile; SOAK=1 (npm run test:soak) a long one.
const SOAK = process.env.SOAK === "1";
const REQUESTS = SOAK ? 12_000 : 400;

/** Strings that have broken parsers, SQL and JSON handling elsewhere. */
const INJECTIONS = [
  "' OR '1'='1",
  "1; DROP TABLE credits; --",
  "'); DELETE FROM campaign_spend; --",
  "1 UNION SELECT * FROM sessions",
  '{"$ne":null}',
  '{"__proto__":{"admin":true}}',
  "__proto__",
  "constructor",
  "\u0000",
  "%00",
  "../../etc/passwd",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  "${7*7}",
  "<script>alert(1)</script>",
  "\\u0000\\ud800",
  "\ud800",
  "0x",
  "0x04",
  "%",
  "%E0%A4%A",
  "%ED%A0%80",
  "null",
  "undefined",
  "[]",
  "{}",
];
/** Numbers at and past every boundary a validator or a database column has. */
const BOUNDARIES = [
  "",
  " ",
  "0",
  "-0",
  "-1",
  "1",
  "1.5",
  "1e3",
  "1e308",
  "-1e308",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x10",
  "2147483648",
  "9223372036854775807",
  "9223372036854775808",
  "18446744073709551616",
  "340282366920938463463374607431768211456",
  "99999999999999999999999999999999999999999999999999999999999999999999999999999999",
  "90",
  "-90",
  "90.0000001",
  "180",
  "-180.0000001",
  "1000",
  "1001",
];

const setupState = { session: "", tokens: [] as string[], address: "" };
const VALID = () => [
  PARIS,
  "871fb4662ffffff",
  "8009fffffffffff",
  setupState.session,
  setupState.address,
  "1",
];

/** Percent-encodes like a client would; lone surrogates become malformed UTF-8 escapes, as a raw client may send. */
const encode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return `${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ""))}%ED%A0%80`;
  }
};

const anyText = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS, ...BOUNDARIES) },
    { weight: 2, arbitrary: fc.constantFrom(...VALID()) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
    { weight: 1, arbitrary: fc.stringMatching(/^(0x)?[0-9a-fA-F]{0,140}$/) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 300_000 }).map((n) => "9".repeat(n)) },
  );
const anyJson = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: anyText() },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.bigInt().map((b) => Number(b)) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );

interface Route {
  method: "GET" | "POST";
  template: string;
  /** Every status the route may answer with; anything else (and every 5xx) fails the property. */
  statuses: number[];
  query: string[];
}

/** The routes as /openapi.json documents them, with the statuses each may answer. */
const documentedRoutes = (doc: { paths: Record<string, Record<string, unknown>> }): Route[] =>
  Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const o = op as { parameters?: readonly { name: string; in: string }[]; responses: object };
      // Only what the description lists: an answer it lacks fails the property.
      const statuses = Object.keys(o.responses).map(Number);
      return {
        method: method.toUpperCase() as Route["method"],
        template,
        statuses: statuses.filter((s) => !(method === "post" && s >= 200 && s < 300)),
        query: (o.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      };
    }),
  );
/** Read from the app's own /openapi.json before the properties run. */
let ROUTES: Route[] = [];

interface Request {
  route: Route;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Routes that take an impression token: the fuzzer also sends them genuine and near-genuine ones. */
const GENUINE_TOKEN_ROUTES = new Set(["/clicks", "/impressions/viewable"]);

const requestArb = (): fc.Arbitrary<Request> =>
  fc
    .record({
      // The money routes (sessions, ads, clicks) get most of the requests.
      route: fc.oneof(
        fc.constantFrom(...ROUTES),
        fc.constantFrom(...ROUTES.filter((r) => r.method === "POST" || r.template === "/ads")),
      ),
      pathParam: anyText(),
      query: fc.array(fc.tuple(fc.option(anyText(), { nil: undefined }), anyText()), { maxLength: 4 }),
      repeatQuery: fc.boolean(),
      rawQuery: fc.constantFrom("", "", "", "&%", "&session=%E0%A4%A", "&cell=%ZZ", "&limit=%00", "&&=&"),
      // Body fields of every POST route, on any route, with any JSON value.
      fields: fc.dictionary(
        fc.constantFrom("token", "signature", "viewer", "sessionKey", "expiresAt"),
        anyJson(),
      ),
      genuineToken: fc.option(fc.nat(), { nil: undefined }),
      wellFormedSig: fc.stringMatching(/^0x[0-9a-f]{128}$/),
      mutate: fc.option(fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 3 })), { nil: undefined }),
      rawBody: fc.option(
        fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom("{", "[1,2", "nul", '"x"', "1")),
        {
          freq: 8,
          nil: undefined,
        },
      ),
      contentType: fc.constantFrom(
        "application/json",
        "application/json",
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "",
      ),
      ip: fc.oneof(fc.constant("10.9.9.9"), anyText()),
      wrongMethod: fc.nat({ max: 9 }).map((n) => n === 0),
    })
    .map((r) => {
      let path = r.route.template.replace(/\{[^}]+\}/g, () => encode(r.pathParam));
      const params = r.query.map(([name, value], i) => [
        name ?? r.route.query[i % Math.max(r.route.query.length, 1)] ?? "q",
        value,
      ]);
      if (r.repeatQuery && params[0]) params.push(params[0]);
      if (params.length || r.rawQuery) {
        path += `?${new URLSearchParams(params as [string, string][]).toString()}${r.rawQuery}`;
      }
      const fields: Record<string, unknown> = { ...r.fields };
      if (GENUINE_TOKEN_ROUTES.has(r.route.template) && r.genuineToken !== undefined) {
        let t = setupState.tokens[r.genuineToken % setupState.tokens.length] as string;
        if (r.mutate) {
          const at = r.mutate[0] % t.length;
          t = t.slice(0, at) + r.mutate[1] + t.slice(at + 1);
        }
        fields.token = t;
        fields.signature = r.wellFormedSig;
      }
      const headers: Record<string, string> = { "x-forwarded-for": r.ip.replace(/[\r\n\0]/g, "") };
      if (r.contentType) headers["content-type"] = r.contentType;
      const method = r.wrongMethod ? (r.route.method === "GET" ? "POST" : "GET") : r.route.method;
      const body = method === "POST" ? (r.rawBody ?? JSON.stringify(fields)) : undefined;
      return { route: r.route, method, path, headers, body };
    });

let fx: AttackFixture;
let sent = 0;
const seen = new Map<number, number>();

beforeAll(async () => {
  fx = await attackFixture();
  fx.ix.money.policy.ipLimit = 1e9; // the fuzzer must reach the checks behind the rate limit
  ROUTES = documentedRoutes((await (await fx.ix.app.request("/openapi.json")).json()) as never);
  const v = newViewer();
  setupState.session = await fx.ix.openSession(v);
  setupState.address = v.address;
  const ads = await fx.ix.ads(PARIS, setupState.session);
  setupState.tokens = ads.map((a) => a.token);
  expect(setupState.tokens.length).toBeGreaterThan(0);
});
afterAll(async () => fx?.stop());

async function send(req: Request) {
  let headers: Headers;
  try {
    headers = new Headers(req.headers);
  } catch {
    headers = new Headers({ "x-forwarded-for": "10.9.9.9" }); // not even a valid header value
  }
  const res = await fx.ix.app.request(req.path, { method: req.method, headers, body: req.body });
  sent++;
  seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
  return res;
}

const QUICK_SEED = 20_261_125;

describe(`every route under fuzzed input (${REQUESTS} requests)`, () => {
  it(
    "answers a documented 2xx/4xx, never 5xx, errors as JSON, and credits nothing",
    async () => {
      const before = await fx.ledger();
      await fc.assert(
        fc.asyncProperty(requestArb(), async (req) => {
          const res = await send(req);
          const allowed = req.method === req.route.method ? req.route.statuses : [404, 413];
          expect(allowed, `${req.method} ${req.path.slice(0, 200)}`).toContain(res.status);
          if (res.status >= 400) {
            const body = (await res.json()) as { error?: { code?: string; message?: string } };
            expect(typeof body.error?.code).toBe("string");
            expect(typeof body.error?.message).toBe("string");
          } else await res.arrayBuffer();
        }),
        // A fixed seed in the quick profile keeps `npm test` deterministic; the soak run explores.
        {
          numRuns: REQUESTS,
          interruptAfterTimeLimit: SOAK ? 3_600_000 : 120_000,
          seed: SOAK ? undefined : QUICK_SEED,
        },
      );
      expect(sent).toBe(REQUESTS);
      expect(await fx.ledger()).toEqual(before);
      // Fuzzing reached past validation: genuine tokens were rejected by the money checks.
      expect(seen.get(422)).toBeGreaterThan(0);
      expect(seen.get(400)).toBeGreaterThan(0);
      expect(seen.get(200)).toBeGreaterThan(0);
    },
    SOAK ? 3_600_000 : 180_000,
  );

  it("treats injection strings in every text field as data: 4xx, no table touched", async () => {
    const before = await fx.ledger();
    // The ledger reads credits, campaign_spend, clicks and sessions: a dropped table would throw there.
    const tables = async () => [
      await fx.ix.db.select({ n: count() }).from(campaigns),
      await fx.ix.db.select({ n: count() }).from(impressions),
    ];
    const tablesBefore = await tables();
    const v = newViewer();
    let sentHere = 0;
    for (const s of INJECTIONS) {
      const e = encode(s);
      const requests: [string, string, unknown?][] = [
        ["GET", `/plots/${e}`],
        ["GET", `/plots?cells=${e}`],
        ["GET", `/plots?bbox=${e}`],
        ["GET", `/plots/summary?res=${e}`],
        ["GET", `/accounts/${e}/plots`],
        ["GET", `/accounts/${e}/offers?limit=${e}`],
        ["GET", `/plots/${e}/offers?status=${e}&offset=${e}`],
        ["GET", `/plots/${PARIS}/offers?status=${e}`],
        ["GET", `/accounts/${e}/earnings`],
        ["GET", `/accounts/${e}/clicks?limit=${e}`],
        ["GET", `/listings?limit=${e}&offset=${e}`],
        ["GET", `/listings?near=${e}&radiusKm=1&minPrice=${e}&expiresBefore=${e}&sort=${e}`],
        ["GET", `/market/stats?bbox=${e}&near=${e}&radiusKm=${e}`],
        ["GET", `/campaigns?advertiser=${e}&status=${e}&cell=${e}`],
        ["GET", `/campaigns/${e}`],
        ["GET", `/campaigns/${e}/stats`],
        ["GET", `/epochs?limit=${e}`],
        ["GET", `/epochs/${e}`],
        ["GET", `/ads?cell=${e}&session=${setupState.session}`],
        ["GET", `/ads?cell=${PARIS}&session=${e}`],
        ["GET", `/ads?lat=${e}&lng=${e}&session=${setupState.session}`],
        [
          "POST",
          "/sessions",
          { viewer: s, sessionKey: v.sessionKey, expiresAt: fx.clock.now + 60, signature: "0x" },
        ],
        [
          "POST",
          "/sessions",
          { viewer: v.address, sessionKey: s, expiresAt: fx.clock.now + 60, signature: "0x" },
        ],
        ["POST", "/sessions", { viewer: v.address, sessionKey: v.sessionKey, expiresAt: s, signature: "0x" }],
        [
          "POST",
          "/sessions",
          { viewer: v.address, sessionKey: v.sessionKey, expiresAt: fx.clock.now + 60, signature: s },
        ],
        ["POST", `/sessions/${e}/revoke`, { signature: "0x00" }],
        ["POST", `/sessions/${setupState.session}/revoke`, { signature: s }],
        ["POST", "/clicks", { token: s, signature: v.sign(clickMessage(s)) }],
        ["POST", "/impressions/viewable", { token: s, signature: v.sign(viewableMessage(s)) }],
        ["POST", "/impressions/viewable", { token: setupState.tokens[0], signature: s }],
        ["POST", "/clicks", { token: setupState.tokens[0], signature: s }],
      ];
      for (const [method, path, body] of requests) {
        const res = await fx.ix.call(method, path, body, /^[\x20-\x7e]*$/.test(s) ? s : "10.8.8.8");
        sentHere++;
        // Number fields coerce like Number() ("0x04" is 4), so only they may answer 200.
        const numeric =
          /[?&](res|limit|lat)=/.test(path) || (body as { expiresAt?: string })?.expiresAt === s;
        expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(
          numeric ? 200 : 400,
        );
        expect(res.status).toBeLessThan(500);
      }
    }
    expect(sentHere).toBe(INJECTIONS.length * 31);
    expect(await tables()).toEqual(tablesBefore);
    expect(await fx.ledger()).toEqual(before);
  });
});
