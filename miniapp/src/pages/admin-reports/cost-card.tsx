import { Button, useNavigate } from "zmp-ui";
import type { Report } from "../../../../shared/schemas/report";
import { Card } from "../../components/card";
import { vnd } from "./numbers";

/** Cách tính chi phí: what a team-month and a member trained count for. */
export function CostCard({ r, canSeeTeams }: { r: Report; canSeeTeams: boolean }) {
  const navigate = useNavigate();
  return (
    <Card id="report-cost-title" title="Cách tính chi phí">
      <p className="admin-hint">
        Mỗi tổ tính {vnd(r.cost.teamMonthVnd)} cho mỗi tháng hoạt động, và {vnd(r.cost.memberTrainedVnd)} cho mỗi thành viên học xong kỹ năng cốt lõi. Chi phí
        cho mỗi người dùng số mới = tổng chi phí chia cho số người dùng số mới.
      </p>
      {canSeeTeams ? (
        <Button fullWidth variant="tertiary" onClick={() => navigate("/admin/teams")}>
          Xem các tổ
        </Button>
      ) : null}
    </Card>
  );
}
