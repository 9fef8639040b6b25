import { jsonOrText } from "../../repositories/json-column.js";
import type { MyDataExport } from "../../../../shared/schemas/me-data.js";
import type { Clock } from "../../lib/clock.js";
import { notFound } from "../../lib/errors.js";
import type { Repositories } from "../../repositories/index.js";
import type { CourseCatalog } from "../course-catalog.js";

export interface MeDataDeps {
  repos: Repositories;
  clock: Clock;
  /** Which lessons make a member trained (ending a membership moves the report rollups). */
  catalog: CourseCatalog;
}

/** Whether a webhook event involves the follower: they sent it, followed or unfollowed, or it is a message to them. */
export function eventInvolves(payload: unknown, followerId: string): boolean {
  const ev = payload as { follower?: { id?: unknown }; sender?: { id?: unknown }; recipient?: { id?: unknown } } | null;
  return [ev?.follower?.id, ev?.sender?.id, ev?.recipient?.id].some((id) => id !== undefined && id !== null && String(id) === followerId);
}

/**
 * Everything stored about the signed-in person, in one document they can download and read (Luật 91/2025/QH15,
 * Điều 14: quyền được truy cập, cung cấp dữ liệu). Data kept under their OA follower id (idByOA) is included.
 * Of other people only what is needed to read it: team names, never other members or who credited whom.
 */
