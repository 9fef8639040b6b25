/** A refusal the client can act on: an HTTP status, a stable English code and a readable message. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Each problem at its field, for a form to show next to it (a local lesson's validator). */
    readonly problems?: { path: string; field: string; message: string }[],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (code: string, message: string) => new AppError(400, code, message);
export const unauthorized = (code: string, message: string) => new AppError(401, code, message);
export const notFound = (code: string, message: string) => new AppError(404, code, message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const badGateway = (code: string, message: string) => new AppError(502, code, message);
