import { sankey, sankeyLinkHorizontal } from "d3-sankey";
import { useMemo } from "react";
import type { EconomyFlow } from "../../lib/api";
import { FLOW_LABELS, flowGraph, type GraphLink, type GraphNode, ROLE_COLOURS } from "./flowGraph";

// A narrow canvas keeps the labels readable when a phone scales it down; CSS caps its width.
const WIDTH = 480;
const HEIGHT = 300;
const fmt = (v: number) => `${v.toLocaleString("en-US", { maximumFractionDigits: 2 })} HXA`;

/**
 * The flows as a Sankey diagram (d3-sankey lays it out, React draws the SVG). The figures and
 * their links are in the table beside it; the chart is their picture.
 */
export function FlowChart({ flows }: { flows: readonly EconomyFlow[] }) {
  const layout = useMemo(() => {
    const g = flowGraph(flows);
    if (g.links.length === 0) return undefined;
    return sankey<GraphNode, GraphLink>()
      .nodeId((n) => n.id)
      .nodeWidth(12)
      .nodePadding(18)
      .extent([
        [1, 8],
        [WIDTH - 1, HEIGHT - 8],
      ])({ nodes: g.nodes.map((n) => ({ ...n })), links: g.links.map((l) => ({ ...l })) });
  }, [flows]);
  if (!layout) return <p className="muted">No HXA moved in this period.</p>;
  const path = sankeyLinkHorizontal();
  const summary = layout.links
    .map((l) => `${(l.source as GraphNode).label} to ${(l.target as GraphNode).label}: ${fmt(l.value)}`)
    .join("; ");
  return (
    <svg
      className="sankey"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`HXA flows: ${summary}`}
    >
      <g fill="none" strokeOpacity={0.35}>
        {layout.links.map((l) => (
          <path
            key={l.kind}
            d={path(l) ?? undefined}
            stroke={ROLE_COLOURS[(l.source as GraphNode).id] ?? "#94a3b8"}
            strokeWidth={Math.max(1, l.width ?? 1)}
          >
            <title>{`${FLOW_LABELS[l.kind] ?? l.kind}: ${fmt(l.value)}`}</title>
          </path>
        ))}
      </g>
      {layout.nodes.map((n) => {
        const x0 = n.x0 ?? 0;
        const x1 = n.x1 ?? 0;
        const y0 = n.y0 ?? 0;
        const y1 = n.y1 ?? 0;
        const left = x0 < WIDTH / 2;
        return (
          <g key={n.id}>
            <rect
              x={x0}
              y={y0}
              width={x1 - x0}
              height={Math.max(1, y1 - y0)}
              fill={ROLE_COLOURS[n.id] ?? "#64748b"}
            />
            <text
              x={left ? x1 + 6 : x0 - 6}
              y={(y0 + y1) / 2}
              dy="0.35em"
              textAnchor={left ? "start" : "end"}
              fontSize={12}
            >
              {n.label} · {fmt(n.value ?? 0)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
