import type { ReactNode } from "react";
import type { Step } from "../../../shared/schemas/content";
import { RichText } from "./rich-text";
import { StepImage } from "./step-image";

/** A lesson step as residents read it: its title, then `extra` (the Nghe button), its picture, text and "Lưu ý" box. */
export function StepContent({ step, level, extra }: { step: Step; level: 2 | 3; extra?: ReactNode }) {
  const Title = level === 2 ? "h2" : "h3";
  return (
    <>
      <Title className="step__title">{step.title}</Title>
      {extra}
      {step.image ? <StepImage key={step.image} src={step.image} alt={step.alt ?? ""} /> : null}
      <p className="step__text">
        <RichText text={step.text} />
      </p>
      {step.note ? (
        <aside className="note" aria-label="Lưu ý">
          <strong className="note__title">Lưu ý</strong>
          <p>
            <RichText text={step.note} />
          </p>
        </aside>
      ) : null}
    </>
  );
}
