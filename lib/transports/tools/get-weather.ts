import { defineTool } from "@/lib/transports/tools/define-tool";
import { getWeather, weatherInput, weatherOutput } from "@/lib/domains/weather/get-weather";

export const getWeatherTool = defineTool({
  name: "get_weather",
  title: "Get weather",
  description:
    'Current weather and a short forecast for a place name or "lat,lon". Returns `message`, a sentence to read to the caller as is (also when the place is unknown or the weather service is unreachable). Needs weather:read.',
  input: weatherInput,
  output: weatherOutput,
  annotations: { readOnlyHint: true, openWorldHint: true },
  scopes: ["weather:read"],
  run: (input, ctx) => getWeather(ctx.deps, ctx.principal, input),
});
