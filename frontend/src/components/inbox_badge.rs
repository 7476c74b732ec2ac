//! The header's unread-notification badge: polls the unread count cheaply (the server
//! answers 304 to `If-None-Match` while nothing changed) and links to the inbox.

use ioc_domain::dto::UnreadCount;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::i18n::i18n;
use crate::session;

const POLL_SECS: u64 = 30;
const PATH: &str = "/api/v1/notifications/unread-count";

/// The unread count, shared by the badge and the inbox (which bumps `reload` after a
/// change so the badge follows at once instead of at the next poll).
#[derive(Clone, Copy)]
pub struct Unread {
    pub count: RwSignal<u64>,
    pub reload: RwSignal<u32>,
}

impl Unread {
    pub fn provide() -> Unread {
        let u = Unread {
            count: RwSignal::new(0),
            reload: RwSignal::new(0),
        };
        provide_context(u);
        u
    }

    pub fn refresh(self) {
        self.reload.update(|n| *n += 1);
    }
}

pub fn unread() -> Unread {
    expect_context::<Unread>()
}

#[component]
pub fn InboxBadge() -> impl IntoView {
    let i = i18n();
    let u = unread();
    let etag = StoredValue::new(None::<String>);
    let poll = move || {
        if session::session().with_untracked(Option::is_none) {
            return;
        }
        leptos::task::spawn_local(async move {
            let tag = etag.get_value();
            if let Ok(Some((c, new_tag))) = api::get_if_changed::<UnreadCount>(PATH, tag.as_deref()).await {
                etag.set_value(new_tag);
                u.count.set(c.unread);
            }
        });
    };
    // At sign-in, after a change in the inbox, and on a timer.
    Effect::new(move |_| {
        u.reload.track();
        if session::session().with(Option::is_some) {
            etag.set_value(None);
            poll();
        }
    });
    let handle = set_interval_with_handle(poll, std::time::Duration::from_secs(POLL_SECS));
    on_cleanup(move || {
        if let Ok(h) = handle {
            h.clear();
        }
    });
    let label = move || {
        let n = u.count.get();
        if n == 0 {
            i.t("Thông báo: không có thông báo mới", "Notifications: none unread")
                .to_owned()
        } else {
            format!(
                "{}: {n} {}",
                i.t("Thông báo", "Notifications"),
                i.t("chưa đọc", "unread")
            )
        }
    };
    view! {
        <A href="/inbox" attr:class="inbox-link" attr:data-testid="inbox-link" attr:aria-label=label>
            <svg class="bell" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
            </svg>
            <Show when=move || { u.count.get() > 0 }>
                <span class="badge" data-testid="inbox-badge" data-value=move || u.count.get().to_string() aria-hidden="true">
                    {move || { let n = u.count.get(); if n > 99 { "99+".to_owned() } else { n.to_string() } }}
                </span>
            </Show>
        </A>
    }
}
