import { describe, expect, it } from "vitest";
import { digitWords, numberWords, speechText, stepSpeech } from "./speech-text.js";

const PRON = [
  { written: "VNeID", spoken: "vê en e ai đi" },
  { written: "OTP", spoken: "ô tê pê" },
  { written: "QR", spoken: "cu a" },
  { written: "VietQR", spoken: "việt cu a" },
  { written: "CH Play", spoken: "chê hát plây" },
  { written: "gov", spoken: "gốp" },
  { written: "vn", spoken: "vê en" },
];

describe("what the machine voice reads", () => {
  it("reads numbers as words, with no unit appended", () => {
    expect(numberWords("2025")).toBe("hai nghìn không trăm hai mươi lăm");
    expect(numberWords("21")).toBe("hai mươi mốt");
    expect(digitWords("156")).toBe("một năm sáu");
  });

  it("says abbreviations as the list says, longest first, whole words only and case-sensitively", () => {
    expect(speechText("Mở VNeID, quét mã VietQR hoặc QR trên CH Play.", PRON)).toBe("Mở vê en e ai đi, quét mã việt cu a hoặc cu a trên chê hát plây.");
    expect(speechText("Không đọc mã OTP.", PRON)).toBe("Không đọc mã ô tê pê.");
    // Not inside other words, and not in another case.
    expect(speechText("OTPX và otp", PRON)).toBe("OTPX và otp");
  });

  it("reads codes and phone numbers digit by digit, amounts, ages, years and dates as numbers", () => {
    expect(speechText("Gọi 156 hoặc nhắn tin tới 5656.", PRON)).toBe("Gọi một năm sáu hoặc nhắn tin tới năm sáu năm sáu.");
    expect(speechText("Chuyển 500 nghìn đồng, người 67 tuổi, năm 2025.", PRON)).toBe(
      "Chuyển năm trăm nghìn đồng, người sáu mươi bảy tuổi, năm hai nghìn không trăm hai mươi lăm.",
    );
    expect(speechText("Từ 1/7/2024 và 100.000 đồng, 30%.", PRON)).toBe(
      "Từ ngày một tháng bảy năm hai nghìn không trăm hai mươi tư và một trăm nghìn đồng, ba mươi phần trăm.",
    );
  });

  it("reads web addresses part by part and drops bold markup", () => {
    expect(speechText("Vào **dichvucong.gov.vn** để nộp hồ sơ.", PRON)).toBe("Vào dichvucong chấm gốp chấm vê en để nộp hồ sơ.");
    expect(speechText("Trang có đuôi .gov.vn là của nhà nước.", PRON)).toBe("Trang có đuôi chấm gốp chấm vê en là của nhà nước.");
  });

  it("reads a step: its title, text and Lưu ý box, each a sentence", () => {
    expect(stepSpeech({ title: "Mở ứng dụng", text: "Bấm vào biểu tượng VNeID", note: "Không đọc OTP cho ai" }, PRON)).toBe(
      "Mở ứng dụng. Bấm vào biểu tượng vê en e ai đi. Lưu ý: Không đọc ô tê pê cho ai.",
    );
  });
});
