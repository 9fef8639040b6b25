import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaqEntry } from "../../shared/schemas/content.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { fixtureCourse, manualClock } from "../helpers/fixture.js";
import { buttonsOf, oaConnected, say, userDoes } from "../helpers/oa.js";

// Two entries about the same words with opposite advice: a bot that picks one for "kich hoat lai vneid" may tell a
// person changing phones to hang up, or a person on a scam call to go ahead.
const FAQ: FaqEntry[] = [
  {
    id: "vneid-dien-thoai-moi",
    question: "Đổi điện thoại mới có phải kích hoạt lại VNeID không?",
    variants: ["doi dien thoai moi kich hoat lai vneid", "dien thoai moi dang nhap vneid lai"],
    answer:
      "Có. Trên điện thoại mới, cài VNeID từ CH Play hoặc App Store rồi đăng nhập lại bằng số định danh và mật khẩu của bạn; ứng dụng sẽ hỏi xác nhận thiết bị mới.",
    lesson: "bat-may",
  },
  {
    id: "cuoc-goi-kich-hoat-vneid",
    question: "Có người gọi bảo kích hoạt lại VNeID thì làm sao?",
    variants: ["nguoi goi bao kich hoat lai vneid", "cong an goi kich hoat lai vneid qua dien thoai"],
    answer:
      "Cúp máy. Không ai kích hoạt lại VNeID cho bạn qua điện thoại; người gọi đòi làm việc này là kẻ lừa đảo. Đừng đọc mã OTP và đừng bấm đường link họ gửi.",
    lesson: "nhan-biet-lua-dao",
  },
];

describe.each(DIALECTS)("a question close to two Hỏi đáp entries, on %s", (dialect) => {
  let t: TestApp;
  const user = "7700000000000000301";
  beforeAll(async () => {
    t = await createTestApp(dialect, { course: { ...fixtureCourse(), faq: FAQ }, clock: manualClock(new Date("2026-06-02T02:00:00.000Z")) });
    await t.app.ready();
    await oaConnected(t.app);
    await userDoes(t.app, user, "follow");
  });
  afterAll(async () => t?.close());

  it("is answered by asking which one the person means; the button they tap gets that entry's answer", async () => {
    const asked = await say(t.app, user, "kich hoat lai vneid");
    expect(asked).toHaveLength(1);
    expect(asked[0]!.message.text).toBe("Bạn muốn hỏi điều nào dưới đây? Bấm vào câu đúng ý bạn:");
    const picks = buttonsOf(asked[0]!).filter((b) => String(b.payload).startsWith("#faq:"));
    expect(picks.map((b) => b.payload).sort()).toEqual(["#faq:cuoc-goi-kich-hoat-vneid", "#faq:vneid-dien-thoai-moi"]);
    expect(picks.map((b) => b.title).sort()).toEqual(FAQ.map((e) => e.question).sort());

    const answer = await say(t.app, user, "#faq:vneid-dien-thoai-moi");
    expect(answer[0]!.message.text).toBe(FAQ[0]!.answer);
    // A clear question still gets its answer at once.
    expect((await say(t.app, user, "co nguoi goi bao kich hoat lai vneid qua dien thoai"))[0]!.message.text).toBe(FAQ[1]!.answer);
  });
});
