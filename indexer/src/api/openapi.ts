// The OpenAPI description of the API, generated from the routes' zod declarations (route.ts).
// Routes not yet declared that way are described by hand below, until they move; openapi.test.ts
// checks that every route is described and every description has a route, and the fuzz test that
// no route answers a status its description lacks.

import { REJECT_REASONS } from "@hexads/protocol";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { MAX_BODY_BYTES } from "./bodyLimit.js";

const param = (name: string, where: "path" | "query", description: string, required = where === "path") => ({
  name,
  in: where,
  required,
  description,
  schema: { type: "string" },
});
const page = [param("limit", "query", "1-1000, default 100"), param("offset", "query", "default 0")];
const ok = (description: string) => ({ 200: { description } });
/** A JSON error answer: { error: { code, message } }. */
const error = (description: string, schema = "Error") => ({
  description,
  content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } },
});

/**
 * Answers every route may give besides its own: 400 for bad input, 413 for a body over the limit
 * (checked before any route runs), 404 where a path parameter matches nothing.
 */
function withCommonAnswers<P extends Record<string, Record<string, { responses: object }>>>(paths: P): P {
  for (const [template, ops] of Object.entries(paths)) {
    for (const op of Object.values(ops)) {
      op.responses = {
        400: error("invalid input (query, path or body)"),
        ...(template.includes("{") ? { 404: error("no such resource") } : {}),
        413: error(`request body over ${MAX_BODY_BYTES} bytes`),
        ...op.responses,
      };
    }
  }
  return paths;
}

const info = {
  title: "HexAds indexer API",
  version: "1.0.0",
  description: "Plots, listings, campaigns and epochs of HexAds, mirrored from the chain.",
};

/** The OpenAPI 3.1 document of an app: its declared routes plus the hand-described rest. */
export function describeApi(app: OpenAPIHono) {
  const generated = app.getOpenAPI31Document({ openapi: "3.1.0", info });
  return {
    ...generated,
    components: {
      ...generated.components,
      schemas: { ...handWritten.components.schemas, ...generated.components?.schemas },
    },
    paths: { ...handWritten.paths, ...generated.paths },
  };
}

