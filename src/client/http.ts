export type JsonResponse = { status: number; ok: boolean; headers: Headers; body: unknown };

/** POSTs form fields as the browser would, asking for JSON. Rejects only when the server is unreachable. */
export async function postForm(url: string, fields: Record<string, string>): Promise<JsonResponse> {
  const res = await fetch(url, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  });
  const body: unknown = (res.headers.get('content-type') ?? '').includes('json')
    ? await res.json().catch(() => null)
    : null;
  return { status: res.status, ok: res.ok, headers: res.headers, body };
}

/** The `{ error: { code, message } }` of an error response, when it has one. */
export function errorOf(body: unknown): { code: string; message: string; retryAfterSeconds?: number } | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, retryAfterSeconds } = error as Record<string, unknown>;
  return {
    code: typeof code === 'string' ? code : '',
    message: typeof message === 'string' ? message : '',
    ...(typeof retryAfterSeconds === 'number' ? { retryAfterSeconds } : {}),
  };
}
