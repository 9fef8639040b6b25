/** What the OA says. Kept together so wording can be reviewed (and later localised) in one place. */

export const CONSENT_VERSION = "2026-11-28";

export const CONSENT_TEXT =
  "Để gửi tin đúng xã/phường và chủ đề bạn quan tâm, Chuyển đổi số quốc gia cần lưu xã/phường và các chủ đề bạn chọn. " +
  "Chúng tôi không hỏi số điện thoại và không chia sẻ thông tin này cho bên nào khác. Bạn có thể hủy bất cứ lúc nào bằng cách gõ “Hủy”. " +
  "Việc lưu trữ tuân theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15. Bạn có đồng ý không?";

export const T = {
  welcome:
    "Chào mừng bạn đến với Chuyển đổi số quốc gia! Tại đây bạn học kỹ năng số qua các bài ngắn, hỏi đáp, làm bài kiểm tra nhanh và nhận tin của địa phương. Bạn muốn làm gì?",
  menu: "Bạn muốn làm gì? Chọn một nút bên dưới, hoặc gõ câu hỏi của bạn.",
  consentYes: "Cảm ơn bạn đã đồng ý. Giờ hãy chọn chủ đề bạn muốn nhận tin.",
  consentNo: "Không sao. Chúng tôi sẽ không lưu xã/phường hay chủ đề của bạn. Bạn vẫn có thể học, hỏi đáp và làm bài kiểm tra.",
  askQuestion: "Mời bạn gõ câu hỏi, ví dụ: “Cách kích hoạt VNeID?” hoặc “Bị lừa chuyển khoản thì làm gì?”. Gõ không dấu cũng được.",
  learn: "Bấm nút bên dưới để mở bài học trong ứng dụng Kỹ năng số cộng đồng.",
  learnNoLink:
    "Lưu ý: ứng dụng chưa được liên kết với OA này trong cài đặt của Zalo, nên ở đây chưa thấy được bạn đã học đến đâu. Bài học vẫn mở từ bài đầu; tiến độ của bạn vẫn được lưu trong ứng dụng.",
  noNews: "Hiện chưa có tin mới cho khu vực của bạn. Khi có tin, chúng tôi sẽ gửi cho bạn.",
  noNewsNotSubscribed: "Bạn chưa đăng ký nhận tin. Đăng ký để nhận tin của xã/phường bạn.",
  topicsPrompt: "Bạn muốn nhận tin về chủ đề nào? Gõ các số, ví dụ: 1 3 7. Gõ “tất cả” để nhận mọi chủ đề.",
  topicsInvalid: "Chưa rõ chủ đề bạn chọn. Hãy gõ các số từ 1 đến 7, ví dụ: 2 5, hoặc gõ “tất cả”.",
  communePrompt: "Bạn ở xã/phường nào? Gõ tên xã/phường và tỉnh/thành, không dấu cũng được. Ví dụ: phuong ba dinh ha noi.",
  communeNotFound: "Chưa tìm thấy xã/phường này. Hãy gõ lại tên xã/phường, có thể thêm tên tỉnh/thành, ví dụ: xa tan hoa dong thap.",
  communeTypeName: "Cảm ơn bạn. Hãy gõ tên xã/phường của bạn, ví dụ: phuong ba dinh ha noi.",
  communeNearby: "Gần vị trí bạn gửi có các xã/phường sau. Bấm chọn đúng nơi của bạn:",
  communeNearbyOther: "Nếu không phải, hãy gõ tên xã/phường của bạn.",
  communeChoose: "Bạn ở xã/phường nào trong các nơi sau? Bấm chọn đúng nơi của bạn:",
  unsubscribed: "Bạn đã hủy nhận tin. Bạn vẫn theo dõi Chuyển đổi số quốc gia và vẫn hỏi đáp, học bình thường. Muốn nhận lại, chọn “Nhận tin / Hủy tin”.",
  whichQuestion: "Bạn muốn hỏi điều nào dưới đây? Bấm vào câu đúng ý bạn:",
  notConfident:
    "Xin lỗi, tôi chưa có câu trả lời chắc chắn cho câu hỏi này. Câu hỏi đã được chuyển tới cán bộ phụ trách. Trong lúc chờ, bạn có thể xem hai bài học gần nhất:",
  quizDone: (correct: number, total: number) =>
    correct === total ? `Tuyệt vời! Bạn đúng cả ${total}/${total} câu.` : `Bạn đúng ${correct}/${total} câu. Học thêm bài bên dưới để nắm chắc hơn nhé.`,
  /** A commune offered for a shared location, with how far its point is (100 m steps under a kilometre). */
  communeNearbyLine: (name: string, km: number) =>
    `${name} (khoảng ${km < 1 ? `${Math.max(100, Math.round(km * 10) * 100)} m` : `${km.toFixed(1).replace(".", ",")} km`})`,
  textOnly: "Tôi chỉ đọc được tin nhắn chữ. Bạn gõ câu hỏi hoặc chọn một nút bên dưới nhé.",
  anonymousHint: "Bạn đang nhắn tin mà chưa quan tâm OA. Hãy bấm “Quan tâm” để nhận tin mới của xã, phường và học kỹ năng số mỗi ngày.",
};

/** What a person types (folded, without diacritics) to ask for the news waiting in their inbox. */
export const NEWS_TYPED = "tin moi";
