import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";
import type { Database } from "../db/schema.js";
import { areaFaqRepository } from "./area-faq.js";
import { audioRepository } from "./audio.js";
import { auditRepository } from "./audit.js";
import { bulletinRepository } from "./bulletins.js";
import { campaignRepository } from "./campaigns.js";
import { certificateRepository } from "./certificates.js";
import { assessmentRepository } from "./assessments.js";
import { handsOnRepository } from "./hands-on.js";
import { ledgerRepository } from "./ledger.js";
import { ledgerReportRepository } from "./ledger-report.js";
import { communePointRepository } from "./commune-points.js";
import { creditRepository } from "./credits.js";
import { deliveryRepository } from "./deliveries.js";
import { followerTagRepository } from "./follower-tags.js";
import { inboxRepository } from "./inbox.js";
import { jobRepository } from "./jobs.js";
import { learnerRepository } from "./learners.js";
import { localImageRepository, localLessonRepository } from "./local-lessons.js";
import { lockRepository } from "./locks.js";
import { oaMessageRepository } from "./oa-messages.js";
import { oaStateRepository } from "./oa-state.js";
import { oaTokenRepository } from "./oa-tokens.js";
import { oauthStateRepository } from "./oauth-states.js";
import { personalDataRepository } from "./personal-data.js";
import { progressRepository } from "./progress.js";
import { reportRollupRepository } from "./report-rollups.js";
import { roleRepository } from "./roles.js";
import { subscriberRepository } from "./subscribers.js";
import { teamInviteRepository } from "./team-invites.js";
import { teamRepository } from "./teams.js";
import { unansweredRepository } from "./unanswered.js";
import { visitRepository } from "./visits.js";

function bind(db: Kysely<Database>, dialect: Dialect) {
  return {
    learners: learnerRepository(db),
    progress: progressRepository(db),
    inbox: inboxRepository(db),
    jobs: jobRepository(db, dialect),
    subscribers: subscriberRepository(db, dialect),
    messages: oaMessageRepository(db),
    unanswered: unansweredRepository(db),
    tokens: oaTokenRepository(db),
    oaState: oaStateRepository(db),
    followerTags: followerTagRepository(db),
    locks: lockRepository(db),
    oauthStates: oauthStateRepository(db),
    roles: roleRepository(db),
    audit: auditRepository(db),
    campaigns: campaignRepository(db),
    deliveries: deliveryRepository(db, dialect),
    teams: teamRepository(db),
    teamInvites: teamInviteRepository(db),
    credits: creditRepository(db),
    visits: visitRepository(db),
    personalData: personalDataRepository(db),
    reportRollups: reportRollupRepository(db, dialect),
    communePoints: communePointRepository(db),
    areaFaq: areaFaqRepository(db),
    audio: audioRepository(db),
    bulletins: bulletinRepository(db),
    localLessons: localLessonRepository(db),
    localImages: localImageRepository(db),
    certificates: certificateRepository(db),
    assessments: assessmentRepository(db),
    handsOn: handsOnRepository(db),
    ledger: ledgerRepository(db),
    ledgerReport: ledgerReportRepository(db),
  };
}

export type RepositorySet = ReturnType<typeof bind>;

export interface Repositories extends RepositorySet {
  /** Runs `fn` with repositories bound to one transaction: all of its writes land, or none. */
  transaction<T>(fn: (repos: RepositorySet) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
}

export function repositories(db: Kysely<Database>, dialect: Dialect = "sqlite"): Repositories {
  return {
    ...bind(db, dialect),
    transaction: (fn) => db.transaction().execute((trx) => fn(bind(trx, dialect))),
    ping: async () => {
      await db.selectFrom("learners").select("id").limit(1).execute();
    },
  };
}
