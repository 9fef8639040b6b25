import { useEffect, useState } from "react";
import { stepImageUrl } from "../lib/local-lessons";

/** A step's picture: a shipped SVG at once, a local lesson's photo from the phone's copy when offline. */
export function StepImage({ src, alt }: { src: string; alt: string }) {
  const [url, setUrl] = useState(src.startsWith("data:") ? src : null);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    void stepImageUrl(src).then((u) => {
      if (u.startsWith("blob:")) made = u;
      if (live) setUrl(u);
      else if (made) URL.revokeObjectURL(made);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [src]);
  if (!url) return <div className="step__image step__image--loading" role="img" aria-label={alt} />;
  return <img className="step__image" src={url} alt={alt} width={320} height={240} />;
}
