/** Calls to the dashboard's API (src/ui/api.ts); the session cookie goes along by itself. */

export interface ApiError {
  message: string;
  hint?: string;
  code: string;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
  }
}

let rootId = '';
export function setRoot(id: string): void {
  rootId = id;
}

function withRoot(path: string): string {
  if (!rootId) return path;
  return `${path}${path.includes('?') ? '&' : '?'}root=${encodeURIComponent(rootId)}`;
}

async function answer<T>(r: Response): Promise<T> {
  const body = (await r.json().catch(() => ({ error: { message: `HTTP ${r.status}`, code: 'http' } }))) as
    | T
    | { error: ApiError };
  if (!r.ok) throw new ApiFailure(r.status, (body as { error: ApiError }).error);
  return body as T;
}

export async function get<T>(path: string): Promise<T> {
  return answer<T>(await fetch(withRoot(`/api${path}`), { credentials: 'same-origin' }));
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(
    await fetch(withRoot(`/api${path}`), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

export function errorText(e: unknown): string {
  if (e instanceof ApiFailure) return `${e.error.message}${e.error.hint ? ` (hint: ${e.error.hint})` : ''}`;
  return e instanceof Error ? e.message : String(e);
}
