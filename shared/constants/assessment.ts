/** What a resident agrees to before a tổ member confirms their hands-on tasks; the version is kept with each confirmation. */
export const HANDS_ON_CONSENT = {
  version: "2026-12",
  text: "Tôi đồng ý để thành viên tổ công nghệ số ghi nhận rằng tôi đã tự làm các việc thực hành này trên điện thoại của tôi, và ghi vào sổ theo dõi của tổ những việc tôi đã làm được (như kích hoạt VNeID mức 2). Thành viên tổ không chụp ảnh màn hình và không ghi lại số giấy tờ, mật khẩu, mã OTP hay số dư của tôi.",
} as const;

/** What a household member without a smartphone agrees to, read to them by the tổ member before they are recorded. */
export const HOUSEHOLD_CONSENT = {
  version: "2026-12",
  text: "Tôi đồng ý để tổ công nghệ số ghi tên tôi và tên hộ gia đình vào sổ theo dõi, cùng những việc tôi đã làm được, chỉ để tổ và cán bộ xã, phường đếm số người đã biết dùng dịch vụ số. Không ghi số căn cước, số điện thoại hay thông tin nào khác của tôi.",
} as const;

/** A hands-on code: 6 characters of Crockford's base 32, shown on the resident's phone for 15 minutes. */
export const HANDS_ON_CODE = /^[0-9A-HJKMNP-TV-Z]{6}$/;
export const HANDS_ON_CODE_MINUTES = 15;

/** The national course's own certificate, for a resident who wants the official one. */
export const NATIONAL_COURSE_URL = "https://binhdanhocvuso.gov.vn";

/**
 * What a resident will want at hand before taking the national course for its official certificate. Kept to what
 * holds for any website course with videos: the platform's own sign-in and steps are not described here, since
 * they were not read from the platform itself (it says on screen what it asks for).
 */
export const NATIONAL_COURSE_CHECKLIST = [
  "Tự gõ địa chỉ binhdanhocvuso.gov.vn vào trình duyệt, không bấm đường link lạ gửi qua tin nhắn.",
  "Mạng ổn định, tốt nhất là Wi-Fi: các bài học trên trang có video.",
  "Tài khoản để đăng nhập: làm theo hướng dẫn trên trang; không đưa mật khẩu hay mã OTP cho ai.",
  "Thời gian để xem hết các bài và làm bài kiểm tra của trang.",
  "Cần giúp, hãy nhờ thành viên tổ công nghệ số cộng đồng ở xã, phường.",
] as const;
