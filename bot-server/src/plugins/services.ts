import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Course } from "../../../shared/content-loader.js";
import type { Config } from "../config.js";
import { loadOutcomeKinds } from "../../../shared/outcome-kinds.js";
import type { OutcomeKind } from "../../../shared/schemas/ledger.js";
import type { AssessmentSettings } from "../services/assessments/settings.js";
import type { Clock } from "../lib/clock.js";
import { certificateKey, seedFromSecret, type CertificateKey } from "../lib/certificate-signing.js";
import { inviteCodes, type InviteCodes } from "../lib/invite-codes.js";
import { sessionTokens, type SessionTokens } from "../lib/session.js";
import { repositories, type Repositories } from "../repositories/index.js";
import { loadAreas, type Areas } from "../services/areas.js";
import { courseCatalog, type CourseCatalog } from "../services/course-catalog.js";
import { stepAudioIndex, type StepAudioIndex } from "../services/audio/step-audio-index.js";
import { faqSearch, type FaqSearch } from "../services/dialogue/faq-search.js";
import { s3ImageStore, type ImageStore } from "../services/local-lessons/image-store.js";
import { recountIfCoreChanged } from "../services/reports/recount-if-core-changed.js";

/** What the domain services work with, the same in sandbox and Zalo mode. */
export interface Services {
  repos: Repositories;
  course: Course;
  catalog: CourseCatalog;
  sessions: SessionTokens;
  /** Signed team invite codes (a key derived from the session secret). */
  invites: InviteCodes;
  clock: Clock;
  /** The 2025 administrative units: provinces and communes. */
  areas: Areas;
  /** The chatbot's search over the course's questions and lessons. */
  faq: FaqSearch;
  /** What each step of the course is read aloud as, and where its audio is stored. */
  audioIndex: StepAudioIndex;
  /** The bucket local lessons' photos go to, or null: the database holds them. */
  images: ImageStore | null;
  /** The key certificates are signed with; its public half is at /.well-known/certificate-keys.json. */
  certificateKey: CertificateKey;
  /** The final assessments' draw, pass mark and retry rule. */
  assessment: AssessmentSettings;
  /** What the household ledger records (outcome-kinds.yaml). */
  outcomeKinds: OutcomeKind[];
}

declare module "fastify" {
  interface FastifyInstance {
    services: Services;
  }
}

export interface ServicesPluginOptions {
  config: Pick<Config, "sessionSecret" | "sessionTtlMinutes" | "imageStore" | "certificateSigningKey" | "assessment">;
  course: Course;
  clock: Clock;
}

export const servicesPlugin = fp(
  async (app: FastifyInstance, { config, course, clock }: ServicesPluginOptions) => {
    // Without a configured secret (sandbox only: config demands one otherwise) sessions end when the process does.
    const secret = config.sessionSecret ?? randomBytes(32).toString("hex");
    app.decorate("services", {
      repos: repositories(app.database.db, app.database.dialect),
      course,
      catalog: courseCatalog(course),
      sessions: sessionTokens(secret, config.sessionTtlMinutes, clock),
      invites: inviteCodes(secret),
      clock,
      areas: loadAreas(),
      faq: faqSearch(course.faq, course.lessons),
      audioIndex: stepAudioIndex(course),
      images: config.imageStore.kind === "s3" ? s3ImageStore(config.imageStore.s3) : null,
      certificateKey: certificateKey(config.certificateSigningKey ? Buffer.from(config.certificateSigningKey, "hex") : seedFromSecret(secret)),
      assessment: config.assessment,
      outcomeKinds: loadOutcomeKinds(),
    } satisfies Services);
    app.addHook("onReady", async () => {
      // A database that is down at start is reported by /health; the recount is tried again at the next start.
      try {
        if (await recountIfCoreChanged(app.services.repos, app.services.catalog, clock.now()))
          app.log.info("report rollups counted again: the core lessons changed");
      } catch (err) {
        app.log.error({ err }, "could not check the report rollups against the core lessons");
      }
    });
  },
  { name: "services", dependencies: ["database"] },
);
