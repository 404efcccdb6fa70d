import { eq } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { oauthClients } from "@/lib/adapters/db/schema";
import { randomToken } from "@/lib/domains/auth/secrets";
import { getConfig } from "@/lib/platform/config/env";
import { log } from "@/lib/platform/log";
import { textProblem } from "@/lib/platform/validation/safe-text";
import { oauthError } from "@/lib/domains/oauth/oauth-error";
import { assertMetadataDocumentUrl, isMetadataDocumentClientId, parseClientMetadata } from "@/lib/domains/oauth/client-metadata";
import { fetchPublicJson } from "@/lib/domains/oauth/safe-fetch";
import { isOutboundError } from "@/lib/platform/outbound/outbound-error";

export type OAuthClient = {
  clientId: string;
  kind: "dynamic" | "metadata_document";
  clientName: string | null;
  clientUri: string | null;
  redirectUris: string[];
};

/** A fetched metadata document is trusted this long before the next authorization fetches it again. */
const DOCUMENT_MAX_AGE_MS = 3600_000;
const DOCUMENT_MAX_BYTES = 64 * 1024;
const DOCUMENT_TIMEOUT_MS = 5000;

const toClient = (row: typeof oauthClients.$inferSelect): OAuthClient => ({
  clientId: row.clientId,
  kind: row.kind,
  clientName: row.clientName,
  clientUri: row.clientUri,
  redirectUris: row.redirectUris,
});

/** RFC 7591 dynamic registration: a random client_id; public client (PKCE), no secret. */
export async function registerDynamicClient(db: Db, body: unknown) {
  const meta = parseClientMetadata(body);
  const clientId = `sbc_${randomToken(18)}`;
  const [row] = await db
    .insert(oauthClients)
    .values({ clientId, kind: "dynamic", clientName: meta.clientName, clientUri: meta.clientUri, redirectUris: meta.redirectUris })
    .returning();
  return {
    client_id: clientId,
    client_id_issued_at: Math.floor(row!.createdAt.getTime() / 1000),
    redirect_uris: meta.redirectUris,
    ...(meta.clientName ? { client_name: meta.clientName } : {}),
    ...(meta.clientUri ? { client_uri: meta.clientUri } : {}),
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "none",
  };
}

/** A registered client, as the token and revocation endpoints need it: no network, database only. */
export async function findClient(db: Db, clientId: string): Promise<OAuthClient | null> {
  if (!clientId || clientId.length > 2048 || textProblem(clientId)) return null;
  const [row] = await db.select().from(oauthClients).where(eq(oauthClients.clientId, clientId)).limit(1);
  return row ? toClient(row) : null;
}

/**
 * The client an authorization request names: a registered one, or — when client_id is a URL — the client
 * its metadata document describes (fetched under SSRF rules, cached for an hour).
 */
export async function resolveClientForAuthorization(db: Db, clientId: string): Promise<OAuthClient> {
  if (!clientId) throw oauthError("invalid_request", "client_id: required.");
  const known = await findClient(db, clientId);
  if (!isMetadataDocumentClientId(clientId)) {
    if (!known) throw oauthError("invalid_client", "client_id: no such client; register it first (POST /api/oauth/register).");
    return known;
  }
  // Checked before the cache too: a document cached while loopback was allowed is not served once it is not.
  assertMetadataDocumentUrl(clientId, metadataLoopbackAllowed());
  const [row] = known ? await db.select().from(oauthClients).where(eq(oauthClients.clientId, clientId)).limit(1) : [];
  if (row?.fetchedAt && Date.now() - row.fetchedAt.getTime() < DOCUMENT_MAX_AGE_MS) return toClient(row);
  return fetchMetadataDocumentClient(db, clientId);
}

/** Either setting admits loopback documents (the older one predates the one outbound guard). */
const metadataLoopbackAllowed = () => getConfig().OUTBOUND_ALLOW_LOOPBACK || getConfig().OAUTH_CLIENT_METADATA_ALLOW_LOOPBACK;

async function fetchMetadataDocumentClient(db: Db, clientId: string): Promise<OAuthClient> {
  const allowLoopback = metadataLoopbackAllowed();
  assertMetadataDocumentUrl(clientId, allowLoopback);
  let doc: unknown;
  try {
    doc = await fetchPublicJson(clientId, { allowLoopback, maxBytes: DOCUMENT_MAX_BYTES, timeoutMs: DOCUMENT_TIMEOUT_MS });
  } catch (e) {
    const why = isOutboundError(e) ? e.message : "could not be fetched";
    log.warn({ clientHost: new URL(clientId).host, why }, "oauth client metadata document refused");
    throw oauthError("invalid_client", `client_id: the client metadata document ${why}.`);
  }
  if (typeof doc !== "object" || doc === null || (doc as { client_id?: unknown }).client_id !== clientId) {
    throw oauthError("invalid_client", "client_id: the client metadata document's client_id must equal its URL.");
  }
  const meta = parseClientMetadata(doc, "invalid_client");
  const values = {
    kind: "metadata_document" as const,
    clientName: meta.clientName,
    clientUri: meta.clientUri,
    redirectUris: meta.redirectUris,
    fetchedAt: new Date(),
  };
  const [row] = await db
    .insert(oauthClients)
    .values({ clientId, ...values })
    .onConflictDoUpdate({ target: oauthClients.clientId, set: values })
    .returning();
  return toClient(row!);
}
