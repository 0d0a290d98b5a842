/** How long a listing or an offer stands: 1, 7 or 30 days. */
export function DaysSelect({
  label,
  days,
  onChange,
}: {
  label: string;
  days: string;
  onChange: (days: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={days} onChange={(e) => onChange(e.target.value)}>
        <option value="1">1 day</option>
        <option value="7">7 days</option>
        <option value="30">30 days</option>
      </select>
    </label>
  );
}

/** The unix time `days` from now. */
export const daysFromNow = (days: string) => Math.floor(Date.now() / 1000) + Number(days) * 86400;
