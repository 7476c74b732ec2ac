//! Documents the server writes from plain content structs (pure functions, unit-tested).

pub mod conclusions_docx;
