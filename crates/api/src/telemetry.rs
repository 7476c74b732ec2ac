//! Logging: human-readable by default, JSON lines for log shippers (`IOC_LOG_FORMAT=json`).
//!
//! One record is one line, whatever it contains: a query value, a username or an error
//! message with a newline in it must not be able to write a line that looks like another
//! record. JSON escapes control characters itself; the text format goes through
//! [`OneLinePerRecord`], which escapes them (ANSI colours are off for the same reason: they
//! are control characters too).

use std::io::{self, Write};

use tracing::Subscriber;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::{fmt, EnvFilter};

use crate::config::LogFormat;

pub fn init(format: LogFormat) {
    use tracing_subscriber::util::SubscriberInitExt;
    let _ = subscriber(format, io::stdout).try_init();
}

/// The subscriber `init` installs, writing to `writer` (tests capture it).
pub fn subscriber<W>(format: LogFormat, writer: W) -> Box<dyn Subscriber + Send + Sync>
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = fmt().with_env_filter(filter);
    match format {
        LogFormat::Json => Box::new(builder.json().with_writer(writer).finish()),
        LogFormat::Text => Box::new(builder.with_ansi(false).with_writer(OneLinePerRecord(writer)).finish()),
    }
}

/// Wraps a writer so that each record (the formatter writes one record per `write`) ends up
/// on one line: control characters inside it are written as escapes (`\n`, `\u{1b}`).
pub struct OneLinePerRecord<W>(pub W);

impl<'a, W: MakeWriter<'a>> MakeWriter<'a> for OneLinePerRecord<W> {
    type Writer = Escaping<W::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        Escaping(self.0.make_writer())
    }
}

pub struct Escaping<W>(W);

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let (body, end) = match text.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (&*text, ""),
        };
        self.0.write_all(escape_controls(body).as_bytes())?;
        self.0.write_all(end.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// `\n`, `\r`, `\t` as themselves escaped; other control characters as `\u{..}`.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn log_with(format: LogFormat, emit: impl FnOnce()) -> String {
        let captured = Captured::default();
        let sink = captured.clone();
        let sub = subscriber(format, move || sink.clone());
        tracing::subscriber::with_default(sub, emit);
        let bytes = captured.0.lock().unwrap().clone();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn a_newline_in_a_value_cannot_forge_a_log_line() {
        let forged = "x\n2026-01-01T00:00:00Z  INFO login succeeded user=admin\r\u{1b}[2J";
        for format in [LogFormat::Text, LogFormat::Json] {
            let out = log_with(format, || {
                let span = tracing::info_span!("request", q = forged);
                span.in_scope(|| tracing::info!(username = forged, "{forged}"));
            });
            assert_eq!(out.lines().count(), 1, "{format:?}: {out}");
            assert!(out.ends_with('\n'));
            assert!(!out.contains('\r') && !out.contains('\u{1b}'), "{format:?}: {out:?}");
        }
    }

    #[test]
    fn plain_records_are_unchanged() {
        assert_eq!(escape_controls("Dự án cầu Cát Lái"), "Dự án cầu Cát Lái");
        assert_eq!(escape_controls("a\nb\u{0}"), "a\\nb\\u{0}");
    }
}
