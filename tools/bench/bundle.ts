// Web bundle: the gzipped JS and CSS the first route loads (the entry chunk and its static imports,
// from Vite's build manifest), against the whole production build as the reference.
// Run: npm run bench -- bundle
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Manifest, type Plugin } from "vite";
import { repoRoot } from "../localChain";
import { num, report, table } from "./section";

const GOAL_KB = 450;
/** The lazy page that the first route (`/`) renders, as a key of the manifest (relative to web/). */
const FIRST_PAGE = "src/features/map/MapPage.tsx";

interface Asset {
  file: string;
  raw: number;
  gz: number;
}

/** Rendered bytes per npm package (or "app" for our own code) in each output chunk. */
const contents = new Map<string, Map<string, number>>();
const recordContents: Plugin = {
  name: "record-chunk-contents",
  generateBundle(_, bundle) {
    for (const out of Object.values(bundle)) {
      if (out.type !== "chunk") continue;
      const byPackage = new Map<string, number>();
      for (const [id, m] of Object.entries(out.modules)) {
        const pkg = id.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? "app";
        byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + m.renderedLength);
      }
      contents.set(out.fileName, byPackage);
    }
  },
};
/** The biggest parts of a chunk, e.g. "maplibre-gl 1,081 kB, h3-js 501 kB" (before minification). */
const topParts = (file: string) =>
  [...(contents.get(file) ?? [])]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([pkg, bytes]) => `${pkg} ${num(bytes / 1000)} kB`)
    .join(", ");

const outDir = mkdtempSync(join(tmpdir(), "hexads-bundle-"));
try {
  await build({
    configFile: join(repoRoot, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, manifest: true },
    plugins: [recordContents],
  });
  const manifest = JSON.parse(readFileSync(join(outDir, ".vite/manifest.json"), "utf8")) as Manifest;
  const sizeOf = (file: string): Asset => {
    const bytes = readFileSync(join(outDir, file));
    return { file, raw: bytes.length, gz: gzipSync(bytes).length };
  };

  // index.html's entry and, transitively, every chunk it imports statically (Vite preloads these);
  // dynamic imports load later, except the lazy page of the first route, which loads at once.
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry && k.endsWith("index.html"));
  if (!entry) throw new Error("no index.html entry in the manifest");
  const closure = (keys: string[]) => {
    const files = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const css of chunk.css ?? []) files.add(css);
      for (const k of chunk.imports ?? []) visit(k);
    };
    for (const k of keys) visit(k);
    return files;
  };
  const initial = closure([entry]);
  // Rollup keys a lazy page by its source path, or by a generated name when it shares modules.
  const mapPage = manifest[entry]?.dynamicImports?.find(
    (k) => k === FIRST_PAGE || manifest[k]?.src === FIRST_PAGE || manifest[k]?.name === "MapPage",
  );
  const firstScreen = closure(mapPage ? [entry, mapPage] : [entry]);
  // Cross-check against what the built index.html itself asks for.
  const html = readFileSync(join(outDir, "index.html"), "utf8");
  for (const [, href] of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/([^"]+\.(?:js|css))"/g)) {
    if (href && !initial.has(href))
      throw new Error(`index.html loads ${href}, which the manifest walk missed`);
  }

  const all = new Set<string>();
  for (const chunk of Object.values(manifest)) {
    all.add(chunk.file);
    for (const css of chunk.css ?? []) all.add(css);
  }
  const sum = (files: Iterable<string>, ext: string) => {
    const assets = [...files].filter((f) => f.endsWith(ext)).map(sizeOf);
    return {
      assets,
      raw: assets.reduce((a, x) => a + x.raw, 0),
      gz: assets.reduce((a, x) => a + x.gz, 0),
    };
  };
  const kb = (bytes: number) => num(bytes / 1000, 1);
  const parts = [
    { label: "entry + static imports (JS)", ...sum(initial, ".js") },
    { label: "entry + static imports (CSS)", ...sum(initial, ".css") },
    ...(mapPage
      ? [
          { label: "first screen, with the lazy map page (JS)", ...sum(firstScreen, ".js") },
          { label: "first screen, with the lazy map page (CSS)", ...sum(firstScreen, ".css") },
        ]
      : []),
    { label: "whole build JS (reference)", ...sum(all, ".js") },
    { label: "whole build CSS (reference)", ...sum(all, ".css") },
  ];
  const [initialJs, , screenJs] = parts as [(typeof parts)[number], unknown, (typeof parts)[number]];
  const allJs = parts.at(-2) as (typeof parts)[number];
  const verdict = (label: string, p: (typeof parts)[number]) =>
    `${label}: ${kb(p.gz)} kB, ${Math.round((100 * p.gz) / allJs.gz)} % of all JS, ${p.gz / 1000 <= GOAL_KB ? "**met**" : "**not met**"}.`;
  const biggest = [...(mapPage ? screenJs : initialJs).assets].sort((a, b) => b.gz - a.gz);

  report(`## Web bundle (\`tools/bench/bundle.ts\`)

The production build (\`vite build\` with \`vite.config.ts\`, plus \`build.manifest\`). "Entry + static imports"
is what \`index.html\` loads before any code runs: its entry chunk and every chunk that one imports
statically, walked in \`.vite/manifest.json\` (and checked against the files \`index.html\` names). The
first route (\`/\`, the map) is a lazy page that loads at once, so the first screen also needs
\`${FIRST_PAGE}\` and its static imports${mapPage ? "" : " (not found among the entry's dynamic imports in this build, so not shown)"}.
The reference is the whole build. Sizes in kB (1,000 bytes), gzip at zlib's default level as a server sends them.

${table(
  ["part", "files", "raw kB", "gzip kB"],
  parts.map((p) => [p.label, p.assets.length, kb(p.raw), kb(p.gz)]),
)}

JS chunks of the ${mapPage ? "first screen" : "entry"}, biggest first:

${table(
  ["chunk", "raw kB", "gzip kB", "biggest parts (kB before minification)"],
  biggest.map((a) => [a.file, kb(a.raw), kb(a.gz), topParts(a.file)]),
)}

Goal: initial JS ≤ ${GOAL_KB} kB gzipped. ${verdict("Entry + static imports", initialJs)}${
    mapPage ? ` ${verdict("First screen with the map page", screenJs)}` : ""
  }${
    [initialJs, screenJs].some((p) => p && p.gz / 1000 > GOAL_KB)
      ? `\n\nWhy: the first screen needs ${biggest
          .slice(0, 2)
          .map((c) => `${c.file} (${kb(c.gz)} kB gz: ${topParts(c.file)})`)
          .join(
            " and ",
          )}. Next step (the coordinator's, in web/src): keep out of the entry chunk what the first paint does not need (the wallet stack until someone connects), and let the page paint before the map chunk arrives.`
      : ""
  }
`);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
