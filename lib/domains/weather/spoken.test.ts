import { describe, expect, it } from "vitest";
import { parseCoordinates } from "@/lib/domains/weather/get-weather";
import { spokenForecast } from "@/lib/domains/weather/spoken";
import { describeWmoCode } from "@/lib/domains/weather/wmo";

const place = { name: "Limerick", region: "Munster", country: "Ireland", latitude: 52.66, longitude: -8.62 };
const day = (min: number, max: number, description = "light rain") => ({
  date: "2026-12-01",
  min,
  max,
  description,
  precipitationChance: 40,
});

describe("spoken weather", () => {
  it("turns WMO codes into words, unknown ones into a safe phrase", () => {
    expect([0, 61, 95, 45].map(describeWmoCode)).toEqual(["clear sky", "light rain", "thunderstorms", "fog"]);
    expect(describeWmoCode(42)).toBe("unsettled weather");
    expect(describeWmoCode(null)).toBe("unknown conditions");
  });

  it("says now, tomorrow, and a range for the days after", () => {
    const forecast = {
      current: { temperature: 12, description: "light rain", windSpeed: 14 },
      daily: [day(8, 13), day(9, 14, "light showers"), day(7, 12), day(6, 11)],
    };
    expect(spokenForecast({ place, forecast, units: "metric", days: 0 })).toBe("In Limerick it's 12 °C with light rain; today 8 to 13 °C.");
    expect(spokenForecast({ place, forecast, units: "metric", days: 1 })).toBe(
      "In Limerick it's 12 °C with light rain; tomorrow 9 to 14 °C with light showers.",
    );
    expect(spokenForecast({ place, forecast, units: "imperial", days: 3 })).toBe(
      "In Limerick it's 12 °F with light rain; tomorrow 9 to 14 °F with light showers; the following 2 days 6 to 12 °F.",
    );
  });

  it('reads "lat,lon" as coordinates, anything else as a name', () => {
    expect(parseCoordinates("52.66, -8.63")).toMatchObject({ latitude: 52.66, longitude: -8.63 });
    expect(parseCoordinates("91,0")).toBeNull();
    expect(parseCoordinates("Springfield, Illinois")).toBeNull();
  });
});
