//! Credentials: a paste box that fills three fields, which also work on their own.

use time::OffsetDateTime;
use yew::prelude::*;

use super::invalid;
use crate::input::{ParseError, Secret};
use crate::text::{excerpt, QUOTE_CHARS};
use crate::timefmt;
use crate::ui::highlight::Part;
use crate::ui::state::Action;
use crate::ui::web::components::pointable::{Pointable, Pointing};
use crate::ui::web::components::widgets::{on_input, on_text, use_select_value, ParseErrorView};

#[derive(Properties, PartialEq)]
pub struct CredentialsProps {
    /// The paste box's text, and why it does not read, if it does not.
    pub text: AttrValue,
    pub error: Option<ParseError>,
    /// Profile names found in a pasted credentials file, and the chosen one.
    pub profiles: Vec<String>,
    pub profile: Option<String>,
    pub access_key_id: AttrValue,
    pub secret_access_key: Secret,
    pub session_token: Secret,
    pub expiration: Option<OffsetDateTime>,
    /// The page's clock, for the tense of the expiry.
    pub now: OffsetDateTime,
    /// A region that came with the credentials.
    pub region: Option<String>,
    pub show_secrets: bool,
    /// The part of the input pointed at, and who hears pointing.
    pub lit: Option<Part>,
    pub on_lit: Callback<Pointing>,
    pub on_action: Callback<Action>,
}

/// Credentials: a paste box that fills three fields, which also work on their own.
#[function_component(CredentialsCard)]
pub fn credentials_card(props: &CredentialsProps) -> Html {
    let on = &props.on_action;
    let secret_type = if props.show_secrets {
        "text"
    } else {
        "password"
    };
    let error = props.error.as_ref();
    let profile_select = use_select_value(
        props
            .profile
            .clone()
            .or_else(|| props.profiles.first().cloned())
            .unwrap_or_default(),
    );
    html! {
        <section class="card" aria-labelledby="credentials-title">
            <h2 id="credentials-title">{ "Credentials" }</h2>
            <p class="what">{ "They stay in this tab: nothing is stored, logged or sent anywhere." }</p>
            <label for="credentials-input">{ "Paste credentials" }</label>
            <p class="hint" id="credentials-hint">{ "A ~/.aws/credentials profile, export AWS_… lines, or the JSON of aws sts assume-role, get-session-token or configure export-credentials." }</p>
            <textarea id="credentials-input" data-testid="credentials-input" rows="4"
                spellcheck="false" autocomplete="off" autocapitalize="off"
                value={props.text.clone()}
                oninput={on_input(on, Action::PasteCredentials)}
                aria-invalid={invalid(error.is_some())}
                aria-describedby={if error.is_some() { "credentials-hint credentials-error" } else { "credentials-hint" }} />
            if let Some(e) = error {
                <ParseErrorView testid="credentials-error" error={e.clone()} text={props.text.clone()} />
            }
            if props.profiles.len() > 1 {
                <div class="field">
                    <label for="profile">{ "Profile" }</label>
                    <select id="profile" data-testid="profile" ref={profile_select} onchange={on_text(on, Action::SelectProfile)}>
                        { for props.profiles.iter().enumerate().map(|(i, p)| {
                            let chosen = match &props.profile { Some(c) => c == p, None => i == 0 };
                            html! { <option value={p.clone()} selected={chosen}>{ p }</option> }
                        }) }
                    </select>
                </div>
            }
            // A form only so the browser knows where the password fields belong; it is never submitted.
            <form class="grid" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <div class="field">
                    <label for="access-key-id">{ "Access key ID" }</label>
                    <input id="access-key-id" data-testid="access-key-id" type="text"
                        autocomplete="off" spellcheck="false" autocapitalize="off"
                        value={props.access_key_id.clone()}
                        oninput={on_input(on, Action::SetAccessKeyId)} />
                </div>
                <Pointable class="field" part={Part::Secret} lit={props.lit.clone()} on_lit={props.on_lit.clone()}>
                    <label for="secret-access-key">{ "Secret access key" }</label>
                    <input id="secret-access-key" data-testid="secret-access-key" type={secret_type}
                        autocomplete="off" spellcheck="false" autocapitalize="off"
                        value={props.secret_access_key.expose().to_string()}
                        oninput={on_input(on, Action::SetSecretAccessKey)} />
                </Pointable>
                <div class="field wide">
                    <label for="session-token">{ "Session token (temporary credentials only)" }</label>
                    <input id="session-token" data-testid="session-token" type={secret_type}
                        autocomplete="off" spellcheck="false" autocapitalize="off"
                        value={props.session_token.expose().to_string()}
                        oninput={on_input(on, Action::SetSessionToken)} />
                </div>
            </form>
            <div class="row">
                <button type="button" data-testid="show-secrets" aria-pressed={if props.show_secrets { "true" } else { "false" }}
                    onclick={on.reform(|_| Action::ToggleShowSecrets)}>{ "Show secrets" }</button>
                <button type="button" data-testid="clear-credentials"
                    onclick={on.reform(|_| Action::ClearCredentials)}>{ "Clear credentials" }</button>
            </div>
            if crate::diagnose::facts::EXAMPLE_KEY_IDS.contains(&props.access_key_id.trim()) {
                <p class="hint" data-testid="example-keys">{ "These are AWS's published example keys, not an account's: AWS answers them with InvalidClientTokenId. Paste your own to sign for real." }</p>
            }
            if let Some(t) = props.expiration {
                <p class={classes!("hint", (t <= props.now).then_some("expired"))} data-testid="expiration">{
                    if t <= props.now {
                        format!("These temporary credentials expired at {} ({} ago): AWS refuses them now; get new ones.", timefmt::iso(t), timefmt::duration_words((props.now - t).whole_seconds()))
                    } else {
                        format!("These temporary credentials expire at {} (in {}).", timefmt::iso(t), timefmt::duration_words((t - props.now).whole_seconds()))
                    }
                }</p>
            }
            if let Some(r) = &props.region {
                <p class="hint">{ format!("They came with the region {}, used when the host names none.", excerpt(r, QUOTE_CHARS)) }</p>
            }
        </section>
    }
}
