import { useEffect, useRef } from "react";

/** A refusal or failure, read out at once and scrolled into view. */
export function ErrorBox({ message }: { message: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.scrollIntoView?.({ block: "nearest", behavior: "smooth" });
  }, [message]);
  return (
    <div ref={ref} role="alert" className={message ? "error-box" : "error-box error-box--empty"}>
      {message ? (
        <>
          <strong className="error-box__title">Chưa thực hiện được</strong>
          <span>{message}</span>
        </>
      ) : null}
    </div>
  );
}
