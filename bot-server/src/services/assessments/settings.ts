/** How a skill's final assessment is drawn, passed and retried (ASSESSMENT_* in the configuration). */
export interface AssessmentSettings {
  /** Questions drawn from the skill's bank for one attempt (all of them when the bank is smaller). */
  questions: number;
  /** The share of them to get right, in percent. */
  passPercent: number;
  /** After a failed attempt, minutes before the next may begin. */
  retryMinutes: number;
  /** Attempts begun in any 24 hours, at most. */
  attemptsPerDay: number;
}
