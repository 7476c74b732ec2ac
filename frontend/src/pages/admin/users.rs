//! Users: accounts, roles and units; passwords set here, never shown.

use ioc_domain::dto::{UserInput, UserView};
use ioc_domain::Role;
use leptos::prelude::*;

use super::{options, unit_options};
use crate::api::{self, ApiError};
use crate::components::{loaded, ErrorBanner, Field, FormErrors, Kind, SelectField};
use crate::i18n::i18n;

#[component]
pub fn UsersTab() -> impl IntoView {
    let i = i18n();
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        api::get::<Vec<UserView>>("/api/v1/users")
    });
    let editing = RwSignal::new(None::<Option<UserView>>);
    let done = Callback::new(move |_| {
        editing.set(None);
        reload.update(|n| *n += 1);
    });
    view! {
        {move || editing.get().map(|u| view! { <UserForm user=u on_done=done /> })}
        <button type="button" class="btn primary" data-testid="new-user" on:click=move |_| editing.set(Some(None))>
            {move || i.t("+ Thêm người dùng", "+ New user")}
        </button>
        {loaded(list, move |users| view! {
                <div class="table-wrap"><table class="data" data-testid="admin-users">
                    <thead><tr>
                        <th scope="col">{i.t("Tên đăng nhập", "Username")}</th><th scope="col">{i.t("Họ tên", "Name")}</th>
                        <th scope="col">{i.t("Vai trò", "Role")}</th><th scope="col">{i.t("Đơn vị", "Unit")}</th>
                        <th scope="col">{i.t("Trạng thái", "State")}</th><th scope="col">{i.t("Thao tác", "Actions")}</th>
                    </tr></thead>
                    <tbody>{users.into_iter().map(|u| {
                        let u1 = u.clone();
                        view! { <tr data-user-id=u.id>
                            <td>{u.username.clone()}</td><td>{u.display_name.clone()}</td>
                            <td>{i.t(u.role.label_vi(), u.role.label_en())}</td>
                            <td>{u.unit.as_ref().map(|x| x.name.clone()).unwrap_or_default()}</td>
                            <td>{if u.active { i.t("Hoạt động", "Active") } else { i.t("Đã khoá", "Disabled") }}</td>
                            <td><button type="button" class="btn secondary" on:click=move |_| editing.set(Some(Some(u1.clone())))>{i.t("Sửa", "Edit")}</button></td>
                        </tr> }
                    }).collect_view()}</tbody>
                </table></div>
            }.into_any())}
    }
}

#[component]
fn UserForm(user: Option<UserView>, on_done: Callback<()>) -> impl IntoView {
    let i = i18n();
    let u = user.as_ref();
    let username = RwSignal::new(u.map(|u| u.username.clone()).unwrap_or_default());
    let display_name = RwSignal::new(u.map(|u| u.display_name.clone()).unwrap_or_default());
    let role = RwSignal::new(u.map_or("viewer", |u| u.role.as_str()).to_owned());
    let unit = RwSignal::new(
        u.and_then(|u| u.unit.as_ref().map(|x| x.id.to_string()))
            .unwrap_or_default(),
    );
    let password = RwSignal::new(String::new());
    let email = RwSignal::new(u.and_then(|u| u.email.clone()).unwrap_or_default());
    let active = RwSignal::new(u.is_none_or(|u| u.active));
    let errors = FormErrors::new();
    let server_error = RwSignal::new(None::<ApiError>);
    let user = StoredValue::new(user);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let target = user.get_value();
        let pw = password.get_untracked();
        let input = UserInput {
            username: username.get_untracked(),
            display_name: display_name.get_untracked(),
            role: Role::parse(&role.get_untracked()).unwrap_or(Role::Viewer),
            unit_id: unit.get_untracked().parse().ok(),
            password: (!pw.is_empty()).then_some(pw),
            active: active.get_untracked(),
            email: Some(email.get_untracked()),
        };
        if let Err(e) = input.validate(target.is_none()) {
            errors.set(e.0);
            return;
        }
        let existing = target.map(|u| (u.id, api::etag("user", u.id, u.version)));
        errors.spawn_save(
            server_error,
            async move { api::save::<_, UserView>("/api/v1/users", existing, &input).await },
            move |_| on_done.run(()),
        );
    };
    view! {
        <form class="card subform" on:submit=save novalidate>
            <ErrorBanner error=server_error />
            <div class="form-grid">
                <Field id="usr-username" key="username" label=i.label("Tên đăng nhập", "Username") value=username errors=errors required=true />
                <Field id="usr-name" key="display_name" label=i.label("Họ tên", "Display name") value=display_name errors=errors required=true />
                <SelectField id="usr-role" key="role" label=i.label("Vai trò", "Role") value=role errors=errors options=options(|l| &l.roles) />
                <SelectField id="usr-unit" key="unit_id" label=i.label("Đơn vị", "Unit") value=unit errors=errors options=unit_options() allow_empty=true />
                <Field id="usr-password" key="password" label=i.label("Mật khẩu (để trống nếu không đổi)", "Password (blank keeps it)") value=password errors=errors kind=Kind::Password />
                <Field id="usr-email" key="email" label=i.label("E-mail nhận thông báo", "Notification e-mail") value=email errors=errors />
            </div>
            <div class="filter check">
                <input type="checkbox" id="usr-active" prop:checked=move || active.get() on:change=move |ev| active.set(event_target_checked(&ev)) />
                <label for="usr-active">{move || i.t("Đang hoạt động", "Active")}</label>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn primary">{move || i.t("Lưu", "Save")}</button>
                <button type="button" class="btn secondary" on:click=move |_| on_done.run(())>{move || i.t("Đóng", "Close")}</button>
            </div>
        </form>
    }
}
