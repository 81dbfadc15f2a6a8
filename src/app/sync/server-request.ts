/**
 * One request to the server with this laptop's token, its answer read as text whatever the
 * status. Every call to the server goes through here: `call` (server-api.ts) parses the text as
 * JSON for the admin calls, a person's facts and the health check; the sync engine maps statuses
 * to its own failures (a refusal whose body is not JSON still says 401 or 429 there); the
 * snapshot checks a page's CRC-32 over the text as it came.
 */

/** The part of `fetch` the sync code uses; the simulation passes a faulty one. */
export type Transport = (
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; text(): Promise<string> }>;

/** An answer's status and body; `offline` when none could be read (`detail`: what went wrong). */
export type SentRequest =
  { ok: true; status: number; text: string } | { ok: false; error: 'offline'; detail: string };

export async function sendRequest(
  transport: Transport,
  method: 'GET' | 'POST',
  url: string,
  token: string | null,
  body?: unknown,
): Promise<SentRequest> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await transport(url, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { ok: true, status: response.status, text: await response.text() };
  } catch (error) {
    return {
      ok: false,
      error: 'offline',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}
