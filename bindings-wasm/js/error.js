// The one JS error class of dangjian: every core error arrives as a DangjianError built from the
// core's ErrorReport (docs/errors.md): `code`, `class`, `details` (one key set per variant),
// `rows` (bad roster rows), `message` (Chinese first) and `messageEn`.

/** A dangjian error; `e instanceof DangjianError` or `isDangjianError(e)` tells it apart. */
export class DangjianError extends Error {
  constructor(message, code, errorClass, details, rows, messageEn) {
    super(message);
    this.name = 'DangjianError';
    this.code = code;
    this.class = errorClass;
    this.details = details ?? {};
    this.rows = rows ?? [];
    this.messageEn = messageEn ?? message;
  }
}

/** Whether `e` is a DangjianError (a type guard in TypeScript). */
export function isDangjianError(e) {
  return e instanceof DangjianError;
}

/** Used by the Rust side: the details and rows arrive as JSON text. */
export function makeDangjianError(message, code, errorClass, details, rows, messageEn) {
  return new DangjianError(message, code, errorClass, JSON.parse(details), JSON.parse(rows), messageEn);
}
