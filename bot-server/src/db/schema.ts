import type { Generated } from "kysely";

/** Timestamps are ISO-8601 strings in both dialects (PostgreSQL's are parsed back into strings). */
export interface LearnersTable {
  id: string;
  zalo_user_id: string;
  name: string;
  id_by_oa: string | null;
  ref_code: string | null;
  created_at: string;
  updated_at: string;
  /** When the person let the mini app read their Zalo name (scope.userInfo); null: shown as "Người học". */
  name_consent_at: string | null;
}

export interface QuizAttemptsTable {
  id: string;
  learner_id: string;
  lesson_id: string;
  correct: number;
  total: number;
  score_pct: number;
  passed: number;
  answers: string;
  answered_at: string;
  received_at: string;
  /** The version of a local lesson (local_lesson_versions) the learner answered; null for the shipped course. */
  lesson_version: number | null;
}

export interface LessonCompletionsTable {
  id: string;
  learner_id: string;
  lesson_id: string;
  completed_at: string;
  received_at: string;
}

export interface WebhookInboxTable {
  id: Generated<number>;
  event_key: string;
  event_name: string;
  payload: string;
  status: "pending" | "planned" | "done" | "ignored" | "failed";
  attempts: Generated<number>;
  last_error: string | null;
  received_at: string;
  processed_at: string | null;
}

