// The workbench's Web Worker: the engine (engine.js) off the page's thread. Messages from the
// page: `{ id, msg }`; answers: `{ id, progress }` while working, then `{ id, result }` or
// `{ id, error }` (the core's error as a plain object: message, code, details, rows).
import { handle, plainError } from './engine.js';

self.onmessage = async (e) => {
  const { id, msg } = e.data;
  try {
    const result = await handle(msg, (text) => self.postMessage({ id, progress: text }));
    self.postMessage({ id, result });
  } catch (err) {
    self.postMessage({ id, error: plainError(err) });
  }
};
