import { DAY_NAMES } from "@hexads/protocol";
import type { DeliveryForm } from "./delivery";

const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Daily budget and weekly schedule (UTC) of a campaign, as the budget step asks for them. */
export function DeliveryFields({
  value,
  onChange,
  dailyProblem,
  scheduleProblem,
}: {
  value: DeliveryForm;
  onChange: (next: DeliveryForm) => void;
  dailyProblem?: string;
  scheduleProblem?: string;
}) {
  const set = (patch: Partial<DeliveryForm>) => onChange({ ...value, ...patch });
  return (
    <>
      <label>
        Daily budget (HXA, optional)
        <input
          value={value.dailyText}
          onChange={(e) => set({ dailyText: e.target.value })}
          inputMode="decimal"
          placeholder="No daily limit"
          aria-invalid={!!dailyProblem}
          aria-describedby="daily-problem"
        />
        <span className="muted small">Clicks stop for the day (UTC) once it is spent.</span>
        <span id="daily-problem" className="field-error" data-testid="daily-problem">
          {dailyProblem}
        </span>
      </label>
      <fieldset className="schedule" aria-describedby="schedule-problem">
        <legend>Schedule (UTC)</legend>
        <div className="row">
          {DAY_NAMES.map((name, d) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={value.days[d] ?? false}
                onChange={(e) => set({ days: value.days.map((on, i) => (i === d ? e.target.checked : on)) })}
              />
              {name}
            </label>
          ))}
        </div>
        <div className="row">
          <label>
            From
            <select value={value.from} onChange={(e) => set({ from: Number(e.target.value) })}>
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {hh(h)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Until
            <select value={value.until} onChange={(e) => set({ until: Number(e.target.value) })}>
              {HOURS.map((h) => h + 1).map((h) => (
                <option key={h} value={h}>
                  {hh(h)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <span id="schedule-problem" className="field-error" data-testid="schedule-problem">
          {scheduleProblem}
        </span>
      </fieldset>
    </>
  );
}
