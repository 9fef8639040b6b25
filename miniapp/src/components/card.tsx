import type { ReactNode } from "react";

/** A card of a screen, named by its title (the section is labelled by it for screen readers). */
export function Card({ id, title, className, children }: { id: string; title: ReactNode; className?: string; children: ReactNode }) {
  return (
    <section className={className ? `card ${className}` : "card"} aria-labelledby={id}>
      <h2 id={id} className="card__title">
        {title}
      </h2>
      {children}
    </section>
  );
}
