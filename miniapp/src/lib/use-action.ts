import { useCallback, useState } from "react";
import { errorText } from "../api/error-text";

/**
 * A button's action: busy while it runs (the button shows it and cannot be pressed twice), and the error in plain
 * Vietnamese when it fails, cleared when it runs again.
 */
export function useAction(describe: (e: unknown) => string = errorText) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (fn: () => Promise<void>) => {
      setBusy(true);
      setError(null);
      try {
        await fn();
      } catch (e) {
        setError(describe(e));
      } finally {
        setBusy(false);
      }
    },
    [describe],
  );
  return { busy, error, setError, run };
}