export async function exportMyData(deps: MeDataDeps, learnerId: string): Promise<MyDataExport> {
  const { repos } = deps;
  const pd = repos.personalData;
  const learner = await repos.learners.findById(learnerId);
  if (!learner) throw notFound("learner_not_found", "Không tìm thấy dữ liệu của bạn.");
  const fid = learner.id_by_oa;
  const sub = fid ? await repos.subscribers.find(fid) : undefined;
  const credit = await pd.creditOf(learnerId);
  const events = fid ? (await pd.inboxEventsMentioning(fid)).filter((e) => eventInvolves(e.payload, fid)) : [];

  return {
    format: "ksc-personal-data/1",
    exportedAt: deps.clock.now().toISOString(),
    explanation:
      "Toàn bộ dữ liệu ứng dụng Kỹ năng số cộng đồng và Zalo OA “Chuyển đổi số quốc gia” đang lưu về bạn. Ứng dụng không lưu số điện thoại. Bạn có thể xoá dữ liệu này trong mục Giới thiệu.",
    learner: {
      explanation: "Tài khoản của bạn: mã Zalo, tên Zalo, mã người quan tâm OA và mã giới thiệu bạn mở ứng dụng lần đầu. Dùng để lưu tiến độ học của bạn.",
      data: {
        id: learner.id,
        zaloUserId: learner.zalo_user_id,
        name: learner.name,
        oaFollowerId: fid,
        refCode: learner.ref_code,
        createdAt: learner.created_at,
        updatedAt: learner.updated_at,
      },
    },
    lessonCompletions: {
      explanation: "Các bài bạn đã học xong và thời điểm. Dùng để hiện tiến độ; tổ trưởng và cán bộ thấy bạn đã học đến đâu nếu bạn ở trong một tổ.",
      data: (await pd.completionsOf(learnerId)).map((c) => ({ lessonId: c.lesson_id, completedAt: c.completed_at, receivedAt: c.received_at })),
    },
    quizAttempts: {
      explanation: "Các lần bạn làm bài kiểm tra: câu trả lời, số câu đúng, đạt hay chưa.",
      data: (await pd.attemptsOf(learnerId)).map((a) => ({
        lessonId: a.lesson_id,
        correct: Number(a.correct),
        total: Number(a.total),
        scorePct: Number(a.score_pct),
        passed: a.passed,
        answers: a.answers,
        answeredAt: a.answered_at,
        receivedAt: a.received_at,
      })),
    },
    finalAssessments: {
      explanation: "Các lần bạn làm bài kiểm tra cuối kỹ năng: các câu được rút ra, câu trả lời của bạn, số câu đúng, đạt hay chưa.",
      data: (await pd.assessmentAttemptsOf(learnerId)).map((a) => ({
        skill: a.skill,
        questions: jsonOrText(a.questions),
        answers: a.answers === null ? null : jsonOrText(a.answers),
        correct: a.correct === null ? null : Number(a.correct),
        total: Number(a.total),
        passed: a.passed === null ? null : Number(a.passed) === 1,
        startedAt: a.started_at,
        submittedAt: a.submitted_at,
      })),
    },
    handsOnConfirmed: {
      explanation:
        "Các việc thực hành thành viên tổ đã xác nhận bạn tự làm được trên điện thoại của bạn, với nội dung bạn đã đồng ý (không có ảnh hay số giấy tờ nào).",
      data: (await pd.handsOnOf(learnerId)).map((h) => ({
        skill: h.skill,
        task: h.task_id,
        teamId: Number(h.team_id),
        consentVersion: h.consent_version,
        consentedAt: h.consented_at,
        confirmedAt: h.confirmed_at,
      })),
    },
    householdLedger: {
      explanation:
        "Sổ theo dõi của tổ công nghệ số: tên và hộ nếu tổ đã ghi bạn trước khi bạn có tài khoản, những việc bạn đã làm được (như kích hoạt VNeID mức 2), mỗi việc một lần, và phiên bản nội dung bạn đã đồng ý.",
      data: await (async () => {
        const person = await repos.ledger.ofLearner(learnerId);
        return {
          name: person?.name ?? null,
          household: person?.household ?? null,
          consentVersion: person?.consent_version ?? null,
          outcomes: person ? (await repos.ledger.outcomesOf([person.id])).map((o) => ({ outcome: o.outcome, achievedOn: o.achieved_on })) : [],
        };
      })(),
    },
    certificates: {
      explanation: "Chứng nhận bạn đã nhận: tên bạn ghi, kỹ năng, xã/phường, ngày cấp, và nếu bị thu hồi thì lý do.",
      data: (await repos.certificates.mine(learnerId)).map((c) => ({
        code: c.code,
        skill: c.skill,
        name: c.name,
        communeCode: c.commune_code,
        issuedAt: c.issued_at,
        revokedAt: c.revoked_at,
        revokeReason: c.revoke_reason,
      })),
    },
    teamMemberships: {
      explanation: "Tổ công nghệ số cộng đồng bạn đã tham gia (tên tổ, xã/phường, vai trò, mã QR cá nhân của bạn, ngày vào và ngày rời tổ).",
      data: (await pd.membershipsOf(learnerId)).map((m) => ({
        teamId: Number(m.team_id),
        teamName: m.team_name,
        communeCode: m.commune_code,
        role: m.role,
        myRefCode: m.ref_code,
        joinedAt: m.joined_at,
        leftAt: m.removed_at,
      })),
    },
    credit: {
      explanation: "Nếu bạn đồng ý ghi nhận công cho tổ đã giới thiệu bạn: tên tổ, nội dung bạn đã đồng ý và thời điểm đồng ý.",
      data: credit
        ? {
            teamName: credit.team_name,
            refCode: credit.ref_code,
            throughAMember: credit.member_id !== null,
            consentVersion: credit.consent_version,
            consentText: credit.consent_text,
            consentedAt: credit.consented_at,
          }
        : null,
    },
    residentsCreditedToMe: {
      explanation: "Số người dân đã đồng ý ghi nhận công cho bạn (chỉ có con số, không có tên của họ).",
      data: await repos.credits.countByMember(learnerId),
    },
    visitsRecorded: {
      explanation: "Các lần đến hỗ trợ hộ gia đình mà bạn đã ghi lại: tên hộ hoặc địa chỉ bạn nhập, ngày, việc đã hỗ trợ.",
      data: (await pd.visitsBy(learnerId)).map((v) => ({
        id: v.id,
        teamName: v.team_name,
        household: v.household,
        visitedOn: v.visited_on,
        kinds: v.kinds,
        createdAt: v.created_at,
      })),
    },
    oaSubscriber: {
      explanation:
        "Thông tin Zalo OA lưu theo mã người quan tâm của bạn: có đang quan tâm OA không, bạn đã đồng ý nhận tin chưa, xã/phường và chủ đề bạn chọn, bước trò chuyện đang dở.",
      data: sub
        ? {
            followerId: sub.user_id,
            displayName: sub.display_name,
            following: sub.following,
            followedAt: sub.followed_at,
            unfollowedAt: sub.unfollowed_at,
            lastInteractionAt: sub.last_interaction_at,
            consentVersion: sub.consent_version,
            consentText: sub.consent_text,
            consentAt: sub.consent_at,
            provinceCode: sub.province_code,
            communeCode: sub.commune_code,
            topics: sub.topics,
            newsEnabled: sub.news_enabled,
            dialogue: sub.dialogue,
            createdAt: sub.created_at,
            updatedAt: sub.updated_at,
          }
        : null,
    },
    oaEventsReceived: {
      explanation:
        "Những gì Zalo báo cho OA về bạn: khi bạn nhắn tin, quan tâm hoặc bỏ quan tâm OA, khi bạn nhận hoặc đã xem tin của OA (đúng như Zalo gửi, trừ số điện thoại: không bao giờ được lưu).",
      data: events.map((e) => ({ eventName: e.event_name, receivedAt: e.received_at, payload: e.payload })),
    },
    oaMessagesSent: {
      explanation: "Các tin nhắn OA đã trả lời bạn.",
      data: fid
        ? (await pd.oaMessagesTo(fid)).map((m) => ({
            kind: m.kind,
            purpose: m.purpose,
            message: m.message,
            status: m.status,
            createdAt: m.created_at,
            sentAt: m.sent_at,
          }))
        : [],
    },
    newsDeliveries: {
      explanation: "Các bản tin cán bộ gửi đến bạn qua OA hoặc mục Tin mới, và đã gửi được hay chưa.",
      data: fid
        ? (await pd.deliveriesTo(fid)).map((d) => ({
            campaignId: Number(d.campaign_id),
            title: d.title,
            kind: d.kind,
            state: d.state,
            createdAt: d.created_at,
            updatedAt: d.updated_at,
          }))
        : [],
    },
    questionsAsked: {
      explanation: "Câu hỏi bạn nhắn OA mà chatbot chưa trả lời được, và câu trả lời của cán bộ xã/phường hoặc tỉnh (nếu có).",
      data: fid
        ? (await pd.questionsOf(fid)).map((q) => ({
            text: q.text,
            askedAt: q.created_at,
            resolvedAt: q.resolved_at,
            answer: q.answer_text,
            answeredAt: q.answered_at,
          }))
        : [],
    },
    roles: {
      explanation: "Quyền cán bộ của bạn (nếu có) và địa bàn.",
      data: (await repos.roles.ofUser(learner.zalo_user_id)).map((r) => ({ role: r.role, areaCode: r.area_code, grantedAt: r.granted_at })),
    },
    auditLog: {
      explanation: "Nhật ký các thay đổi do bạn thực hiện hoặc liên quan đến bạn (cấp quyền, vào tổ, rời tổ…). Không ghi tên người khác.",
      data: (await pd.auditAbout(learner.zalo_user_id, learnerId)).map((a) => ({
        action: a.action,
        byMe: a.actor === learner.zalo_user_id,
        areaCode: a.area_code,
        at: a.at,
      })),
    },
  };
}
