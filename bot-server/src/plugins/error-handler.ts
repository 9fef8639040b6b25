import type { FastifyError, FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError } from "../lib/errors.js";

interface Answer {
  status: number;
  error: string;
  message: string;
  problems?: AppError["problems"];
}

function classify(err: FastifyError): Answer {
  if (err instanceof AppError) return { status: err.statusCode, error: err.code, message: err.message, ...(err.problems ? { problems: err.problems } : {}) };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0];
    const where = first?.instancePath ? ` (${first.instancePath.replace(/^\//, "").replace(/\//g, ".")})` : "";
    return { status: 400, error: "invalid_request", message: `Dữ liệu gửi lên không hợp lệ${where}: ${first?.message ?? "sai định dạng"}.` };
  }
  switch (err.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { status: 413, error: "body_too_large", message: "Dữ liệu gửi lên quá lớn." };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return { status: 415, error: "unsupported_media_type", message: "Chỉ nhận dữ liệu dạng application/json." };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { status: 400, error: "malformed_json", message: "Dữ liệu JSON không đọc được." };
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return { status: 400, error: "invalid_content_length", message: "Độ dài dữ liệu không khớp." };
  }
  if (err instanceof SyntaxError && err.statusCode === 400) {
    return { status: 400, error: "malformed_json", message: "Dữ liệu JSON không đọc được." };
  }
  if (err.statusCode === 429) return { status: 429, error: "rate_limited", message: "Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút." };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500 && !isResponseSerializationError(err)) {
    return { status: err.statusCode, error: "bad_request", message: "Yêu cầu không hợp lệ." };
  }
  return { status: 500, error: "internal_error", message: "Máy chủ gặp lỗi. Vui lòng thử lại sau." };
}

/** One place that turns every failure into {error, message, requestId}: no stack or SQL ever reaches a client. */
export const errorHandler = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const a = classify(err);
    if (a.status >= 500) req.log.error({ err }, "request failed");
    else req.log.info({ code: a.error, msg: err.message }, "request refused");
    return reply.status(a.status).send({ error: a.error, message: a.message, ...(a.problems ? { problems: a.problems } : {}), requestId: req.id });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: "not_found", message: "Không tìm thấy địa chỉ này.", requestId: req.id }));
});
