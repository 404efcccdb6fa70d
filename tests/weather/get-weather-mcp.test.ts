import type { Client } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/domains/api-keys/api-keys";
import { resetConfig } from "@/lib/platform/config/env";
import { startApp, type App } from "@/tests/support/matrix/app-harness";
import { callTool, connectInProcess } from "@/tests/support/in-process-mcp";
import { startWeatherStandin, type WeatherStandin } from "@/tests/support/weather-standins";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * get_weather through the official MCP client and the real /api/mcp handler, against local stand-ins of
 * Open-Meteo and OpenWeatherMap that check the documented request shapes.
 */
let app: App;
let standin: WeatherStandin;
let weather: Client;
let noScope: Client;
let deadUrl: string;

function setEnv(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfig();
}

beforeAll(async () => {
  standin = await startWeatherStandin();
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((r) => closed.close(() => r()));
  app = await startApp();
  const key = async (scopes: Parameters<typeof createApiKey>[1]["scopes"]) =>
    (await createApiKey(app.deps.db, { accountId: app.accountA.id, name: "weather test", scopes })).key;
  weather = await connectInProcess({ authorization: `Bearer ${await key(["weather:read"])}` });
  noScope = await connectInProcess({ authorization: `Bearer ${await key(["hitl:ask"])}` });
}, 120_000);
afterAll(async () => {
  await weather?.close();
  await noScope?.close();
  await app?.close();
  await standin?.close();
});
beforeEach(() => {
  // A fresh cache namespace per test: the cache key includes the provider, so vary the cache TTL instead.
  setEnv({
    OPEN_METEO_GEOCODING_URL: standin.url,
    OPEN_METEO_FORECAST_URL: standin.url,
    OPENWEATHER_BASE_URL: standin.url,
    OPENWEATHER_API_KEY: undefined,
    WEATHER_PROVIDER: "auto",
    WEATHER_CACHE_SECONDS: "0",
  });
  standin.requests.length = 0;
});

