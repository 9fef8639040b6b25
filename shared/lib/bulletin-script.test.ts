import { describe, expect, it } from "vitest";
import { ASK_THE_TEAM, forListening, lessonScript, newsScript, scriptProblems, weekScript } from "./bulletin-script.js";

describe("scripts for the commune loudspeaker", () => {
  const lesson = {
    title: "Nhận biết trang web giả",
    summary: "Xem kỹ địa chỉ trước khi nhập mật khẩu.",
    keySteps: ["Đọc đuôi .gov.vn", "Không bấm **link lạ**"],
  };

  it("a lesson: what it is, the key steps numbered in words, then said again, then where to ask", () => {
    expect(lessonScript("Xã A", lesson).split("\n")).toEqual([
      "Xã A xin thông báo. Hướng dẫn bà con: Nhận biết trang web giả.",
      "Xem kỹ địa chỉ trước khi nhập mật khẩu.",
      "Bước một: Đọc đuôi .gov.vn.",
      "Bước hai: Không bấm link lạ.",
      "Xin nhắc lại các bước.",
      "Bước một: Đọc đuôi .gov.vn.",
      "Bước hai: Không bấm link lạ.",
      ASK_THE_TEAM,
    ]);
  });

  it("news: no links (a listener cannot tap one), one sentence a line", () => {
    expect(newsScript("Xã A", { title: "Lịch họp", text: "Họp lúc 8 giờ.\nXem tại https://xa-a.gov.vn/tin nhé." })).toBe(
      `Xã A xin thông báo. Lịch họp.\nHọp lúc 8 giờ.\nXem tại nhé.\n${ASK_THE_TEAM}`,
    );
    expect(forListening("Vào www.example.org ngay")).toBe("Vào ngay");
  });

  it("a week: each news in turn, then the lesson of the week", () => {
    const s = weekScript("Xã A", [{ title: "Tin một", text: "Nội dung." }], lesson);
    expect(s).toContain("Tin thứ nhất: Tin một.");
    expect(s).toContain("Bài học của tuần: Nhận biết trang web giả.");
  });

  it("names what is wrong for listening: a link, a sentence too long, a script too long", () => {
    expect(scriptProblems("Xem https://a.vn nhé.")).toEqual([expect.stringMatching(/đường link/)]);
    expect(scriptProblems(`${Array.from({ length: 35 }, () => "từ").join(" ")}.`)).toEqual([expect.stringMatching(/Câu quá dài/)]);
    expect(scriptProblems(Array.from({ length: 200 }, () => "Một câu ngắn gọn.").join(" "))).toEqual([expect.stringMatching(/tối đa 700 từ/)]);
    expect(scriptProblems(lessonScript("Xã A", lesson))).toEqual([]);
  });
});