const handWritten = {
  components: {
    schemas: {
      RejectReason: {
        type: "string",
        enum: [...REJECT_REASONS],
        description: "Why a click was not paid (or, on GET /ads, why the session cannot be used)",
      },
      ClickRejected: {
        type: "object",
        required: ["status", "clickId", "reason", "error"],
        properties: {
          status: { const: "rejected" },
          clickId: { type: "string" },
          reason: { $ref: "#/components/schemas/RejectReason" },
          error: {
            type: "object",
            required: ["code", "message"],
            properties: { code: { $ref: "#/components/schemas/RejectReason" }, message: { type: "string" } },
          },
        },
      },
    },
  },
  paths: withCommonAnswers({
    "/plots/{cell}/metadata": {
      get: {
        summary:
          "ERC-721 metadata JSON of a plot (name with its place, description, SVG image, attributes), independent of the chain",
        parameters: [param("cell", "path", "res-7 cell")],
        responses: ok("PlotMetadata"),
      },
    },
    "/places/search": {
      get: {
        summary:
          "Offline gazetteer search: accent- and case-insensitive city names, 'city, country', common aliases (NYC), a curated list of landmarks; no postcodes",
        parameters: [
          param("q", "query", "1-100 characters, e.g. 'sao paulo', 'Paris, France', 'eiffel tower'", true),
          param("limit", "query", "1-20, default 8"),
        ],
        responses: ok("{ query, results: PlaceMatch[] } (empty results when nothing matches)"),
      },
    },
    "/places/nearest": {
      get: {
        summary: "The place a point is in or near (the name plots carry as `place`)",
        parameters: [param("lat", "query", "-90..90", true), param("lng", "query", "-180..180", true)],
        responses: ok("Place: { name, country, countryCode, km, label }"),
      },
    },
    "/epochs/{id}": {
      get: {
        summary:
          "One epoch: root, total, status (built/pending/active/superseded/vetoed), campaign spends, leaves (paged)",
        parameters: [param("id", "path", "epoch id"), ...page],
        responses: { ...ok("EpochDetail"), 404: error("unknown epoch") },
      },
    },
    "/economy/flows": {
      get: {
        summary:
          "HXA flows between roles (plot buyers/sellers, treasury, advertisers, escrow, viewers, plot owners, protocol) and what each role paid and received (sink/source), for a period or one epoch; each flow lists the transactions or epochs behind it",
        parameters: [
          param("from", "query", "unix seconds (block time), default 0"),
          param("to", "query", "unix seconds, default now"),
          param(
            "epoch",
            "query",
            "one epoch instead of from/to: its activity since the previous epoch and the clicks it settled",
          ),
        ],
        responses: {
          ...ok("EconomyFlows; 400 also when epoch is given with from/to, or from is after to"),
          404: error("unknown epoch"),
        },
      },
    },
    "/economy/history": {
      get: {
        summary:
          "Each role's net HXA (received minus paid since the first block) at evenly spaced times: the token's distribution over roles and time; the roles' nets add up to 0 at every point",
        parameters: [
          param("from", "query", "unix seconds (block time), default: the first indexed event"),
          param("to", "query", "unix seconds, default now"),
          param("points", "query", "2-200 evenly spaced times from `from` to `to`, default 48"),
        ],
        responses: ok("EconomyHistory { from, to, roles, points: [{ at, net: { role: wei string } }] }"),
      },
    },
    "/economy/accounts": {
      get: {
        summary:
          "For each role people play (plotBuyers, plotSellers, advertisers, viewers, plotOwners): how many accounts played it, and how many of them pay into the loop and how many earn from it",
        responses: ok("EconomyAccounts { accounts, roles: [{ role, accounts, paying, earning }] }"),
      },
    },
    "/epochs/{id}/leaves.csv": {
      get: {
        summary:
          "An epoch's full leaf file (text/csv: header 'account,cumulative', lower-case address, decimal wei, sorted by account, one line each ending in \\n); its keccak256 is the epoch's on-chain leavesHash",
        parameters: [param("id", "path", "epoch id")],
        responses: { 200: { description: "text/csv" }, 404: { description: "unknown epoch" } },
      },
    },
    "/sessions": {
      post: {
        summary:
          "Open a viewer session: JSON { viewer, sessionKey (0x04… P-256), expiresAt, signature (EIP-712 Session) }",
        responses: {
          201: { description: "{ id, viewer, expiresAt }" },
          422: error("bad_signature: the session is not signed by the viewer"),
        },
      },
    },
    "/sessions/{id}/revoke": {
      post: {
        summary: "Revoke a session: JSON { signature } by the session key over 'hexads-revoke:<id>'",
        parameters: [param("id", "path", "session id")],
        responses: {
          ...ok("{ id, revokedAt }"),
          404: error("unknown session"),
          422: error("bad_signature: not signed by the session's key"),
        },
      },
    },
    "/ads": {
      get: {
        summary: "Ads for a place (cell, or lat and lng) with a signed impression token each",
        parameters: [
          param("cell", "query", "res-7 H3 cell"),
          param("lat", "query", "latitude (only the res-7 cell is kept)"),
          param("lng", "query", "longitude"),
          param("session", "query", "session id", true),
        ],
        responses: {
          ...ok("{ cell, ads: Ad[] }"),
          401: error("session_unknown, session_expired or session_revoked (a RejectReason)"),
        },
      },
    },
    "/clicks": {
      post: {
        summary:
          "Click an ad: JSON { token, signature } (session key, P-256 P1363 over 'hexads-click:<token>')",
        responses: {
          201: { description: "{ status: accepted, clickId, cpc, credits: [{ role, account, amount }] }" },
          422: error("not paid: the reason is one of RejectReason", "ClickRejected"),
          429: error("not paid: ip_rate_limited", "ClickRejected"),
        },
      },
    },
    "/accounts/{address}/earnings": {
      get: {
        summary: "Pending credits, settled cumulative, claimed on-chain, claimable now with its proof",
        parameters: [param("address", "path", "0x address")],
        responses: ok("Earnings"),
      },
    },
    "/accounts/{address}/history": {
      get: {
        summary: "The account's newest credits (with their epoch, null while pending) and on-chain claims",
        parameters: [param("address", "path", "0x address"), param("limit", "query", "1-200, default 50")],
        responses: ok("History"),
      },
    },
    "/areas/activity": {
      get: {
        summary: "Impressions served and clicks paid in the last days inside an area of H3 cells (res 0-7)",
        parameters: [
          param("cells", "query", "comma-separated H3 cells of resolution 0-7, at most 1000", true),
          param("days", "query", "1-90, default 7"),
        ],
        responses: ok("AreaActivity"),
      },
    },
    "/campaigns/{id}/stats": {
      get: {
        summary:
          "Impressions, clicks accepted and rejected by reason, CTR, spend pending/settled, by cell and hour",
        parameters: [param("id", "path", "campaign id")],
        responses: { ...ok("CampaignStats"), 404: error("unknown campaign") },
      },
    },
  }),
};
