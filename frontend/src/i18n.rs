//! Vietnamese first, English second: the language is a signal every label reads.

use ioc_domain::Lang;
use leptos::prelude::*;

const KEY: &str = "ioc.lang";

#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    /// Reads the saved choice (Vietnamese when none) and keeps `<html lang>` in step.
    pub fn new() -> Self {
        let saved = crate::session::storage_get(KEY);
        let lang = if saved.as_deref() == Some("en") {
            Lang::En
        } else {
            Lang::Vi
        };
        let sig = RwSignal::new(lang);
        Effect::new(move |_| {
            let l = sig.get();
            let code = if l == Lang::En { "en" } else { "vi" };
            crate::session::storage_set(KEY, code);
            if let Some(el) = document().document_element() {
                let _ = el.set_attribute("lang", code);
            }
        });
        I18n(sig)
    }

    pub fn lang(self) -> Lang {
        self.0.get()
    }

    /// The label in the current language (tracked: re-renders on a switch).
    pub fn t(self, vi: &'static str, en: &'static str) -> &'static str {
        if self.0.get() == Lang::En {
            en
        } else {
            vi
        }
    }

    /// The same for owned strings (messages from the API carry both languages).
    pub fn pick(self, vi: &str, en: &str) -> String {
        if self.0.get() == Lang::En {
            en.to_owned()
        } else {
            vi.to_owned()
        }
    }

    /// A label as a signal, for components that take one.
    pub fn label(self, vi: &'static str, en: &'static str) -> Signal<String> {
        Signal::derive(move || self.t(vi, en).to_owned())
    }

    pub fn toggle(self) {
        self.0.update(|l| *l = if *l == Lang::En { Lang::Vi } else { Lang::En });
    }
}

pub fn i18n() -> I18n {
    expect_context::<I18n>()
}
