import { bodyLimit } from "hono/body-limit";

/** Largest request body: a session with an ERC-6492 signature fits many times over. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Refuses big bodies while reading them, before anything parses or buffers them whole. */
export const limitBody = () =>
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      c.json(
        { error: { code: "body_too_large", message: `bodies are at most ${MAX_BODY_BYTES} bytes` } },
        413,
      ),
  });