export interface JobsTable {
  id: Generated<number>;
  queue: string;
  job_key: string | null;
  payload: string;
  status: "waiting" | "active" | "done" | "failed";
  attempts: Generated<number>;
  max_attempts: number;
  run_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface SubscribersTable {
  user_id: string;
  display_name: string | null;
  following: number;
  followed_at: string | null;
  unfollowed_at: string | null;
  last_interaction_at: string | null;
  consent_version: string | null;
  consent_text: string | null;
  consent_at: string | null;
  province_code: string | null;
  commune_code: string | null;
  topics: Generated<string>;
  news_enabled: Generated<number>;
  dialogue: string | null;
  created_at: string;
  updated_at: string;
  /** When Zalo last told us whether the person follows (event, getlist, user/detail); null: no evidence yet. */
  follow_checked_at: string | null;
  /** The last interaction that window_replies counts from (Zalo's free replies per 48 h window). */
  window_anchor: string | null;
  window_replies: Generated<number>;
  /** 1: last_interaction_at is the start of a date Zalo gave (user/detail, getlist's periods), not a time. */
  interaction_is_date: Generated<number>;
}

export interface OaMessagesTable {
  id: Generated<number>;
  user_id: string;
  kind: "cs" | "transaction" | "promotion";
  purpose: string;
  message: string;
  inbox_id: number | null;
  seq: number;
  zalo_message_id: string | null;
  status: "queued" | "sent" | "failed";
  error_code: number | null;
  created_at: string;
  sent_at: string | null;
  /** What Zalo reported the send used (reply, sub_quota, purchase_quota, reward_quota…). */
  quota_type: string | null;
  cost_vnd: Generated<number>;
  /** Set for replies to someone writing without following (Zalo's anonymous recipient). */
  conversation_id: string | null;
}

export interface OaStateTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface FollowerTagsTable {
  user_id: string;
  tag_name: string;
  /** wanted: to add in Zalo; tagged: added; unwanted: to remove; removed: gone. */
  state: "wanted" | "tagged" | "unwanted" | "removed";
  updated_at: string;
}

export interface MessageReceiptsTable {
  zalo_message_id: string;
  event: "received" | "seen" | "echo";
  at: string;
}

export interface UnansweredQuestionsTable {
  id: Generated<number>;
  user_id: string;
  text: string;
  best_match: string | null;
  best_score: number | null;
  created_at: string;
  resolved_at: string | null;
  /** Where the person said they live when they asked (012). */
  commune_code: string | null;
  answer_text: string | null;
  /** The official who answered (audit only: the resident sees answered_area's name). */
  answered_by: string | null;
  answered_area: string | null;
  answered_at: string | null;
  answer_state: "sent" | "held" | "read" | "cancelled" | null;
  answer_message_id: string | null;
  answer_delivered_at: string | null;
  faq_entry_id: string | null;
}

export interface AreaFaqEntriesTable {
  id: string;
  /** A commune's or a province's code; '' for everyone (promoted by the operator). */
  area_code: string;
  question: string;
  /** JSON array of strings. */
  variants: string;
  answer: string;
  lesson: string | null;
  status: "active" | "withdrawn";
  source_question_id: number | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  /** The area it was made for, when the operator promoted it to everyone. */
  promoted_from: string | null;
}

export interface QuestionStatsTable {
  /** Vietnam date, YYYY-MM-DD. */
  day: string;
  /** '' when the person had not chosen a commune. */
  commune_code: string;
  asked: number;
  bot_answered: number;
}

export interface AudioClipsTable {
  key: string;
  ogg: Buffer;
  mp3: Buffer;
  /** The Ogg file's size, so that listing a lesson's audio does not read the files. */
  ogg_bytes: number;
  seconds: number;
  /** 1: made by the machine voice (espeak-ng); 0: a person's recording. */
  machine: number;
  created_at: string;
}

export interface StepRecordingsTable {
  lesson_id: string;
  step: number;
  /** The machine voice's key of the step's text when it was recorded: the recording is used while they match. */
  text_key: string;
  audio_key: string;
  recorded_by: string;
  created_at: string;
}

export interface BulletinsTable {
  id: Generated<number>;
  /** A commune's code, or a province's (its whole loudspeaker network). */
  area_code: string;
  source_kind: "lesson" | "campaign" | "week";
  /** The lesson's id, the campaign's id, or the week's Monday (YYYY-MM-DD). */
  source_ref: string;
  title: string;
  script: string;
  class: "thuong" | "uu_tien" | "khan_cap";
  audio_key: string | null;
  /** 1: the machine voice read it; 0: an official's recording. */
  audio_machine: number | null;
  seconds: number | null;
  status: "draft" | "awaiting_approval" | "approved" | "cancelled";
  created_by: string;
  created_at: string;
  updated_at: string;
  /** Who submitted it: neither they nor its author may be the second official who approves a province-wide one. */
  submitted_by: string | null;
  approved_by: string | null;
  approved_at: string | null;
  campaign_id: number | null;
}

export interface LocalLessonsTable {
  /** dp-<10 hex> (shared/constants/local-lesson.ts). */
  id: string;
  /** A commune's code, or a province's: then every commune of the province sees it. */
  area_code: string;
  /** Of the latest version; "withdrawn": residents see none of its versions. */
  status: "draft" | "awaiting_approval" | "published" | "withdrawn";
  latest_version: number;
  /** What residents see: the last approved version, kept while a newer one is drafted. */
  published_version: number | null;
  /** The latest version's title, for lists. */
  title: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** Who submitted the latest version: neither they nor the one who saved it may approve it. */
  submitted_by: string | null;
}

export interface LocalLessonVersionsTable {
  lesson_id: string;
  version: number;
  /** The lesson as the official wrote it (LocalLessonContent), JSON. */
  content: string;
  saved_by: string;
  saved_at: string;
  approved_by: string | null;
  approved_at: string | null;
}

export interface LocalImagesTable {
  /** img-<16 hex>: of the SHA-256 of `data`. */
  id: string;
  area_code: string;
  mime: string;
  /** The file; null when it is in the S3-compatible bucket (IMAGE_STORE=s3). */
  data: Buffer | null;
  byte_size: number;
  width: number;
  height: number;
  created_by: string;
  created_at: string;
}

export interface AssessmentAttemptsTable {
  id: string;
  learner_id: string;
  skill: string;
  /** JSON: the ids of the questions drawn, in the order shown. */
  questions: string;
  started_at: string;
  submitted_at: string | null;
  /** JSON: { questionId: optionIds[] }, once submitted. */
  answers: string | null;
  correct: number | null;
  total: number;
  /** The pass mark in force when the attempt began. */
  pass_percent: number;
  /** 1 or 0 once submitted. */
  passed: number | null;
}

/** A one-time code a resident shows a tổ member, with the consent they gave to have their hands-on tasks confirmed. */
export interface HandsOnCodesTable {
  code: string;
  learner_id: string;
  skill: string;
  consent_version: string;
  consent_text: string;
  consented_at: string;
  expires_at: string;
  /** The member who first opened the code; null until then. */
  member_id: string | null;
}

export interface HandsOnConfirmationsTable {
  learner_id: string;
  skill: string;
  task_id: string;
  /** The member who watched the resident do it. */
  member_id: string;
  team_id: number;
  consent_version: string;
  consented_at: string;
  confirmed_at: string;
}

/** The household ledger: each resident once, with or without an account of their own. */
export interface LedgerPeopleTable {
  id: string;
  /** The resident's own account; null for a household member recorded by a tổ member. */
  learner_id: string | null;
  team_id: number | null;
  commune_code: string;
  /** Household members only: the name as the member wrote it (never an ID or phone number). */
  name: string | null;
  household: string | null;
  consent_version: string;
  consent_text: string;
  consented_at: string;
  recorded_by: string;
  created_at: string;
  /** Set when this household member was merged into their own account's row. */
  merged_into: string | null;
  /** 1 when the person has an outcome; 1 when one of them makes a new digital user (kept with every write). */
  has_outcomes: Generated<number>;
  digital: Generated<number>;
  /** Once the person (with an account) is credited to a team and learns: that team and its commune. */
  learning_team_id: number | null;
  learning_commune: string | null;
}

export interface LedgerOutcomesTable {
  person_id: string;
  outcome: string;
  /** The person's commune and team, copied (the reports read outcomes from one index). */
  commune_code: string;
  team_id: number | null;
  /** The day (Vietnam time) it was recorded as achieved. */
  achieved_on: string;
  recorded_by: string;
  recorded_at: string;
}

export interface CommunePopulationTable {
  commune_code: string;
  /** Adults living in the commune: what the shares of a province plan are reckoned against. */
  adults: number;
  updated_by: string;
  updated_at: string;
}

export interface CertificatesTable {
  /** 12 letters and digits (Crockford's base 32): /verify/<code>. */
  code: string;
  learner_id: string;
  /** The holder's name as they gave it (the PDF); the public page and the QR code show it shortened. */
  name: string;
  /** A skill's id, or "core" for all five core skills. */
  skill: string;
  commune_code: string;
  team_id: number | null;
  team_name: string | null;
  issued_at: string;
  /** The Ed25519-signed text the QR code carries (lib/certificate-signing.ts). */
  signed: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface OaTokensTable {
  oa_id: string;
  access_token: string;
  refresh_token: string;
  access_expires_at: string;
  refresh_expires_at: string;
  source: string;
  updated_at: string;
  last_error: string | null;
  last_error_at: string | null;
}

export interface LocksTable {
  name: string;
  holder: string;
  expires_at: string;
}

export interface OauthStatesTable {
  state: string;
  code_verifier: string;
  created_at: string;
}

export interface RolesTable {
  zalo_user_id: string;
  role: "operator" | "province_official" | "commune_official";
  area_code: string;
  granted_by: string;
  granted_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor: string;
  action: string;
  target: string;
  area_code: string;
  before_state: string | null;
  after_state: string | null;
  at: string;
}

export interface CampaignsTable {
  id: Generated<number>;
  title: string;
  content: string;
  area_code: string;
  communes: string;
  topics: string;
  allow_paid: number;
  budget_vnd: number;
  use_promotion: number;
  status: "draft" | "awaiting_approval" | "scheduled" | "sending" | "done" | "cancelled";
  created_by: string;
  created_at: string;
  updated_at: string;
  sent_by: string | null;
  sent_at: string | null;
  scheduled_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  /** When the planning job wrote the last delivery row: only then can the campaign be done. */
  planned_at: string | null;
}

export interface DeliveriesTable {
  id: Generated<number>;
  campaign_id: number;
  user_id: string;
  /** cs: a free reply within the window; cs_quota: proactive, from the OA's quota; cs_paid: billed; promotion; inbox. */
  kind: "cs" | "cs_quota" | "cs_paid" | "promotion" | "inbox";
  /** read: held in the inbox, then read in the mini app's "Tin mới" (the bot does not push it any more). */
  state: "planned" | "sending" | "sent" | "held" | "read" | "failed" | "cancelled";
  attempts: Generated<number>;
  zalo_message_id: string | null;
  error_code: number | null;
  cost_vnd: Generated<number>;
  /** 1 when a send was under way as its process died: the person may have received it twice. */
  in_flight_at_crash: Generated<number>;
  created_at: string;
  updated_at: string;
  planned_cost_vnd: Generated<number>;
  quota_type: string | null;
}

export interface TeamsTable {
  id: Generated<number>;
  commune_code: string;
  name: string;
  /** On posters and in the team's links: credits residents to the team. */
  ref_code: string;
  created_by: string;
  created_at: string;
}

export interface TeamMembersTable {
  id: Generated<number>;
  team_id: number;
  learner_id: string;
  role: "member" | "leader";
  /** The member's personal ref code (their QR code). */
  ref_code: string;
  joined_at: string;
  removed_at: string | null;
  removed_by: string | null;
}

export interface TeamInvitesTable {
  nonce: string;
  team_id: number;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_by: string | null;
  used_at: string | null;
}

export interface CreditsTable {
  resident_id: string;
  member_id: string | null;
  team_id: number;
  ref_code: string;
  consent_version: string;
  consent_text: string;
  consented_at: string;
}

export interface VisitsTable {
  id: string;
  member_id: string;
  team_id: number;
  household: string;
  /** YYYY-MM-DD, Vietnam time. */
  visited_on: string;
  /** JSON array of visit kind ids (shared/content/visit-kinds.yaml). */
  kinds: string;
  created_at: string;
}

/** Where a commune is (its office or centre), for a location shared in the chat; see migration 010. */
export interface CommunePointsTable {
  commune_code: string;
  latitude: number;
  longitude: number;
  /** "import" (the operator's CSV) or "admin" (set in Quản trị). */
  source: "import" | "admin";
  updated_by: string;
  updated_at: string;
}

/**
 * Report rollups (migration 008): counts per team, with its commune, and the same summed per commune; read and
 * written by repositories/report-rollups.ts.
 */
type Counts<K extends string> = Record<K, Generated<number>>;
type WeekCounts = Counts<"credited" | "lessons" | "visits" | "joined">;
type QuizCounts = Counts<"attempted" | "passed">;
type KindCounts = Counts<"visits">;

export interface ReportTeamTotalsTable extends Counts<"members" | "trained" | "credited" | "learning" | "lessons" | "visits"> {
  team_id: number;
  commune_code: string;
}

/** week_start: the Monday (Vietnam time) of the week, YYYY-MM-DD. */
export interface ReportTeamWeeksTable extends WeekCounts {
  team_id: number;
  week_start: string;
  commune_code: string;
}

export interface ReportTeamQuizTable extends QuizCounts {
  team_id: number;
  lesson_id: string;
  commune_code: string;
}

export interface ReportTeamKindsTable extends KindCounts {
  team_id: number;
  kind: string;
  commune_code: string;
}

export interface ReportCommuneWeeksTable extends WeekCounts {
  commune_code: string;
  week_start: string;
}

export interface ReportCommuneQuizTable extends QuizCounts {
  commune_code: string;
  lesson_id: string;
}

export interface ReportCommuneKindsTable extends KindCounts {
  commune_code: string;
  kind: string;
}

export interface Database {
  commune_points: CommunePointsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  team_invites: TeamInvitesTable;
  credits: CreditsTable;
  visits: VisitsTable;
  report_team_totals: ReportTeamTotalsTable;
  report_team_weeks: ReportTeamWeeksTable;
  report_team_quiz: ReportTeamQuizTable;
  report_team_kinds: ReportTeamKindsTable;
  report_commune_weeks: ReportCommuneWeeksTable;
  report_commune_quiz: ReportCommuneQuizTable;
  report_commune_kinds: ReportCommuneKindsTable;
  deliveries: DeliveriesTable;
  campaigns: CampaignsTable;
  roles: RolesTable;
  audit_log: AuditLogTable;
  webhook_inbox: WebhookInboxTable;
  jobs: JobsTable;
  subscribers: SubscribersTable;
  oa_messages: OaMessagesTable;
  oa_state: OaStateTable;
  follower_tags: FollowerTagsTable;
  message_receipts: MessageReceiptsTable;
  unanswered_questions: UnansweredQuestionsTable;
  area_faq_entries: AreaFaqEntriesTable;
  question_stats: QuestionStatsTable;
  audio_clips: AudioClipsTable;
  step_recordings: StepRecordingsTable;
  bulletins: BulletinsTable;
  local_lessons: LocalLessonsTable;
  local_lesson_versions: LocalLessonVersionsTable;
  local_images: LocalImagesTable;
  certificates: CertificatesTable;
  assessment_attempts: AssessmentAttemptsTable;
  hands_on_codes: HandsOnCodesTable;
  hands_on_confirmations: HandsOnConfirmationsTable;
  ledger_people: LedgerPeopleTable;
  ledger_outcomes: LedgerOutcomesTable;
  commune_population: CommunePopulationTable;
  oa_tokens: OaTokensTable;
  locks: LocksTable;
  oauth_states: OauthStatesTable;
  learners: LearnersTable;
  quiz_attempts: QuizAttemptsTable;
  lesson_completions: LessonCompletionsTable;
  kysely_migration: { name: string; timestamp: Generated<string> };
}
