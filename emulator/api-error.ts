/**
 * An error answer of the emulated API. Handlers throw it; the server renders it in the current error shape.
 * Messages and details name keys and routes, never values taken from a request body.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | null;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> | null = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function notFound(message: string): ApiError {
  return new ApiError(404, "NOT_FOUND", message);
}

export function unprocessable(
  code: string,
  message: string,
  details: Record<string, unknown> | null = null,
): ApiError {
  return new ApiError(422, code, message, details);
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, "BAD_REQUEST", message);
}
