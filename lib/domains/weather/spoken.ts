import type { Forecast, Place, Units } from "@/lib/domains/weather/port";

/** "Limerick, Ireland" — enough for a listener to know which place was meant. */
export function placeLabel(p: Place): string {
  return [p.name, p.country ?? p.region].filter(Boolean).join(", ");
}

const deg = (units: Units) => (units === "imperial" ? "°F" : "°C");

/**
 * The short forecast an agent reads out: now, then tomorrow, then the rest of the days in one range.
 * "In Limerick it's 12 °C with light rain; tomorrow 9 to 14 °C with light showers."
 */
export function spokenForecast(o: { place: Place; forecast: Forecast; units: Units; days: number }): string {
  const u = deg(o.units);
  const { current, daily } = o.forecast;
  let s = `In ${o.place.name} it's ${current.temperature} ${u} with ${current.description}`;
  const today = daily[0];
  if (o.days === 0 && today) s += `; today ${today.min} to ${today.max} ${u}`;
  const tomorrow = daily[1];
  if (o.days >= 1 && tomorrow) s += `; tomorrow ${tomorrow.min} to ${tomorrow.max} ${u} with ${tomorrow.description}`;
  const later = daily.slice(2, o.days + 1);
  if (later.length) {
    const lo = Math.min(...later.map((d) => d.min));
    const hi = Math.max(...later.map((d) => d.max));
    s +=
      later.length === 1
        ? `; the day after, ${later[0]!.min} to ${later[0]!.max} ${u} with ${later[0]!.description}`
        : `; the following ${later.length} days ${lo} to ${hi} ${u}`;
  }
  return `${s}.`;
}
