//! The API's one error type and its RFC 7807 `application/problem+json` rendering.
//!
//! Every failure a handler can meet becomes an [`ApiError`]; `error_response` is the only
//! place that turns errors into HTTP. Bodies are written in Vietnamese; the `problem`
//! middleware re-renders them in English when the request prefers it.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use ioc_domain::dto::{ProblemDetails, ProblemFieldError};
use ioc_domain::{FieldError, Lang, ValidationErrors};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 422: the input parsed but broke a rule; one entry per field.
    #[error("validation failed: {0}")]
    Validation(ValidationErrors),
    /// 400: the request itself is malformed (bad JSON, bad query parameter).
    #[error("bad request: {0:?}")]
    BadRequest(Message),
    /// 401: no valid credentials.
    #[error("unauthorised: {0:?}")]
    Unauthorized(Message),
    /// 403: authenticated, but not allowed to do this to this object.
    #[error("forbidden")]
    Forbidden,
    /// 403 with the reason, when the caller may do the action but not in this way (a unit
    /// editor editing its project, but not its owning units).
    #[error("forbidden: {0:?}")]
    ForbiddenBecause(Message),
    /// 404: no such resource (or one the caller may not know of).
    #[error("not found")]
    NotFound,
    /// 405: the path exists, the method does not.
    #[error("method not allowed")]
    MethodNotAllowed(Vec<String>),
    /// 409: conflicts with stored data (duplicate code, referenced row...).
    #[error("conflict: {0:?}")]
    Conflict(Message),
    /// 412: `If-Match` names a version that is no longer current; nothing was changed.
    #[error("precondition failed")]
    PreconditionFailed { current_etag: Option<String> },
    /// 413: request body too large.
    #[error("payload too large")]
    PayloadTooLarge,
    /// 415: not JSON.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 428: an update without `If-Match`.
    #[error("precondition required")]
    PreconditionRequired,
    /// 429: too many failed logins; retry after the given seconds.
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// 500: a bug or an unavailable dependency; the cause is logged, never sent.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// A message with a stable code, in both languages.
#[derive(Debug, Clone)]
pub struct Message {
    pub code: &'static str,
    pub vi: String,
    pub en: String,
}

impl Message {
    pub fn new(code: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Message {
            code,
            vi: vi.into(),
            en: en.into(),
        }
    }
}

impl ApiError {
    pub fn bad_request(code: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError::BadRequest(Message::new(code, vi, en))
    }

    pub fn conflict(code: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError::Conflict(Message::new(code, vi, en))
    }

    pub fn unauthorized(code: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError::Unauthorized(Message::new(code, vi, en))
    }

    pub fn forbidden(code: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError::ForbiddenBecause(Message::new(code, vi, en))
    }

    /// One invalid field, for checks that need the database (unknown unit, duplicate date...).
    pub fn field(field: &str, code: &str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError::Validation(ValidationErrors(vec![FieldError::new(field, code, vi, en)]))
    }
}

impl From<FieldError> for ApiError {
    fn from(e: FieldError) -> Self {
        ApiError::Validation(ValidationErrors(vec![e]))
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(e: ValidationErrors) -> Self {
        ApiError::Validation(e)
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(e: sea_orm::DbErr) -> Self {
        ApiError::Unexpected(anyhow::Error::new(e).context("database error"))
    }
}

impl From<sea_orm::TransactionError<ApiError>> for ApiError {
    fn from(e: sea_orm::TransactionError<ApiError>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e,
        }
    }
}

/// The problem document (RFC 7807) with both languages kept until rendering.
#[derive(Debug, Clone)]
pub struct Problem {
    pub status: StatusCode,
    pub code: &'static str,
    pub title_vi: String,
    pub title_en: String,
    pub detail_vi: Option<String>,
    pub detail_en: Option<String>,
    pub errors: Vec<FieldError>,
    pub current_etag: Option<String>,
}

pub const PROBLEM_JSON: &str = "application/problem+json";

impl Problem {
    pub fn render(&self, lang: Lang) -> String {
        let (title, detail) = match lang {
            Lang::Vi => (&self.title_vi, &self.detail_vi),
            Lang::En => (&self.title_en, &self.detail_en),
        };
        let body = ProblemDetails {
            type_: format!("https://ioc.dongnai.gov.vn/problems/{}", self.code.replace('_', "-")),
            title: title.clone(),
            status: self.status.as_u16(),
            detail: detail.clone(),
            code: self.code.to_owned(),
            errors: self
                .errors
                .iter()
                .map(|e| ProblemFieldError {
                    field: e.field.clone(),
                    code: e.code.clone(),
                    message: if lang == Lang::En { &e.message_en } else { &e.message_vi }.clone(),
                    message_vi: e.message_vi.clone(),
                    message_en: e.message_en.clone(),
                })
                .collect(),
            current_etag: self.current_etag.clone(),
        };
        serde_json::to_string(&body).unwrap_or_else(|_| "{}".into())
    }

