/** Base of every error the indexer reports on purpose; `status` is the HTTP status it maps to. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 404 | 409 | 422 | 429 | 500 | 503 = 500,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, code = "bad_request") {
    super(code, message, 400);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super("not_found", message, 404);
  }
}
