import { withRoute, parseOrThrow } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { bearerToken } from "@/lib/transports/http/authenticate";
import { AppError, isAppError } from "@/lib/platform/errors";
import { PEER_HEADER } from "@/lib/transports/http/client-address";
import { isLoopback } from "@/lib/transports/http/setup-access";
import { isCliSecret } from "@/lib/transports/cli-bridge/endpoint";
import { cliInvocationInput } from "@/lib/transports/cli-bridge/schemas";
import { parseInvocation, USAGE } from "@/cli/invocation";
import { runCommand } from "@/cli/commands";

export const dynamic = "force-dynamic";

const normalise = (a: string) => a.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");

// POST /api/internal/cli {argv} — the `switchboard` CLI's command, run by the app that holds the embedded
// database (lib/transports/cli-bridge/endpoint.ts). Only from this machine's loopback socket (never a forwarded address)
// with the secret the app wrote into its data directory.
export const POST = withRoute(
  async ({ req, deps }) => {
    const peer = normalise(req.headers.get(PEER_HEADER) ?? "");
    if (!isLoopback(peer) || !isCliSecret(bearerToken(req))) {
      throw new AppError(
        "unauthorized",
        "This endpoint is for the switchboard CLI on this machine (it reads its secret from the data directory).",
      );
    }
    const { argv } = parseOrThrow(cliInvocationInput, await readJson(req));
    const parsed = parseInvocation(argv);
    if (!parsed.ok) return json({ code: parsed.code, stdout: "", stderr: `${parsed.message}\n` });
    let stdout = "";
    let stderr = "";
    const io = {
      out: (line: string) => {
        stdout += `${line}\n`;
      },
      info: (line: string) => {
        stderr += `${line}\n`;
      },
    };
    try {
      const code = await runCommand(deps.db, parsed.invocation, USAGE, io);
      return json({ code, stdout, stderr });
    } catch (e) {
      // What the CLI prints for a failed command, exactly as if it had run the command itself.
      if (!isAppError(e)) throw e;
      return json({ code: e.code === "not_found" ? 3 : 1, stdout, stderr: `${stderr}switchboard: ${e.message}\n` });
    }
  },
  { public: true, note: "loopback peers holding the local CLI secret from the data directory" },
);
