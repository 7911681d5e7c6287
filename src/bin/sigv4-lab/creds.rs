//! Finding the credentials as the AWS CLI does: flags, then a file given with --credentials,
//! then what the request carries (`curl -u`), then the environment, then the shared files.
//!
//! The shared files are `AWS_SHARED_CREDENTIALS_FILE` (else `~/.aws/credentials`), whose
//! sections are `[name]`, and `AWS_CONFIG_FILE` (else `~/.aws/config`), whose sections are
//! `[profile name]` and `[default]`; the profile is `--profile`, else `AWS_PROFILE`, else
//! `default`. As in the AWS CLI, an explicit `--profile` wins over the environment's keys.

use std::path::PathBuf;

use sigv4_lab::input::{self, Credentials, Secret};

use crate::io::{read_text, Unusable};
use crate::opts::Common;

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn home() -> Option<PathBuf> {
    env("HOME")
        .or_else(|| env("USERPROFILE"))
        .map(PathBuf::from)
}

/// The environment's keys, when both are set.
fn from_env() -> Option<Credentials> {
    let (id, secret) = (env("AWS_ACCESS_KEY_ID")?, env("AWS_SECRET_ACCESS_KEY")?);
    Some(Credentials {
        access_key_id: id,
        secret_access_key: Secret::new(secret),
        session_token: env("AWS_SESSION_TOKEN").map(Secret::new),
        region: env("AWS_REGION").or_else(|| env("AWS_DEFAULT_REGION")),
        ..Credentials::default()
    })
}

/// The profile's keys from the shared credentials file, else the config file.
fn from_shared_files(profile: &str) -> Result<Option<Credentials>, Unusable> {
    let files = [
        env("AWS_SHARED_CREDENTIALS_FILE")
            .map(PathBuf::from)
            .or_else(|| home().map(|h| h.join(".aws/credentials"))),
        env("AWS_CONFIG_FILE")
            .map(PathBuf::from)
            .or_else(|| home().map(|h| h.join(".aws/config"))),
    ];
    for path in files.into_iter().flatten() {
        if !path.is_file() {
            continue;
        }
        let shown = path.to_string_lossy().into_owned();
        let text = read_text("shared credentials", &shown)?;
        if !input::credentials::profiles(&text)
            .iter()
            .any(|p| p == profile)
        {
            continue;
        }
        match input::credentials::parse(&text, Some(profile)) {
            Ok(c) if !c.access_key_id.is_empty() => return Ok(Some(c)),
            Ok(_) => continue,
            // A file that holds the profile but cannot be read is worth saying.
            Err(e) => return Err(Unusable(format!("{e} (file {shown}, profile {profile})"))),
        }
    }
    Ok(None)
}

/// The secret from --secret-access-key-file: the file's text without its final line break.
fn secret_from_file(path: &str) -> Result<String, Unusable> {
    let text = read_text("secret access key", path)?;
    let text = text.strip_suffix('\n').unwrap_or(&text);
    Ok(text.strip_suffix('\r').unwrap_or(text).to_string())
}

/// The credentials to sign (or verify) with. `hint` is what the request carried or implies;
/// `need_key_id` is false for verify, whose key id comes from the request.
pub fn resolve(
    o: &Common,
    hint: Option<Credentials>,
    need_key_id: bool,
) -> Result<Credentials, Unusable> {
    if o.request == "-" && o.secret_access_key_file.as_deref() == Some("-") {
        return Err(Unusable("The request and the secret access key cannot both come from standard input: give one of them as a file.".into()));
    }
    let explicit_profile = o.profile.clone();
    let mut creds = match &o.credentials {
        Some(path) => {
            let p = path.to_string_lossy();
            let text = read_text("credentials", &p)?;
            input::credentials::parse(&text, o.profile.as_deref())
                .map_err(|e| Unusable(format!("{e} (file {p})")))?
        }
        None => hint.unwrap_or_default(),
    };
    let flags_name_a_key = o.access_key_id.is_some()
        || o.secret_access_key.is_some()
        || o.secret_access_key_file.is_some();
    if creds.access_key_id.is_empty() && creds.secret_access_key.is_empty() && !flags_name_a_key {
        let profile = explicit_profile
            .clone()
            .or_else(|| env("AWS_PROFILE"))
            .unwrap_or_else(|| "default".into());
        let found = if explicit_profile.is_some() {
            from_shared_files(&profile)?.or_else(from_env)
        } else {
            from_env().map_or_else(|| from_shared_files(&profile), |c| Ok(Some(c)))?
        };
        if let Some(found) = found {
            creds = found;
        } else if let Some(p) = explicit_profile {
            return Err(Unusable(format!("The profile {p} is in neither ~/.aws/credentials nor ~/.aws/config (nor AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE).")));
        }
    }
    if let Some(v) = &o.access_key_id {
        creds.access_key_id = v.clone();
    }
    if let Some(v) = &o.secret_access_key {
        creds.secret_access_key = Secret::new(v.clone());
    }
    if let Some(path) = &o.secret_access_key_file {
        creds.secret_access_key = Secret::new(secret_from_file(path)?);
    }
    if let Some(v) = &o.session_token {
        creds.session_token = Some(Secret::new(v.clone()));
    }
    if need_key_id && creds.access_key_id.is_empty() {
        return Err(Unusable("No access key id was given: use --credentials FILE or --access-key-id, set AWS_ACCESS_KEY_ID, or name a profile of ~/.aws/credentials with --profile.".into()));
    }
    if creds.secret_access_key.is_empty() {
        return Err(Unusable("No secret access key was given: use --credentials FILE or --secret-access-key-file FILE, set AWS_SECRET_ACCESS_KEY, or name a profile of ~/.aws/credentials with --profile.".into()));
    }
    Ok(creds)
}
