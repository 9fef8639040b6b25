export const num = (n: number) => n.toLocaleString("vi-VN");
export const vnd = (n: number) => `${n.toLocaleString("vi-VN")} đ`;
