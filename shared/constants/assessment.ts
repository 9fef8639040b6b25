/** What a resident agrees to before a tổ member confirms their hands-on tasks; the version is kept with each confirmation. */
export const HANDS_ON_CONSENT = {
  version: "2026-12",
  text: "Tôi đồng ý để thành viên tổ công nghệ số ghi nhận rằng tôi đã tự làm các việc thực hành này trên điện thoại của tôi. Thành viên tổ không chụp ảnh màn hình và không ghi lại số giấy tờ, mật khẩu, mã OTP hay số dư của tôi.",
} as const;

/** A hands-on code: 6 characters of Crockford's base 32, shown on the resident's phone for 15 minutes. */
export const HANDS_ON_CODE = /^[0-9A-HJKMNP-TV-Z]{6}$/;
export const HANDS_ON_CODE_MINUTES = 15;

/** The national course's own certificate, for a resident who wants the official one. */
export const NATIONAL_COURSE_URL = "https://binhdanhocvuso.gov.vn";
