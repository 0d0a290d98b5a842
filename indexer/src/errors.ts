// Every error the indexer throws on purpose. Request errors are AppErrors (`app.onError` answers
// them with their status); the workers (follower, settler, payouts) retry every error on their next
// round, except SettlementHaltedError.

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

/**
 * Conservation broken, or chain and database disagree: settlement stops until a human looks (the
 * one error a worker does not retry; /status reports it).
 */
export class SettlementHaltedError extends Error {
  override name = "SettlementHaltedError";
}
