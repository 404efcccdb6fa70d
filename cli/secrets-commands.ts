import type { CliIo } from "@/cli/commands";
import type { Db } from "@/lib/adapters/db/client";
import { AppError } from "@/lib/platform/errors";
import { processKeyring } from "@/lib/platform/secrets/keyring";
import { resealSecrets, secretsStatus } from "@/lib/adapters/db/reseal-secrets";
import { isSecretsError } from "@/lib/platform/secrets/secret-box";

/**
 * `switchboard secrets status|reencrypt`: which key holds each stored secret, and sealing them all with the
 * current key (SECRETS_ENCRYPTION_KEY) — the second step of a key rotation, after every instance has the new
 * key and the old one in SECRETS_ENCRYPTION_PREVIOUS_KEYS.
 */
export async function runSecretsCommand(db: Db, verb: string, { out, info }: CliIo): Promise<number> {
  const ring = processKeyring();
  try {
    if (verb === "status") {
      for (const s of await secretsStatus(db)) out(`${s.column}\t${s.keyId ?? "plaintext"}\t${s.rows}`);
      info(`New secrets are sealed with key "${ring.current.id}".`);
      return 0;
    }
    if (verb === "reencrypt" || verb === "rotate") {
      const results = await resealSecrets(db, ring);
      for (const r of results) out(`${r.column}\t${r.resealed}`);
      const total = results.reduce((n, r) => n + r.resealed, 0);
      info(
        `${total} secret(s) re-encrypted with key "${ring.current.id}"; every stored secret now uses it, so the previous keys can be removed from SECRETS_ENCRYPTION_PREVIOUS_KEYS.`,
      );
      return 0;
    }
  } catch (e) {
    // A missing old key: say which, as the CLI's own error (also when the running app ran the command).
    if (isSecretsError(e)) throw new AppError("unavailable", e.message);
    throw e;
  }
  throw new AppError("validation_failed", `Unknown command "secrets ${verb}" (use secrets status or secrets reencrypt)`);
}
