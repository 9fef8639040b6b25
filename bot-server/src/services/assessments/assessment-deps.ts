import type { Course } from "../../../../shared/content-loader.js";
import type { Assessment } from "../../../../shared/schemas/content.js";
import type { OutcomeKind } from "../../../../shared/schemas/ledger.js";
import type { CertificateKey } from "../../lib/certificate-signing.js";
import type { Clock } from "../../lib/clock.js";
import { notFound } from "../../lib/errors.js";
import type { Repositories } from "../../repositories/index.js";
import type { Areas } from "../areas.js";
import type { AssessmentSettings } from "./settings.js";

export interface AssessmentDeps {
  repos: Repositories;
  course: Pick<Course, "skills" | "assessments">;
  clock: Clock;
  settings: AssessmentSettings;
  areas: Areas;
  key: CertificateKey;
  outcomeKinds: OutcomeKind[];
}

export function assessmentOf(course: Pick<Course, "assessments">, skill: string): Assessment {
  const a = course.assessments.find((x) => x.skill === skill);
  if (!a) throw notFound("assessment_not_found", "Kỹ năng này chưa có bài kiểm tra cuối.");
  return a;
}
