import { useEffect, useRef } from "react";

/** Calls `onSeen` once, when at least half of the element (or half a screen of it) has been in view. */
export function useSeen(ref: React.RefObject<HTMLElement>, active: boolean, onSeen: () => void) {
  const seen = useRef(onSeen);
  seen.current = onSeen;
  useEffect(() => {
    const el = ref.current;
    if (!active || !el) return;
    if (typeof IntersectionObserver === "undefined") return seen.current();
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting && (e.intersectionRatio >= 0.5 || e.intersectionRect.height >= window.innerHeight * 0.5))) {
          io.disconnect();
          seen.current();
        }
      },
      { threshold: [0, 0.25, 0.5, 0.75, 1] },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [ref, active]);
}
