import type { CampaignPlan } from "../../../../shared/schemas/campaign";
import { num, vnd } from "../../admin/format";
import { Card } from "../../components/card";
import { Row } from "./row";

/** Everyone the campaign will reach, however the message gets to them. */
export const reachOf = (plan: CampaignPlan) => plan.free + plan.quota + plan.paid + plan.promotion + plan.inbox;

/** Who will get the news and how, from the followers known now, and what it will cost. */
export function PlanCard({ plan }: { plan: CampaignPlan }) {
  return (
    <Card id="plan-title" title="Kế hoạch gửi">
      <table className="num-table">
        <caption className="num-table__caption">Dự kiến theo danh sách người quan tâm hiện nay</caption>
        <tbody>
          <Row label="Nhận miễn phí (đã nhắn OA trong 48 giờ, còn lượt trả lời miễn phí)" value={num(plan.free)} />
          <Row label="Nhận bằng hạn mức tin của OA (2–7 ngày)" value={num(plan.quota)} />
          <Row label="Nhận tin có phí (2–7 ngày)" value={num(plan.paid)} />
          <Row label="Nhận tin truyền thông" value={num(plan.promotion)} />
          <Row label="Chờ trong hộp tin (nhận khi nhắn OA)" value={num(plan.inbox)} />
          {plan.waitingForQuota ? <Row label="…trong đó chờ vì hết hạn mức tin của OA" value={num(plan.waitingForQuota)} /> : null}
          <Row label="Tổng số người sẽ nhận" value={num(reachOf(plan))} strong />
          {plan.unknown ? <Row label="Chưa rõ còn quan tâm OA không (sẽ hỏi Zalo trước khi gửi)" value={num(plan.unknown)} /> : null}
          <Row label="Không gửi: đã bỏ quan tâm OA" value={num(plan.excluded.unfollowed)} />
          <Row label="Không gửi: không đăng ký chủ đề này" value={num(plan.excluded.unsubscribed)} />
          <Row label="Không gửi: ở khu vực khác" value={num(plan.excluded.outsideArea)} />
          <Row label="Hạn mức tin của OA còn lại" value={plan.quotaRemaining === null ? "chưa đọc được từ Zalo" : num(plan.quotaRemaining)} />
          <Row label="Số tin mỗi người nhận" value={num(plan.messagesPerPerson)} />
          <Row label="Chi phí ước tính" value={vnd(plan.estimatedCostVnd)} strong />
        </tbody>
      </table>
    </Card>
  );
}
