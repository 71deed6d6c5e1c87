// Hand-written types shared by the generated declarations in ./types/.

/** Exponential backoff, as in Clerk's other SDKs. Intervals in milliseconds. */
export interface BackoffStrategy {
  initialInterval?: number;
  maxInterval?: number;
  exponent?: number;
  maxElapsedTime?: number;
}

export type RetryConfig =
  | { strategy: "none" }
  | {
      strategy: "backoff";
      backoff?: BackoffStrategy;
      /** Retry when the request could not reach the server. Default true. */
      retryConnectionErrors?: boolean;
      /**
       * Also retry POST and PATCH after the server may have acted on them (5XX, timeout after
       * sending). Off by default: a repeated POST can create two users.
       */
      retryNonIdempotent?: boolean;
    };

/** Per-call options: the optional second argument of every operation. */
export interface CallOptions {
  /** Abort an attempt after this many milliseconds (RequestTimeoutError). */
  timeoutMs?: number;
  /** Retry policy for this call, replacing the client's. */
  retries?: RetryConfig;
  /** Cancels the call (RequestAbortedError). */
  signal?: AbortSignal;
  /** Extra request headers. */
  headers?: Record<string, string> | Headers;
}

/** A file for the multipart operations. */
export type UploadContent = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>;
export type Upload =
  | UploadContent
  | { content: UploadContent; fileName?: string; contentType?: string };

/** Arguments of an operation: params may be omitted when none is required. */
export type OperationArgs<P> = {} extends P
  ? [params?: P, options?: CallOptions]
  : [params: P, options?: CallOptions];

/** An operation that takes `limit`/`offset`: call it, or walk it page by page or item by item. */
export interface PaginatedOperation<P, R, Item> {
  (...args: OperationArgs<P>): Promise<R>;
  /** Every page, from the given offset until the last one. */
  pages(...args: OperationArgs<P>): AsyncIterableIterator<R>;
  /** Every item of every page. */
  items(...args: OperationArgs<P>): AsyncIterableIterator<Item>;
}