    pub fn simple(status: StatusCode, code: &'static str, vi: &str, en: &str) -> Problem {
        Problem {
            status,
            code,
            title_vi: vi.into(),
            title_en: en.into(),
            detail_vi: None,
            detail_en: None,
            errors: vec![],
            current_etag: None,
        }
    }

    pub fn response(self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status);
        res.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
        let body = self.render(Lang::Vi);
        let mut res = res.body(body);
        res.extensions_mut().insert(self);
        res
    }
}

impl ApiError {
    pub fn problem(&self) -> Problem {
        use ApiError::*;
        let with_detail = |status, code, title_vi: &str, title_en: &str, m: &Message| Problem {
            detail_vi: Some(m.vi.clone()),
            detail_en: Some(m.en.clone()),
            ..Problem::simple(status, code, title_vi, title_en)
        };
        match self {
            Validation(errs) => Problem {
                errors: errs.0.clone(),
                ..Problem::simple(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation_failed",
                    "Dữ liệu không hợp lệ",
                    "Invalid data",
                )
            },
            BadRequest(m) => Problem {
                code: m.code,
                ..with_detail(
                    StatusCode::BAD_REQUEST,
                    "bad_request",
                    "Yêu cầu không hợp lệ",
                    "Bad request",
                    m,
                )
            },
            Unauthorized(m) => Problem {
                code: m.code,
                ..with_detail(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    "Chưa xác thực",
                    "Not authenticated",
                    m,
                )
            },
            Forbidden => Problem::simple(
                StatusCode::FORBIDDEN,
                "forbidden",
                "Bạn không có quyền thực hiện thao tác này",
                "You are not allowed to do this",
            ),
            ForbiddenBecause(m) => Problem {
                code: m.code,
                ..with_detail(
                    StatusCode::FORBIDDEN,
                    "forbidden",
                    "Bạn không có quyền thực hiện thao tác này",
                    "You are not allowed to do this",
                    m,
                )
            },
            NotFound => Problem::simple(StatusCode::NOT_FOUND, "not_found", "Không tìm thấy", "Not found"),
            MethodNotAllowed(_) => Problem::simple(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "Phương thức không được hỗ trợ",
                "Method not allowed",
            ),
            Conflict(m) => Problem {
                code: m.code,
                ..with_detail(StatusCode::CONFLICT, "conflict", "Xung đột dữ liệu", "Conflict", m)
            },
            PreconditionFailed { current_etag } => Problem {
                current_etag: current_etag.clone(),
                detail_vi: Some("Dữ liệu đã được người khác cập nhật. Hãy tải lại và nhập lại thay đổi.".into()),
                detail_en: Some("Someone else updated this data. Reload it and re-apply your changes.".into()),
                ..Problem::simple(
                    StatusCode::PRECONDITION_FAILED,
                    "stale_version",
                    "Phiên bản dữ liệu đã cũ",
                    "Stale version",
                )
            },
            PayloadTooLarge => Problem::simple(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "Dữ liệu gửi lên quá lớn",
                "Payload too large",
            ),
            UnsupportedMediaType => Problem {
                detail_vi: Some("Nội dung phải là JSON (Content-Type: application/json).".into()),
                detail_en: Some("The body must be JSON (Content-Type: application/json).".into()),
                ..Problem::simple(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "Định dạng không được hỗ trợ",
                    "Unsupported media type",
                )
            },
            PreconditionRequired => Problem {
                detail_vi: Some("Cần gửi tiêu đề If-Match với ETag đã đọc.".into()),
                detail_en: Some("Send an If-Match header with the ETag you read.".into()),
                ..Problem::simple(
                    StatusCode::PRECONDITION_REQUIRED,
                    "if_match_required",
                    "Thiếu If-Match",
                    "If-Match required",
                )
            },
            TooManyRequests { .. } => Problem::simple(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_attempts",
                "Đăng nhập sai quá nhiều lần, vui lòng thử lại sau",
                "Too many failed logins; try again later",
            ),
            Unexpected(_) => Problem::simple(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "Lỗi hệ thống",
                "Internal server error",
            ),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.problem().status
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Unexpected(e) = self {
            tracing::error!(error = ?e, "request failed");
        }
        let mut res = self.problem().response();
        match self {
            ApiError::MethodNotAllowed(allow) => {
                if let Ok(v) = header::HeaderValue::from_str(&allow.join(", ")) {
                    res.headers_mut().insert(header::ALLOW, v);
                }
            }
            ApiError::TooManyRequests { retry_after_secs } => {
                res.headers_mut()
                    .insert(header::RETRY_AFTER, header::HeaderValue::from(*retry_after_secs));
            }
            ApiError::Unauthorized(_) => {
                res.headers_mut()
                    .insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
        res
    }
}