describe("get_weather (Open-Meteo, the default)", () => {
  it("is listed with input and output schemas", async () => {
    const { tools } = await weather.listTools();
    const t = tools.find((x) => x.name === "get_weather");
    expect(t?.inputSchema.properties).toHaveProperty("location");
    expect(t?.outputSchema?.properties).toHaveProperty("message");
  });

  it("says a short forecast for a place name, asking the documented geocoding and forecast parameters", async () => {
    const r = await callTool(weather, "get_weather", { location: "Limerick" });
    expect(r.isError).toBe(false);
    expect(r.structured).toMatchObject({
      status: "ok",
      provider: "open-meteo",
      units: "metric",
      location: { name: "Limerick", country: "Ireland" },
    });
    expect(r.structured!.message).toBe("In Limerick it's 12 °C with light rain; tomorrow 10 to 15 °C with light showers.");
    expect(Object.keys(r.structured!)[0]).toBe("message");
    const [geo, fc] = standin.requests;
    expect(geo).toMatchObject({ path: "/v1/search", status: 200, query: { name: "Limerick", format: "json" } });
    expect(fc).toMatchObject({
      path: "/v1/forecast",
      status: 200,
      query: { latitude: "52.66472", longitude: "-8.62306", forecast_days: "2", timezone: "auto" },
    });
    expect(fc!.query.temperature_unit).toBeUndefined();
  });

  it('no match (Open-Meteo leaves out `results`) → a clear "I couldn\'t find …", not an error', async () => {
    const r = await callTool(weather, "get_weather", { location: "Nowhereville" });
    expect(r.isError).toBe(false);
    expect(Object.keys(r.structured!)[0]).toBe("message");
    expect(r.structured).toMatchObject({ status: "not_found" });
    expect(r.structured!.message).toMatch(/^I couldn't find a place called Nowhereville/);
    expect(standin.requests.map((q) => q.path)).toEqual(["/v1/search"]);
  });

  it("several matches → the top one, with the alternatives named", async () => {
    const r = await callTool(weather, "get_weather", { location: "Springfield", days: 0 });
    expect(r.structured).toMatchObject({
      status: "ok",
      location: { region: "Illinois" },
      alternatives: ["Springfield, United States", "Springfield, United States"],
    });
    expect(r.structured!.message).toMatch(
      /^In Springfield it's 20 °C with clear sky; today 17 to 22 °C\. That's for Springfield, United States; I also found/,
    );
  });

  it("coordinates skip geocoding; imperial asks for °F and mph; days spans the week", async () => {
    const r = await callTool(weather, "get_weather", { location: "52.66,-8.63", units: "imperial", days: 4 });
    expect(r.structured!.message).toBe(
      "At 52.66, -8.63 it's 54 °F with light rain; tomorrow 50 to 59 °F with light showers; the following 3 days 52 to 64 °F.",
    );
    expect(standin.requests).toHaveLength(1);
    expect(standin.requests[0]!.query).toMatchObject({ temperature_unit: "fahrenheit", wind_speed_unit: "mph", forecast_days: "5" });
    expect((r.structured!.daily as unknown[]).length).toBe(5);
  });

  it("caches per location in kv: a second ask within the TTL reaches no provider", async () => {
    setEnv({ WEATHER_CACHE_SECONDS: "600" });
    const first = await callTool(weather, "get_weather", { location: "Limerick", days: 2 });
    const before = standin.requests.length;
    const second = await callTool(weather, "get_weather", { location: "  limerick ", days: 2 });
    expect(before).toBe(2);
    expect(standin.requests.length).toBe(before);
    expect(second.structured).toEqual(first.structured);
  });

  it("an unreachable weather service → a sentence saying so (no tool error, no transport error)", async () => {
    setEnv({ OPEN_METEO_GEOCODING_URL: deadUrl, OPEN_METEO_FORECAST_URL: deadUrl });
    const r = await callTool(weather, "get_weather", { location: "Limerick" });
    expect(r.isError).toBe(false);
    expect(r.structured).toMatchObject({ status: "unavailable" });
    expect(r.structured!.message).toMatch(/^I can't reach the weather service right now/);
  });

  it("bad input names the field; a key without weather:read is refused naming the scope", async () => {
    const bad = await callTool(weather, "get_weather", { location: "Limerick", days: 9 });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/days/);
    const denied = await callTool(noScope, "get_weather", { location: "Limerick" });
    expect(denied.isError).toBe(true);
    expect(denied.text).toMatch(/lacks the weather:read scope/);
  });
});

describe("get_weather (OpenWeatherMap, when OPENWEATHER_API_KEY is set)", () => {
  it("uses the key on the documented endpoints and speaks the same way", async () => {
    setEnv({ OPENWEATHER_API_KEY: standin.apiKey });
    const r = await callTool(weather, "get_weather", { location: "Limerick", units: "metric" });
    expect(r.structured).toMatchObject({ status: "ok", provider: "openweathermap", location: { name: "Limerick", region: "Munster" } });
    expect(r.structured!.message).toBe("In Limerick it's 12 °C with light rain; tomorrow 10 to 15 °C with light rain.");
    expect(standin.requests.map((q) => `${q.path} ${q.status}`).sort()).toEqual([
      "/data/2.5/forecast 200",
      "/data/2.5/weather 200",
      "/geo/1.0/direct 200",
    ]);
    expect(standin.requests.every((q) => q.query.appid === standin.apiKey)).toBe(true);
  });

  it('no match (an empty array) → "I couldn\'t find …"; a rejected key → the unreachable sentence', async () => {
    setEnv({ OPENWEATHER_API_KEY: standin.apiKey });
    expect((await callTool(weather, "get_weather", { location: "Nowhereville" })).structured).toMatchObject({ status: "not_found" });
    setEnv({ OPENWEATHER_API_KEY: "wrong-key" });
    const r = await callTool(weather, "get_weather", { location: "Limerick" });
    expect(r.structured).toMatchObject({ status: "unavailable", provider: "openweathermap" });
  });
});
