import type { Creative } from "@hexads/protocol";
import { AdCard } from "../../lib/AdCard";

/** A creative can be sent: it has a title and a landing page on a real host. */
export const creativeOk = (c: Creative) =>
  c.title.trim().length > 0 && /^https?:\/\/[^/]+\.[^/]+/.test(c.landingUrl);

/** The ad's fields with a live preview: the wizard's creative step and a campaign's "Edit ad". */
export function CreativeFields({ value, onChange }: { value: Creative; onChange: (next: Creative) => void }) {
  const set = (patch: Partial<Creative>) => onChange({ ...value, ...patch });
  return (
    <section className="card creative-step">
      <div className="form">
        <label>
          Title
          <input
            value={value.title}
            onChange={(e) => set({ title: e.target.value })}
            maxLength={60}
            placeholder="Café Hexagone: 10% off today"
          />
        </label>
        <label>
          Text
          <textarea
            value={value.body}
            onChange={(e) => set({ body: e.target.value })}
            maxLength={160}
            rows={3}
          />
        </label>
        <label>
          Image URL (optional)
          <input
            value={value.imageUrl}
            onChange={(e) => set({ imageUrl: e.target.value })}
            placeholder="https://…"
          />
        </label>
        <label>
          Landing page
          <input value={value.landingUrl} onChange={(e) => set({ landingUrl: e.target.value })} />
        </label>
      </div>
      <div>
        <div className="eyebrow">Preview, exactly as viewers see it</div>
        <AdCard creative={value} reward="viewers earn a share of each click" />
      </div>
    </section>
  );
}
